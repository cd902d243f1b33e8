#!/usr/bin/env python3
"""Writes gold.jsonl: short news-style texts (written for this project) with
every fact of the evaluated types annotated by hand. Run to regenerate."""
import json

REF = "2021-12-28T12:00:00Z"  # a Tuesday
F = lambda t, text, value, unit="": {"type": t, "text": text, "value": value, "unit": unit}

docs = []
def doc(id, lang, text, facts, ref=REF):
    docs.append({"id": id, "lang": lang, "reference_time": ref, "text": text, "facts": facts})

# ---------------------------------------------------------------- English
sample = open(__file__.rsplit("/", 2)[0] + "/articles/us-russia-ukraine-talks.txt", encoding="utf-8").read()
doc("en-sample", "en", sample, [
    F("DATE", "early January", "2022-01"),
    F("DATE", "10th of January", "2022-01-10"),
    F("DATE", "Monday", "2021-12-27"),
    F("DATE", "12th of January", "2022-01-12"),
    F("DATE", "the following day", "2022-01-13"),
    F("DATE", "Tuesday", "2021-12-28"),
    F("DATE", "2014", "2014"),
    F("DURATION", "two months", "P2M"),
    F("MONEY", "$300 million", "300000000", "USD"),
    F("QUANTITY", "tens of thousands of troops", "10000", "troops"),
    F("PERSON", "Sergei Ryabkov", "Sergei Ryabkov"),
    F("PERSON", "Joe Biden", "Joe Biden"),
    F("PLACE", "US", "United States"),
    F("PLACE", "Ukraine", "Ukraine"),
    F("PLACE", "Russia", "Russia"),
    F("PLACE", "Moscow", "Moscow"),
    F("PLACE", "Washington", "Washington"),
    F("PLACE", "Geneva", "Geneva"),
    F("PLACE", "Brussels", "Brussels"),
    F("PLACE", "Vienna", "Vienna"),
    F("PLACE", "Crimea", "Crimea"),
    F("ORGANIZATION", "NATO", "NATO"),
    F("ORGANIZATION", "Organisation for Security and Cooperation in Europe",
      "Organisation for Security and Cooperation in Europe"),
])
doc("en-econ", "en",
    "Germany's economy grew 2.7 per cent in 2021, the Federal Statistical Office said on Friday. "
    "Chancellor Olaf Scholz said the government would spend €60bn on climate projects by 2026. "
    "Unemployment fell to 5.1% in November.",
    [F("PLACE", "Germany", "Germany"), F("PERCENT", "2.7 per cent", "2.7"), F("DATE", "2021", "2021"),
     F("ORGANIZATION", "Federal Statistical Office", "Federal Statistical Office"),
     F("DATE", "Friday", "2021-12-24"), F("PERSON", "Olaf Scholz", "Olaf Scholz"),
     F("MONEY", "€60bn", "60000000000", "EUR"), F("DATE", "2026", "2026"),
     F("PERCENT", "5.1%", "5.1"), F("DATE", "November", "2021-11")])
doc("en-space", "en",
    "China launched 14 weather satellites on 3 December 2021 from the Jiuquan launch centre. "
    "The mission cost 1.2 billion yuan, state media said. Two weeks later, a second rocket carrying "
    "3 probes lifted off.",
    [F("PLACE", "China", "China"), F("QUANTITY", "14 weather satellites", "14", "weather satellites"),
     F("DATE", "3 December 2021", "2021-12-03"), F("MONEY", "1.2 billion yuan", "1200000000", "CNY"),
     F("DATE", "Two weeks later", "2021-12-17"), F("QUANTITY", "3 probes", "3", "probes")])
doc("en-court", "en",
    "A court in London sentenced the former banker to 12 years in prison on Wednesday. "
    "Prosecutors said he had stolen £4.5 million between March 2015 and the end of 2017. "
    "The hearing began at 9:30 a.m.",
    [F("PLACE", "London", "London"), F("DURATION", "12 years", "P12Y"), F("DATE", "Wednesday", "2021-12-22"),
     F("MONEY", "£4.5 million", "4500000", "GBP"), F("DATE", "between March 2015 and the end of 2017", "2015-03/2017-12"),
     F("TIME", "9:30 a.m.", "09:30")])
doc("en-storm", "en",
    "Hundreds of homes were flooded in Florida yesterday after 30 centimetres of rain fell in 24 hours. "
    "Governor Ron DeSantis declared an emergency. Officials expect the water to recede in two weeks.",
    [F("QUANTITY", "Hundreds of homes", "100", "homes"), F("PLACE", "Florida", "Florida"),
     F("DATE", "yesterday", "2021-12-27"), F("QUANTITY", "30 centimetres", "30", "centimetres"),
     F("DURATION", "24 hours", "PT24H"), F("PERSON", "Ron DeSantis", "Ron DeSantis"),
     F("DATE", "in two weeks", "2022-01-11")])
doc("en-tech", "en",
    "Microsoft Corp said on Monday it would buy the start-up for US$2.5 billion. "
    "The deal, expected to close next year, values each share at $45. "
    "Shares rose 4 percent in New York.",
    [F("ORGANIZATION", "Microsoft Corp", "Microsoft Corp"), F("DATE", "Monday", "2021-12-27"),
     F("MONEY", "US$2.5 billion", "2500000000", "USD"), F("DATE", "next year", "2022"),
     F("MONEY", "$45", "45", "USD"), F("PERCENT", "4 percent", "4"), F("PLACE", "New York", "New York")])
doc("en-negative", "en",
    "For more information call +44 20 7946 0958 or see page 12 of the report. "
    "The second phase starts soon.\n1. Background\n2. Findings\n"
    "Windows 2000 machines were affected.",
    [])
doc("en-health", "en",
    "The World Health Organization said 5,000 new cases were reported last week. "
    "Dr. Maria Van Kerkhove warned that cases could double within 10 days. "
    "The agency will meet on January 5, 2022 in Geneva.",
    [F("ORGANIZATION", "World Health Organization", "World Health Organization"),
     F("QUANTITY", "5,000 new cases", "5000", "cases"), F("DATE", "last week", "2021-W51"),
     F("PERSON", "Maria Van Kerkhove", "Maria Van Kerkhove"), F("DATE", "within 10 days", "2022-01-07"),
     F("DATE", "January 5, 2022", "2022-01-05"), F("PLACE", "Geneva", "Geneva")])

# ---------------------------------------------------------------- German
doc("de-budget", "de",
    "Die Bundesregierung will 450 Millionen Euro für die Ukraine bereitstellen. Das teilte "
    "Bundeskanzler Olaf Scholz am Montag in Berlin mit. Die Inflation stieg im November auf 5,2 Prozent.",
    [F("ORGANIZATION", "Bundesregierung", "Bundesregierung"), F("MONEY", "450 Millionen Euro", "450000000", "EUR"),
     F("PLACE", "Ukraine", "Ukraine"), F("PERSON", "Olaf Scholz", "Olaf Scholz"), F("DATE", "Montag", "2021-12-27"),
     F("PLACE", "Berlin", "Berlin"), F("DATE", "November", "2021-11"), F("PERCENT", "5,2 Prozent", "5.2")])
doc("de-talks", "de",
    "Am 10. Januar 2022 treffen sich Vertreter Russlands und der Nato in Genf, am Folgetag in Brüssel. "
    "Zehntausende Soldaten stehen seit zwei Monaten an der Grenze.",
    [F("DATE", "10. Januar 2022", "2022-01-10"), F("PLACE", "Russlands", "Russland"), F("ORGANIZATION", "Nato", "Nato"),
     F("PLACE", "Genf", "Genf"), F("DATE", "am Folgetag", "2022-01-11"), F("PLACE", "Brüssel", "Brüssel"),
     F("QUANTITY", "Zehntausende Soldaten", "10000", "Soldaten"), F("DURATION", "zwei Monaten", "P2M")])
doc("de-bank", "de",
    "Die Deutsche Bank meldete für das dritte Quartal einen Gewinn von 2,3 Mrd. Euro. "
    "Vor drei Jahren hatte das Institut noch Verluste geschrieben. Die Hauptversammlung beginnt um 10 Uhr.",
    [F("ORGANIZATION", "Deutsche Bank", "Deutsche Bank"), F("MONEY", "2,3 Mrd. Euro", "2300000000", "EUR"),
     F("DATE", "Vor drei Jahren", "2018"), F("TIME", "10 Uhr", "10:00"),
     F("ORDINAL", "dritte", "3", "Quartal")])
doc("de-energy", "de",
    "Der Vertrag läuft von 2014 bis 2016 und umfasst 1.500 Windräder. "
    "Anfang März will Wirtschaftsminister Robert Habeck nach Wien reisen.",
    [F("DATE", "von 2014 bis 2016", "2014/2016"), F("QUANTITY", "1.500 Windräder", "1500", "Windräder"),
     F("DATE", "Anfang März", "2022-03"), F("PERSON", "Robert Habeck", "Robert Habeck"), F("PLACE", "Wien", "Wien")])

# ---------------------------------------------------------------- French
doc("fr-budget", "fr",
    "Le gouvernement a débloqué 2,3 milliards d'euros. Le président Emmanuel Macron a annoncé lundi la "
    "mesure à Paris. Le chômage a reculé à 7,4 % en 2021.",
    [F("MONEY", "2,3 milliards d'euros", "2300000000", "EUR"), F("PERSON", "Emmanuel Macron", "Emmanuel Macron"),
     F("DATE", "lundi", "2021-12-27"), F("PLACE", "Paris", "Paris"), F("PERCENT", "7,4 %", "7.4"),
     F("DATE", "2021", "2021")])
doc("fr-talks", "fr",
    "Les discussions auront lieu le 10 janvier 2022 à Genève, puis le lendemain à Bruxelles avec "
    "l'Organisation pour la sécurité et la coopération en Europe. Des dizaines de milliers de soldats "
    "sont massés près de l'Ukraine.",
    [F("DATE", "10 janvier 2022", "2022-01-10"), F("PLACE", "Genève", "Genève"), F("DATE", "le lendemain", "2022-01-11"),
     F("PLACE", "Bruxelles", "Bruxelles"),
     F("ORGANIZATION", "Organisation pour la sécurité et la coopération en Europe",
       "Organisation pour la sécurité et la coopération en Europe"),
     F("QUANTITY", "Des dizaines de milliers de soldats", "10000", "soldats"), F("PLACE", "Ukraine", "Ukraine")])
doc("fr-strike", "fr",
    "Du 10 au 12 janvier, 14 300 personnes ont manifesté à Lyon. Il y a trois ans, un mouvement similaire "
    "avait duré deux mois. La manifestation commence à 14h30.",
    [F("DATE", "Du 10 au 12 janvier", "2022-01-10/2022-01-12"), F("QUANTITY", "14 300 personnes", "14300", "personnes"),
     F("PLACE", "Lyon", "Lyon"), F("DATE", "Il y a trois ans", "2018"), F("DURATION", "deux mois", "P2M"),
     F("TIME", "14h30", "14:30")])
doc("fr-otan", "fr",
    "Début janvier, l'OTAN se réunira à Bruxelles. L'an dernier, les dépenses militaires ont augmenté de 3 %.",
    [F("DATE", "Début janvier", "2022-01"), F("ORGANIZATION", "OTAN", "OTAN"), F("PLACE", "Bruxelles", "Bruxelles"),
     F("DATE", "L'an dernier", "2020"), F("PERCENT", "3 %", "3")])

# ---------------------------------------------------------------- Spanish
doc("es-budget", "es",
    "El presidente Pedro Sánchez lo anunció el lunes en Madrid. El Gobierno aprobó 300 millones de euros "
    "el 10 de enero de 2022. El paro bajó al 12,5 por ciento.",
    [F("PERSON", "Pedro Sánchez", "Pedro Sánchez"), F("DATE", "lunes", "2021-12-27"), F("PLACE", "Madrid", "Madrid"),
     F("MONEY", "300 millones de euros", "300000000", "EUR"), F("DATE", "10 de enero de 2022", "2022-01-10"),
     F("PERCENT", "12,5 por ciento", "12.5")])
doc("es-otan", "es",
    "Al día siguiente, la OTAN se reunió en Bruselas. Decenas de miles de soldados rusos están en la "
    "frontera con Ucrania. A principios de enero, EE.UU. y Rusia negociarán en Ginebra.",
    [F("ORGANIZATION", "OTAN", "OTAN"), F("PLACE", "Bruselas", "Bruselas"),
     F("QUANTITY", "Decenas de miles de soldados", "10000", "soldados"), F("PLACE", "Ucrania", "Ucrania"),
     F("DATE", "A principios de enero", "2022-01"), F("PLACE", "EE.UU.", "Estados Unidos"),
     F("PLACE", "Rusia", "Rusia"), F("PLACE", "Ginebra", "Ginebra")])
doc("es-econ", "es",
    "Hace tres años la economía de México creció un 2 %. El año pasado, el banco central subió los tipos "
    "hasta el 5,5 %.",
    [F("DATE", "Hace tres años", "2018"), F("PLACE", "México", "México"), F("PERCENT", "2 %", "2"),
     F("DATE", "El año pasado", "2020"), F("PERCENT", "5,5 %", "5.5")])

# ---------------------------------------------------------------- Italian
doc("it-budget", "it",
    "Il governo ha stanziato 2,5 miliardi di euro il 10 gennaio 2022. Il presidente Sergio Mattarella "
    "ha parlato lunedì a Roma. L'inflazione è salita al 4,5 per cento.",
    [F("MONEY", "2,5 miliardi di euro", "2500000000", "EUR"), F("DATE", "10 gennaio 2022", "2022-01-10"),
     F("PERSON", "Sergio Mattarella", "Sergio Mattarella"), F("DATE", "lunedì", "2021-12-27"),
     F("PLACE", "Roma", "Roma"), F("PERCENT", "4,5 per cento", "4.5")])
doc("it-nato", "it",
    "Il giorno dopo la Nato si è riunita a Bruxelles. Decine di migliaia di soldati sono al confine con "
    "l'Ucraina. Tre anni fa il piano era fallito.",
    [F("ORGANIZATION", "Nato", "Nato"), F("PLACE", "Bruxelles", "Bruxelles"),
     F("QUANTITY", "Decine di migliaia di soldati", "10000", "soldati"), F("PLACE", "Ucraina", "Ucraina"),
     F("DATE", "Tre anni fa", "2018")])
doc("it-econ", "it",
    "L'anno scorso il prodotto interno lordo dell'Italia è cresciuto del 6 %. Il ministro Daniele Franco "
    "ha presentato il piano a Milano.",
    [F("DATE", "L'anno scorso", "2020"), F("PLACE", "Italia", "Italia"), F("PERCENT", "6 %", "6"),
     F("PERSON", "Daniele Franco", "Daniele Franco"), F("PLACE", "Milano", "Milano")])

# ---------------------------------------------------------------- Portuguese
doc("pt-budget", "pt",
    "O governo liberou 300 milhões de reais em 10 de janeiro de 2022. O presidente Luiz Inácio Lula da Silva "
    "falou na segunda-feira em Brasília. A inflação subiu para 4,5%.",
    [F("MONEY", "300 milhões de reais", "300000000", "BRL"), F("DATE", "10 de janeiro de 2022", "2022-01-10"),
     F("PERSON", "Luiz Inácio Lula da Silva", "Luiz Inácio Lula da Silva"), F("DATE", "segunda-feira", "2021-12-27"),
     F("PLACE", "Brasília", "Brasília"), F("PERCENT", "4,5%", "4.5")])
doc("pt-nato", "pt",
    "No dia seguinte, a Otan se reuniu em Bruxelas. Dezenas de milhares de soldados estão na fronteira da "
    "Ucrânia. Há três anos o plano falhou.",
    [F("ORGANIZATION", "Otan", "Otan"), F("PLACE", "Bruxelas", "Bruxelas"),
     F("QUANTITY", "Dezenas de milhares de soldados", "10000", "soldados"), F("PLACE", "Ucrânia", "Ucrânia"),
     F("DATE", "Há três anos", "2018")])
doc("pt-portugal", "pt",
    "Em 2021, Portugal recebeu 12 milhões de turistas. O primeiro-ministro António Costa disse que o "
    "turismo cresceu 8% no último trimestre.",
    [F("DATE", "2021", "2021"), F("PLACE", "Portugal", "Portugal"),
     F("QUANTITY", "12 milhões de turistas", "12000000", "turistas"),
     F("PERSON", "António Costa", "António Costa"), F("PERCENT", "8%", "8")])

# ---------------------------------------------------------------- Dutch
doc("nl-budget", "nl",
    "De regering trekt 450 miljoen euro uit op 10 januari 2022. Premier Mark Rutte zei maandag in Den Haag "
    "dat de inflatie 4,5 procent bedroeg.",
    [F("MONEY", "450 miljoen euro", "450000000", "EUR"), F("DATE", "10 januari 2022", "2022-01-10"),
     F("PERSON", "Mark Rutte", "Mark Rutte"), F("DATE", "maandag", "2021-12-27"), F("PLACE", "Den Haag", "Den Haag"),
     F("PERCENT", "4,5 procent", "4.5")])
doc("nl-navo", "nl",
    "Een dag later vergaderde de NAVO in Brussel. Tienduizenden soldaten staan aan de grens met Oekraïne. "
    "Drie jaar geleden mislukte het plan. Om 15 uur begint de vergadering.",
    [F("ORGANIZATION", "NAVO", "NAVO"), F("PLACE", "Brussel", "Brussel"),
     F("QUANTITY", "Tienduizenden soldaten", "10000", "soldaten"), F("PLACE", "Oekraïne", "Oekraïne"),
     F("DATE", "Drie jaar geleden", "2018"), F("TIME", "15 uur", "15:00")])
doc("nl-econ", "nl",
    "Vorig jaar groeide de economie van Nederland met 3,5 procent. Minister Wopke Hoekstra presenteerde "
    "in Amsterdam een plan van 20 miljard euro.",
    [F("DATE", "Vorig jaar", "2020"), F("PLACE", "Nederland", "Nederland"), F("PERCENT", "3,5 procent", "3.5"),
     F("PERSON", "Wopke Hoekstra", "Wopke Hoekstra"), F("PLACE", "Amsterdam", "Amsterdam"),
     F("MONEY", "20 miljard euro", "20000000000", "EUR")])

# ---------------------------------------------------------------- Russian
doc("ru-budget", "ru",
    "Россия выделит 3,5 млрд рублей на проект. Об этом заявил замминистра иностранных дел России "
    "Сергей Рябков в понедельник в Москве. Инфляция составила 8,4%.",
    [F("PLACE", "Россия", "Россия"), F("MONEY", "3,5 млрд рублей", "3500000000", "RUB"),
     F("PERSON", "Сергей Рябков", "Сергей Рябков"), F("DATE", "понедельник", "2021-12-27"),
     F("PLACE", "Москве", "Москва"), F("PERCENT", "8,4%", "8.4")])
doc("ru-talks", "ru",
    "Переговоры пройдут 10 января 2022 года в Женеве, а на следующий день в Брюсселе. Десятки тысяч "
    "военных находятся у границ Украины. В начале января НАТО и ОБСЕ проведут встречи.",
    [F("DATE", "10 января 2022 года", "2022-01-10"), F("PLACE", "Женеве", "Женева"),
     F("DATE", "на следующий день", "2022-01-11"), F("PLACE", "Брюсселе", "Брюссель"),
     F("QUANTITY", "Десятки тысяч военных", "10000", "военных"), F("PLACE", "Украины", "Украина"),
     F("DATE", "В начале января", "2022-01"), F("ORGANIZATION", "НАТО", "НАТО"), F("ORGANIZATION", "ОБСЕ", "ОБСЕ")])
doc("ru-crimea", "ru",
    "В 2014 году Россия присоединила Крым. Три года назад санкции продлили. Встреча начнется в 9:00.",
    [F("DATE", "2014 году", "2014"), F("PLACE", "Россия", "Россия"), F("PLACE", "Крым", "Крым"),
     F("DATE", "Три года назад", "2018"), F("TIME", "9:00", "09:00")])

# ---------------------------------------------------------------- Chinese
doc("zh-invest", "zh",
    "中国政府宣布投资50亿元。2022年1月10日，美国和俄罗斯在日内瓦举行会谈，次日北约在布鲁塞尔开会。",
    [F("PLACE", "中国", "中国"), F("MONEY", "50亿元", "5000000000", "CNY"), F("DATE", "2022年1月10日", "2022-01-10"),
     F("PLACE", "美国", "美国"), F("PLACE", "俄罗斯", "俄罗斯"), F("PLACE", "日内瓦", "日内瓦"),
     F("DATE", "次日", "2022-01-11"), F("ORGANIZATION", "北约", "北约"), F("PLACE", "布鲁塞尔", "布鲁塞尔")])
doc("zh-econ", "zh",
    "去年通胀率为4.5%。数万名士兵集结在乌克兰边境。周一，外交部发言人表示，会议上午9点开始。",
    [F("DATE", "去年", "2020"), F("PERCENT", "4.5%", "4.5"), F("QUANTITY", "数万名士兵", "10000", "士兵"),
     F("PLACE", "乌克兰", "乌克兰"), F("DATE", "周一", "2021-12-27"), F("ORGANIZATION", "外交部", "外交部"),
     F("TIME", "上午9点", "09:00")])
doc("zh-growth", "zh",
    "2020年至2022年，上海的经济增长了12%。三年前，该市投资了3亿美元。",
    [F("DATE", "2020年至2022年", "2020/2022"), F("PLACE", "上海", "上海"), F("PERCENT", "12%", "12"),
     F("DATE", "三年前", "2018"), F("MONEY", "3亿美元", "300000000", "USD")])

# ---------------------------------------------------------------- Japanese
doc("ja-invest", "ja",
    "政府は120億円を投じると発表した。2022年1月10日、米国とロシアはジュネーブで協議し、翌日、"
    "北大西洋条約機構はブリュッセルで会合を開く。",
    [F("MONEY", "120億円", "12000000000", "JPY"), F("DATE", "2022年1月10日", "2022-01-10"),
     F("PLACE", "米国", "アメリカ合衆国"), F("PLACE", "ロシア", "ロシア"), F("PLACE", "ジュネーブ", "ジュネーブ"),
     F("DATE", "翌日", "2022-01-11"), F("ORGANIZATION", "北大西洋条約機構", "北大西洋条約機構"),
     F("PLACE", "ブリュッセル", "ブリュッセル")])
doc("ja-econ", "ja",
    "昨年、物価上昇率は2.5%だった。月曜日に外務省が発表した。会議は午後3時に始まり、3時間続いた。",
    [F("DATE", "昨年", "2020"), F("PERCENT", "2.5%", "2.5"), F("DATE", "月曜日", "2021-12-27"),
     F("ORGANIZATION", "外務省", "外務省"), F("TIME", "午後3時", "15:00"), F("DURATION", "3時間", "PT3H")])
doc("ja-tokyo", "ja",
    "東京では2014年に新しい計画が始まった。3年前に計画は見直された。",
    [F("PLACE", "東京", "東京"), F("DATE", "2014年", "2014"), F("DATE", "3年前", "2018")])


# ======================================================================
# Held-out batch: written and annotated before the extractor was run on
# it; reported separately ("split": "heldout").
HELD = len(docs)
REF2 = "2023-06-15T09:00:00Z"  # a Thursday
doc("h-en-1", "en",
    "Apple said on Tuesday that it would invest $430 billion in the US over five years. "
    "Chief executive Tim Cook announced the plan in Cupertino. The company employs 165,000 people.",
    [F("DATE", "Tuesday", "2023-06-13"), F("MONEY", "$430 billion", "430000000000", "USD"),
     F("PLACE", "US", "United States"), F("DURATION", "five years", "P5Y"),
     F("PERSON", "Tim Cook", "Tim Cook"), F("PLACE", "Cupertino", "Cupertino"),
     F("QUANTITY", "165,000 people", "165000", "people")], ref=REF2)
doc("h-en-2", "en",
    "Inflation in the eurozone eased to 6.1% in May, down from 7 per cent in April, Eurostat said. "
    "The European Central Bank will meet again on 27 July.",
    [F("PERCENT", "6.1%", "6.1"), F("DATE", "May", "2023-05"), F("PERCENT", "7 per cent", "7"),
     F("DATE", "April", "2023-04"), F("ORGANIZATION", "European Central Bank", "European Central Bank"),
     F("DATE", "27 July", "2023-07-27")], ref=REF2)
doc("h-en-3", "en",
    "An earthquake of magnitude 6.8 struck central Morocco late on Friday, killing more than 2,000 people. "
    "King Mohammed VI declared three days of national mourning.",
    [F("PLACE", "Morocco", "Morocco"), F("DATE", "Friday", "2023-06-09"),
     F("QUANTITY", "2,000 people", "2000", "people"), F("PERSON", "Mohammed VI", "Mohammed VI"),
     F("DURATION", "three days", "P3D")], ref=REF2)
doc("h-en-4", "en",
    "The airline will cut 1,500 jobs by the end of 2024, it said in a statement. "
    "Its shares fell 12% in London trading after the announcement at 7 a.m.",
    [F("QUANTITY", "1,500 jobs", "1500", "jobs"), F("DATE", "the end of 2024", "2024"),
     F("PERCENT", "12%", "12"), F("PLACE", "London", "London"), F("TIME", "7 a.m.", "07:00")], ref=REF2)
doc("h-de-1", "de",
    "Der Autobauer Volkswagen will bis 2030 rund 180 Milliarden Euro investieren. "
    "Konzernchef Oliver Blume stellte die Pläne am Dienstag in Wolfsburg vor.",
    [F("ORGANIZATION", "Volkswagen", "Volkswagen"), F("DATE", "bis 2030", "2030"),
     F("MONEY", "180 Milliarden Euro", "180000000000", "EUR"), F("PERSON", "Oliver Blume", "Oliver Blume"),
     F("DATE", "Dienstag", "2023-06-13"), F("PLACE", "Wolfsburg", "Wolfsburg")], ref=REF2)
doc("h-de-2", "de",
    "Die Arbeitslosenquote in Deutschland lag im Mai bei 5,5 Prozent. Vor einem Jahr waren es 4,9 Prozent.",
    [F("PLACE", "Deutschland", "Deutschland"), F("DATE", "Mai", "2023-05"), F("PERCENT", "5,5 Prozent", "5.5"),
     F("DATE", "Vor einem Jahr", "2022"), F("PERCENT", "4,9 Prozent", "4.9")], ref=REF2)
doc("h-fr-1", "fr",
    "La Première ministre Élisabeth Borne a présenté mardi un plan de 10 milliards d'euros pour l'industrie. "
    "Le texte sera examiné à l'Assemblée nationale le 3 juillet.",
    [F("PERSON", "Élisabeth Borne", "Élisabeth Borne"), F("DATE", "mardi", "2023-06-13"),
     F("MONEY", "10 milliards d'euros", "10000000000", "EUR"),
     F("ORGANIZATION", "Assemblée nationale", "Assemblée nationale"), F("DATE", "3 juillet", "2023-07-03")], ref=REF2)
doc("h-fr-2", "fr",
    "Plus de 5 000 pompiers ont lutté contre les incendies pendant trois semaines dans le sud de la France. "
    "Les pertes atteignent 2 % du PIB régional.",
    [F("QUANTITY", "5 000 pompiers", "5000", "pompiers"), F("DURATION", "trois semaines", "P3W"),
     F("PLACE", "France", "France"), F("PERCENT", "2 %", "2")], ref=REF2)
doc("h-es-1", "es",
    "El Banco de España elevó su previsión de crecimiento al 2,3 % para 2023. "
    "El gobernador Pablo Hernández de Cos lo anunció el miércoles en Madrid.",
    [F("ORGANIZATION", "Banco de España", "Banco de España"), F("PERCENT", "2,3 %", "2.3"),
     F("DATE", "2023", "2023"), F("PERSON", "Pablo Hernández de Cos", "Pablo Hernández de Cos"),
     F("DATE", "miércoles", "2023-06-14"), F("PLACE", "Madrid", "Madrid")], ref=REF2)
doc("h-es-2", "es",
    "Argentina recibirá 7.500 millones de dólares del Fondo Monetario Internacional. "
    "La inflación alcanzó el 114 % en los últimos doce meses.",
    [F("PLACE", "Argentina", "Argentina"), F("MONEY", "7.500 millones de dólares", "7500000000", "USD"),
     F("ORGANIZATION", "Fondo Monetario Internacional", "Fondo Monetario Internacional"),
     F("PERCENT", "114 %", "114"), F("DURATION", "doce meses", "P12M")], ref=REF2)
doc("h-it-1", "it",
    "La premier Giorgia Meloni ha incontrato a Tunisi il presidente Kais Saied. L'Italia offrirà "
    "100 milioni di euro per il controllo delle frontiere.",
    [F("PERSON", "Giorgia Meloni", "Giorgia Meloni"), F("PLACE", "Tunisi", "Tunisi"),
     F("PERSON", "Kais Saied", "Kais Saied"), F("PLACE", "Italia", "Italia"),
     F("MONEY", "100 milioni di euro", "100000000", "EUR")], ref=REF2)
doc("h-pt-1", "pt",
    "A Petrobras anunciou na quarta-feira um investimento de 2 bilhões de reais no Rio de Janeiro. "
    "As ações da empresa subiram 3,2%.",
    [F("ORGANIZATION", "Petrobras", "Petrobras"), F("DATE", "quarta-feira", "2023-06-14"),
     F("MONEY", "2 bilhões de reais", "2000000000", "BRL"), F("PLACE", "Rio de Janeiro", "Rio de Janeiro"),
     F("PERCENT", "3,2%", "3.2")], ref=REF2)
doc("h-nl-1", "nl",
    "Het kabinet trekt 3 miljard euro uit voor de energietransitie. Minister Rob Jetten maakte dat "
    "dinsdag bekend in Den Haag.",
    [F("MONEY", "3 miljard euro", "3000000000", "EUR"), F("PERSON", "Rob Jetten", "Rob Jetten"),
     F("DATE", "dinsdag", "2023-06-13"), F("PLACE", "Den Haag", "Den Haag")], ref=REF2)
doc("h-ru-1", "ru",
    "Центробанк сохранил ключевую ставку на уровне 7,5%. Председатель ЦБ Эльвира Набиуллина заявила об "
    "этом в пятницу в Москве.",
    [F("ORGANIZATION", "Центробанк", "Центробанк"), F("PERCENT", "7,5%", "7.5"),
     F("ORGANIZATION", "ЦБ", "ЦБ"), F("PERSON", "Эльвира Набиуллина", "Эльвира Набиуллина"),
     F("DATE", "пятницу", "2023-06-09"), F("PLACE", "Москве", "Москва")], ref=REF2)
doc("h-ru-2", "ru",
    "Правительство выделит 12 млрд рублей на ремонт дорог. Работы продлятся до конца 2024 года.",
    [F("MONEY", "12 млрд рублей", "12000000000", "RUB"), F("DATE", "до конца 2024 года", "2024")], ref=REF2)
doc("h-zh-1", "zh",
    "国家统计局周四公布，5月份居民消费价格同比上涨0.2%。北京和上海的房价下降了3%。",
    [F("ORGANIZATION", "国家统计局", "国家统计局"), F("DATE", "周四", "2023-06-15"),
     F("DATE", "5月份", "2023-05"), F("PERCENT", "0.2%", "0.2"), F("PLACE", "北京", "北京"),
     F("PLACE", "上海", "上海"), F("PERCENT", "3%", "3")], ref=REF2)
doc("h-ja-1", "ja",
    "トヨタ自動車は13日、電気自動車の開発に1兆5000億円を投じると発表した。日本の新車販売は5月に12%増えた。",
    [F("ORGANIZATION", "トヨタ自動車", "トヨタ自動車"), F("DATE", "13日", "2023-06-13"),
     F("MONEY", "1兆5000億円", "1500000000000", "JPY"), F("PLACE", "日本", "日本"),
     F("DATE", "5月", "2023-05"), F("PERCENT", "12%", "12")], ref=REF2)
for d in docs[HELD:]:
    d["split"] = "heldout"
# Second held-out batch ("heldout2"): written after the fixes prompted by the
# first one, run once for the numbers in README.md.
HELD2 = len(docs)
REF3 = "2024-03-20T15:30:00Z"  # a Wednesday
doc("h2-en-1", "en",
    "Nvidia reported revenue of $22.1 billion for the quarter, up 265% from a year earlier. "
    "Chief executive Jensen Huang spoke to analysts on Wednesday evening.",
    [F("ORGANIZATION", "Nvidia", "Nvidia"), F("MONEY", "$22.1 billion", "22100000000", "USD"),
     F("PERCENT", "265%", "265"), F("PERSON", "Jensen Huang", "Jensen Huang"),
     F("DATE", "Wednesday", "2024-03-20")], ref=REF3)
doc("h2-en-2", "en",
    "Floods in Kenya have displaced about 40,000 people since early March, the Red Cross said. "
    "Rain is forecast to continue for another 10 days.",
    [F("PLACE", "Kenya", "Kenya"), F("QUANTITY", "40,000 people", "40000", "people"),
     F("DATE", "early March", "2024-03"), F("ORGANIZATION", "Red Cross", "Red Cross"),
     F("DURATION", "10 days", "P10D")], ref=REF3)
doc("h2-en-3", "en",
    "Prime Minister Rishi Sunak will travel to Washington on 2 April to meet President Joe Biden. "
    "Britain has pledged £2.5bn in military aid to Ukraine this year.",
    [F("PERSON", "Rishi Sunak", "Rishi Sunak"), F("PLACE", "Washington", "Washington"),
     F("DATE", "2 April", "2024-04-02"), F("PERSON", "Joe Biden", "Joe Biden"),
     F("PLACE", "Britain", "United Kingdom"), F("MONEY", "£2.5bn", "2500000000", "GBP"),
     F("PLACE", "Ukraine", "Ukraine"), F("DATE", "this year", "2024")], ref=REF3)
doc("h2-de-1", "de",
    "Die Lufthansa streicht wegen des Streiks am Donnerstag rund 1.000 Flüge. Betroffen sind "
    "etwa 100.000 Passagiere in Frankfurt und München.",
    [F("ORGANIZATION", "Lufthansa", "Lufthansa"), F("DATE", "Donnerstag", "2024-03-14"),
     F("QUANTITY", "1.000 Flüge", "1000", "Flüge"), F("QUANTITY", "100.000 Passagiere", "100000", "Passagiere"),
     F("PLACE", "Frankfurt", "Frankfurt"), F("PLACE", "München", "München")], ref=REF3)
doc("h2-fr-1", "fr",
    "Le président Emmanuel Macron s'est rendu jeudi à Marseille, où il a annoncé un plan de "
    "5 milliards d'euros sur dix ans.",
    [F("PERSON", "Emmanuel Macron", "Emmanuel Macron"), F("DATE", "jeudi", "2024-03-14"),
     F("PLACE", "Marseille", "Marseille"), F("MONEY", "5 milliards d'euros", "5000000000", "EUR"),
     F("DURATION", "dix ans", "P10Y")], ref=REF3)
doc("h2-es-1", "es",
    "El Real Madrid ganó 3-1 al Barcelona el domingo ante 80.000 espectadores. "
    "El club ingresó 831 millones de euros la temporada pasada.",
    [F("ORGANIZATION", "Real Madrid", "Real Madrid"), F("ORGANIZATION", "Barcelona", "Barcelona"),
     F("DATE", "domingo", "2024-03-17"), F("QUANTITY", "80.000 espectadores", "80000", "espectadores"),
     F("MONEY", "831 millones de euros", "831000000", "EUR")], ref=REF3)
doc("h2-it-1", "it",
    "Il 25 aprile migliaia di persone hanno sfilato a Milano. Il sindaco Giuseppe Sala ha parlato "
    "alle 11.",
    [F("DATE", "25 aprile", "2024-04-25"), F("QUANTITY", "migliaia di persone", "1000", "persone"),
     F("PLACE", "Milano", "Milano"), F("PERSON", "Giuseppe Sala", "Giuseppe Sala")], ref=REF3)
doc("h2-pt-1", "pt",
    "O Banco Central do Brasil cortou a taxa Selic para 10,75% ao ano na quarta-feira. "
    "É o sexto corte consecutivo desde agosto de 2023.",
    [F("ORGANIZATION", "Banco Central do Brasil", "Banco Central do Brasil"), F("PERCENT", "10,75%", "10.75"),
     F("DATE", "quarta-feira", "2024-03-20"), F("DATE", "agosto de 2023", "2023-08"),
     F("ORDINAL", "sexto", "6", "corte")], ref=REF3)
doc("h2-nl-1", "nl",
    "Shell verplaatst zijn hoofdkantoor naar Londen. Het bedrijf maakte vorig jaar 28 miljard dollar winst.",
    [F("ORGANIZATION", "Shell", "Shell"), F("PLACE", "Londen", "Londen"), F("DATE", "vorig jaar", "2023"),
     F("MONEY", "28 miljard dollar", "28000000000", "USD")], ref=REF3)
doc("h2-ru-1", "ru",
    "Президент Владимир Путин провел в среду совещание в Кремле. Бюджет программы составит "
    "1,2 трлн рублей до 2030 года.",
    [F("PERSON", "Владимир Путин", "Владимир Путин"), F("DATE", "среду", "2024-03-20"),
     F("ORGANIZATION", "Кремле", "Кремль"), F("MONEY", "1,2 трлн рублей", "1200000000000", "RUB"),
     F("DATE", "до 2030 года", "2030")], ref=REF3)
doc("h2-zh-1", "zh",
    "华为3月20日发布新款手机，售价5999元。去年该公司营收增长9.6%。",
    [F("ORGANIZATION", "华为", "华为"), F("DATE", "3月20日", "2024-03-20"),
     F("MONEY", "5999元", "5999", "CNY"), F("DATE", "去年", "2023"), F("PERCENT", "9.6%", "9.6")], ref=REF3)
doc("h2-ja-1", "ja",
    "日本銀行は19日、マイナス金利政策の解除を決めた。2007年以来17年ぶりの利上げとなる。",
    [F("ORGANIZATION", "日本銀行", "日本銀行"), F("DATE", "19日", "2024-03-19"),
     F("DATE", "2007年", "2007"), F("DURATION", "17年", "P17Y")], ref=REF3)
for d in docs[HELD2:]:
    d["split"] = "heldout2"

# Ordinals and single-word companies ("dev": written while the ordinal
# finder and the organization cues were developed; reference 2024-03-20).
ORD = len(docs)
doc("en-ord-1", "en",
    "Revenue rose for the 10th consecutive quarter, the company said on Friday. Citigroup remains "
    "the third-largest bank in the United States. Shares of Citigroup fell 2%.",
    [F("ORDINAL", "10th", "10", "quarter"), F("DATE", "Friday", "2024-03-15"),
     F("ORGANIZATION", "Citigroup", "Citigroup"), F("ORDINAL", "third", "3", "largest bank"),
     F("PLACE", "United States", "United States"), F("PERCENT", "2%", "2")], ref=REF3)
doc("en-ord-2", "en",
    "The museum in Boston will celebrate its 75th anniversary in May. Kenya finished first, and the "
    "British team came in third, coach Maria Lopez said. It was the first time the race was held at night.",
    [F("PLACE", "Boston", "Boston"), F("ORDINAL", "75th", "75", "anniversary"), F("DATE", "in May", "2024-05"),
     F("PLACE", "Kenya", "Kenya"), F("ORDINAL", "first", "1", ""), F("ORDINAL", "third", "3", ""),
     F("PERSON", "Maria Lopez", "Maria Lopez")], ref=REF3)
doc("en-ord-3", "en",
    "First, the council approved the budget. The second phase of the project will cost $40 million. "
    "The 21st century has brought new challenges, the mayor said on page 3 of the report.",
    [F("MONEY", "$40 million", "40000000", "USD")], ref=REF3)
doc("en-org-1", "en",
    "Prices rose at the beef bowl chain Yoshinoya last month. Yoshinoya said in a statement that rice "
    "costs had doubled. Toyota's chief executive met suppliers in Nagoya.",
    [F("ORGANIZATION", "Yoshinoya", "Yoshinoya"), F("DATE", "last month", "2024-02"),
     F("ORGANIZATION", "Toyota", "Toyota"), F("PLACE", "Nagoya", "Nagoya")], ref=REF3)
doc("de-ord-1", "de",
    "Die Wirtschaft ist im dritten Quartal in Folge geschrumpft, teilte die Bundesbank am Dienstag mit. "
    "Der Autobauer Volkswagen belegte im Ranking den zweiten Platz.",
    [F("ORDINAL", "dritten", "3", "Quartal"), F("ORGANIZATION", "Bundesbank", "Bundesbank"),
     F("DATE", "Dienstag", "2024-03-19"), F("ORGANIZATION", "Volkswagen", "Volkswagen"),
     F("ORDINAL", "zweiten", "2", "Platz")], ref=REF3)
doc("fr-ord-1", "fr",
    "Le constructeur automobile Renault a annoncé mardi une hausse de 9 % de son chiffre d'affaires. "
    "Le président Emmanuel Macron entame son 2e mandat.",
    [F("ORGANIZATION", "Renault", "Renault"), F("DATE", "mardi", "2024-03-19"), F("PERCENT", "9 %", "9"),
     F("PERSON", "Emmanuel Macron", "Emmanuel Macron"), F("ORDINAL", "2e", "2", "mandat")], ref=REF3)
doc("es-ord-1", "es",
    "España es la cuarta mayor economía de la zona euro. El paro bajó por tercer trimestre consecutivo, "
    "según la empresa Randstad.",
    [F("PLACE", "España", "España"), F("ORDINAL", "cuarta", "4", "mayor economía"),
     F("ORDINAL", "tercer", "3", "trimestre"), F("ORGANIZATION", "Randstad", "Randstad")], ref=REF3)
doc("ru-ord-1", "ru",
    "Экономика России растет третий квартал подряд. Компания «Самолет» заняла второе место в рейтинге.",
    [F("PLACE", "России", "Россия"), F("ORDINAL", "третий", "3", "квартал"),
     F("ORGANIZATION", "Самолет", "Самолет"), F("ORDINAL", "второе", "2", "место")], ref=REF3)
doc("zh-ord-1", "zh",
    "中国是世界第二大经济体。第三季度国内生产总值增长4.9%。",
    [F("PLACE", "中国", "中国"), F("ORDINAL", "第二", "2", "大经济体"), F("ORDINAL", "第三", "3", "季度"),
     F("PERCENT", "4.9%", "4.9")], ref=REF3)
doc("ja-ord-1", "ja",
    "トヨタ自動車は第3四半期に過去最高益を計上した。第75回の株主総会は東京で開かれた。",
    [F("ORGANIZATION", "トヨタ自動車", "トヨタ自動車"), F("ORDINAL", "第3", "3", "四半期"),
     F("ORDINAL", "第75", "75", "回"), F("PLACE", "東京", "東京")], ref=REF3)
doc("nl-ord-1", "nl",
    "Chipmachinemaker ASML boekte het derde kwartaal op rij een recordwinst. Nederland is de vijfde "
    "grootste economie van de eurozone.",
    [F("ORGANIZATION", "ASML", "ASML"), F("ORDINAL", "derde", "3", "kwartaal"),
     F("PLACE", "Nederland", "Nederland"), F("ORDINAL", "vijfde", "5", "grootste economie")], ref=REF3)
doc("it-ord-1", "it",
    "L'Italia è la terza economia più grande dell'eurozona. Il colosso Amazon ha aperto il suo quinto "
    "centro a Milano.",
    [F("PLACE", "Italia", "Italia"), F("ORDINAL", "terza", "3", "economia più grande"),
     F("ORGANIZATION", "Amazon", "Amazon"), F("PLACE", "Milano", "Milano")], ref=REF3)
doc("pt-ord-1", "pt",
    "O Brasil terminou em segundo lugar no ranking. A montadora japonesa Toyota anunciou na "
    "segunda-feira um investimento de 11 bilhões de reais.",
    [F("PLACE", "Brasil", "Brasil"), F("ORDINAL", "segundo", "2", "lugar"),
     F("ORGANIZATION", "Toyota", "Toyota"), F("DATE", "segunda-feira", "2024-03-18"),
     F("MONEY", "11 bilhões de reais", "11000000000", "BRL")], ref=REF3)
for d in docs[ORD:]:
    d["split"] = "dev"

# Third held-out batch ("heldout3"): ordinals and companies, written and
# annotated before the extractor was run on them (numbers in README.md).
HELD3 = len(docs)
doc("h3-en-1", "en",
    "Apple's chief executive said on Tuesday that iPhone sales fell for the second straight quarter. "
    "The firm Foxconn, which assembles the phones, is the world's largest contract manufacturer.",
    [F("ORGANIZATION", "Apple", "Apple"), F("DATE", "Tuesday", "2024-03-19"),
     F("ORDINAL", "second", "2", "quarter"), F("ORGANIZATION", "Foxconn", "Foxconn")], ref=REF3)
doc("h3-en-2", "en",
    "Argentina won its third World Cup title in 2022. Lionel Messi, who scored twice in the final, "
    "finished the tournament as the top scorer.",
    [F("PLACE", "Argentina", "Argentina"), F("ORDINAL", "third", "3", "title"), F("DATE", "2022", "2022"),
     F("PERSON", "Lionel Messi", "Lionel Messi")], ref=REF3)
doc("h3-de-1", "de",
    "Der Chiphersteller Infineon hat das zweite Quartal in Folge weniger umgesetzt. Konzernchef "
    "Jochen Hanebeck sprach am Montag in München von einer Schwächephase.",
    [F("ORGANIZATION", "Infineon", "Infineon"), F("ORDINAL", "zweite", "2", "Quartal"),
     F("PERSON", "Jochen Hanebeck", "Jochen Hanebeck"), F("DATE", "Montag", "2024-03-18"),
     F("PLACE", "München", "München")], ref=REF3)
doc("h3-fr-1", "fr",
    "Le groupe Danone a publié jeudi son premier bénéfice trimestriel depuis 2021. La France reste la "
    "deuxième économie de la zone euro.",
    [F("ORGANIZATION", "Danone", "Danone"), F("DATE", "jeudi", "2024-03-14"), F("DATE", "2021", "2021"),
     F("PLACE", "France", "France"), F("ORDINAL", "deuxième", "2", "économie")], ref=REF3)
doc("h3-es-1", "es",
    "El Real Madrid ganó su decimoquinta Copa de Europa. La compañía Inditex abrió su tienda número "
    "6.000 en Madrid.",
    [F("ORGANIZATION", "Real Madrid", "Real Madrid"), F("ORDINAL", "decimoquinta", "15", "Copa de Europa"),
     F("ORGANIZATION", "Inditex", "Inditex"), F("PLACE", "Madrid", "Madrid")], ref=REF3)
doc("h3-ru-1", "ru",
    "Сбербанк третий год подряд стал самым дорогим брендом России. Глава банка Герман Греф выступил "
    "в Москве в среду.",
    [F("ORGANIZATION", "Сбербанк", "Сбербанк"), F("ORDINAL", "третий", "3", "год"),
     F("PLACE", "России", "Россия"), F("PERSON", "Герман Греф", "Герман Греф"),
     F("PLACE", "Москве", "Москва"), F("DATE", "среду", "2024-03-20")], ref=REF3)
doc("h3-zh-1", "zh",
    "比亚迪连续第二个季度成为全球最大的电动车制造商。该公司第四季度营收增长15%。",
    [F("ORGANIZATION", "比亚迪", "比亚迪"), F("ORDINAL", "第二", "2", "季度"),
     F("ORDINAL", "第四", "4", "季度"), F("PERCENT", "15%", "15")], ref=REF3)
for d in docs[HELD3:]:
    d["split"] = "heldout3"

for d in docs[:HELD]:
    d["split"] = "dev"

with open(__file__.rsplit("/", 1)[0] + "/gold.jsonl", "w", encoding="utf-8") as out:
    for d in docs:
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
n = sum(len(d["facts"]) for d in docs)
langs = sorted({d["lang"] for d in docs})
print(f"{len(docs)} texts, {n} facts, {len(langs)} languages: {' '.join(langs)}")
