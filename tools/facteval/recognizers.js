// Runs Microsoft Recognizers-Text over the rows of a JSONL file and maps its
// results to the schema of tests/testdata/facts/gold.jsonl, for
// precis-facteval (see README.md).
//
//   node recognizers.js NODE_DIR IN.jsonl OUT.jsonl
//
// NODE_DIR holds node_modules/@microsoft/recognizers-text-suite. Each input
// row is {id, lang, reference_time, text}; each output row is
//   {id, supported: {datetime, currency, percentage}, facts: [
//     {type, value, unit, begin, end, text}]}
// with begin/end in UTF-16 units of `text` (end exclusive) and one fact per
// distinct (type, value, unit) — the gold set's rule — keeping the first
// mention. A recognizer without a model for the row's culture is reported as
// unsupported (fallbackToDefaultCulture = false, so English rules are never
// applied to other languages).
//
// Mapping (chosen to give Recognizers-Text the benefit of the doubt):
//  - reference_time is passed as refTime to recognizeDateTime. When it
//    returns several resolutions (a date without a year, a bare weekday) the
//    one nearest the reference time is kept, as the gold set does.
//  - datetimeV2.date -> DATE "YYYY-MM-DD"; datetimeV2.daterange -> DATE from
//    its timex when that is a year, month or ISO week ("2027", "2027-03",
//    "2021-W51"); an explicit range "(A,B,PnY|M|D)" as its named endpoints
//    at that grain; else "start/end" at the coarsest grain both ends allow
//    (Recognizers' end is exclusive for whole months and years); a bare
//    weekday takes the latest resolution on or before the reference day;
//    a month without a year ("XXXX-01", "early January") -> the chosen
//    "YYYY-MM"; datetimeV2.datetime -> DATE and TIME;
//    datetimeV2.datetimerange within one day ("Wednesday evening") -> DATE; datetimeV2.time -> TIME "hh:mm";
//    datetimeV2.duration -> DURATION (its timex, e.g. "P2M").
//  - currency -> MONEY: value as a plain decimal; unit = isoCurrency, or the
//    ISO code of its currency name (kCurrencyNames; "Dollar" -> USD, the
//    gold set's reading of "$").
//  - percentage -> PERCENT: value without "%", decimal comma -> point.
'use strict';

const fs = require('fs');
const path = require('path');

const [nodeDir, inPath, outPath] = process.argv.slice(2);
const kModules = path.resolve(nodeDir, 'node_modules', '@microsoft');
// The suite's recognize* functions build a recognizer (all its regexes) per
// call; the models are built once per culture here instead. They come from
// the packages the suite depends on (same versions).
const DT = require(path.join(kModules, 'recognizers-text-date-time'));
const NU = require(path.join(kModules, 'recognizers-text-number'));
const NWU = require(path.join(kModules, 'recognizers-text-number-with-unit'));

const kCultures = {
  en: 'en-us', de: 'de-de', fr: 'fr-fr', es: 'es-es', it: 'it-it', pt: 'pt-br',
  nl: 'nl-nl', zh: 'zh-cn', ja: 'ja-jp', ru: 'ru-ru',
};
// Currency names Recognizers-Text resolves without an isoCurrency (its
// non-English models never set one; "$" and "£" come out as "Dollar" and
// "Pound"), read the way the gold set reads them.
const kCurrencyNames = {
  Dollar: 'USD', 'United States dollar': 'USD', 'Dólar': 'USD', 'Dollar américain': 'USD',
  'Dólar estadounidense': 'USD', 'Dólar americano': 'USD', '美元': 'USD',
  Euro: 'EUR', '欧元': 'EUR', 'ユーロ': 'EUR',
  Pound: 'GBP', 'British pound': 'GBP', 'Pound sterling': 'GBP', 'Livre sterling': 'GBP',
  'Libra esterlina': 'GBP',
  'Real brasileiro': 'BRL', 'Brazilian real': 'BRL', 'Real': 'BRL',
  Yen: 'JPY', 'Japanese yen': 'JPY', '日元': 'JPY', '円': 'JPY', '日本円': 'JPY',
  Yuan: 'CNY', 'Chinese yuan': 'CNY', 'Renminbi': 'CNY', '人民币': 'CNY', '元': 'CNY',
  Ruble: 'RUB', 'Russian ruble': 'RUB', 'Rouble': 'RUB', 'Rublo': 'RUB',
};

// The model fn builds, cached by key; null when the culture has none.
const modelCache = new Map();
function Model(key, fn) {
  if (!modelCache.has(key)) {
    let model = null;
    try {
      model = fn();
    } catch (e) {
      if (!/Could not find Model/.test(String(e && e.message))) throw e;
    }
    modelCache.set(key, model);
  }
  return modelCache.get(key);
}

// "3.50" -> "3.5", "300000000" -> "300000000"; null if not a number.
function Decimal(s) {
  if (s === undefined || s === null) return null;
  // Its French, Spanish and Portuguese percentages keep the decimal comma.
  const t = String(s).replace(/%$/, '').trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  let [int, frac] = t.split('.');
  int = int.replace(/^(-?)0+(?=\d)/, '$1');
  frac = (frac || '').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

function Pad(n) { return String(n).padStart(2, '0'); }
function Ymd(d) { return `${d.getUTCFullYear()}-${Pad(d.getUTCMonth() + 1)}-${Pad(d.getUTCDate())}`; }
function ParseDay(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s || '');
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
}

// The resolution the gold set's conventions pick: for a bare weekday
// ("XXXX-WXX-3") the latest one on or before the reference day (news
// report past days), otherwise the one nearest the reference time.
function Nearest(values, ref) {
  if (values.length > 1 && /WXX/.test(values[0].timex || '')) {
    const refDay = Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth(), ref.getUTCDate());
    let past = null;
    for (const v of values) {
      const d = ParseDay(v.value || v.start);
      if (d && d <= refDay && (past === null || d > ParseDay(past.value || past.start))) past = v;
    }
    if (past !== null) return past;
  }
  let best = null, bestDist = Infinity;
  for (const v of values) {
    const d = ParseDay(v.value || v.start);
    const dist = d ? Math.abs(d - ref) : Infinity;
    if (best === null || dist < bestDist) { best = v; bestDist = dist; }
  }
  return best;
}

// [start, end) as the gold set's range string.
function Range(start, endExclusive) {
  const s = ParseDay(start), e = ParseDay(endExclusive);
  if (!s || !e) return null;
  const last = new Date(e - 86400000);
  if (s.getUTCMonth() === 0 && s.getUTCDate() === 1 && e.getUTCMonth() === 0 && e.getUTCDate() === 1) {
    const y1 = s.getUTCFullYear(), y2 = last.getUTCFullYear();
    return y1 === y2 ? `${y1}` : `${y1}/${y2}`;
  }
  if (s.getUTCDate() === 1 && e.getUTCDate() === 1) {
    const a = `${s.getUTCFullYear()}-${Pad(s.getUTCMonth() + 1)}`;
    const b = `${last.getUTCFullYear()}-${Pad(last.getUTCMonth() + 1)}`;
    return a === b ? a : `${a}/${b}`;
  }
  return `${Ymd(s)}/${Ymd(last)}`;
}

function DateTimeFacts(r, ref, out) {
  const values = (r.resolution && r.resolution.values) || [];
  if (values.length === 0) return;
  const v = Nearest(values, ref);
  const timex = v.timex || '';
  switch (r.typeName) {
    case 'datetimeV2.date':
      if (ParseDay(v.value)) out.push(['DATE', Ymd(ParseDay(v.value)), '']);
      break;
    case 'datetimeV2.daterange':
      if (/^\d{4}(-\d{2}|-W\d{2})?$/.test(timex)) {
        out.push(['DATE', timex, '']);
      } else if (/^XXXX-\d{2}$/.test(timex) && v.start) {
        // A month without a year ("early January"; any Mod): the chosen year.
        out.push(['DATE', v.start.slice(0, 7), '']);
      } else if (v.start && v.end) {
        // An explicit range "(A,B,P2Y)" ("2020年至2022年", "du 10 au 12
        // janvier"): the endpoints as the text names them, at the grain of
        // its duration (Recognizers' own end is exclusive: 2022-01-01).
        const m = /^\(.*,.*,P\d+([YMWD])\)$/.exec(timex);
        let range = null;
        if (m && m[1] === 'Y') {
          range = `${v.start.slice(0, 4)}/${v.end.slice(0, 4)}`;
        } else if (m && m[1] === 'M') {
          range = `${v.start.slice(0, 7)}/${v.end.slice(0, 7)}`;
        } else if (m) {
          range = `${v.start.slice(0, 10)}/${v.end.slice(0, 10)}`;
        } else {
          range = Range(v.start, v.end);
        }
        if (range) out.push(['DATE', range, '']);
      } else if (v.start || v.end) {
        const d = ParseDay(v.start || v.end);
        if (d) out.push(['DATE', Ymd(d), '']);
      }
      break;
    case 'datetimeV2.datetime': {
      const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/.exec(v.value || '');
      if (m) { out.push(['DATE', m[1], '']); out.push(['TIME', m[2], '']); }
      break;
    }
    case 'datetimeV2.datetimerange': {
      // "Wednesday evening": the day, when the range lies within one.
      const a = ParseDay(v.start), b = ParseDay(v.end);
      if (a && b && Ymd(a) === Ymd(b)) out.push(['DATE', Ymd(a), '']);
      break;
    }
    case 'datetimeV2.time': {
      const m = /^(\d{2}:\d{2})/.exec(v.value || '');
      if (m) out.push(['TIME', m[1], '']);
      break;
    }
    case 'datetimeV2.duration':
      if (/^P/.test(timex)) out.push(['DURATION', timex, '']);
      break;
    default:
      break;  // time ranges, sets: no gold counterpart
  }
}

function Process(row) {
  const culture = kCultures[row.lang] || row.lang;
  const ref = new Date(row.reference_time);
  const text = row.text;
  const found = [];  // [type, value, unit, begin, end]
  const add = (r, facts) => {
    for (const [type, value, unit] of facts) found.push([type, value, unit, r.start, r.end + 1]);
  };
  const dtModel = Model(`dt:${culture}`, () => new DT.DateTimeRecognizer(culture).getDateTimeModel(culture, false));
  const curModel = Model(`cur:${culture}`, () => new NWU.NumberWithUnitRecognizer(culture).getCurrencyModel(culture, false));
  const pctModel = Model(`pct:${culture}`, () => new NU.NumberRecognizer(culture).getPercentageModel(culture, false));
  const dt = dtModel && dtModel.parse(text, ref);
  for (const r of dt || []) {
    const facts = [];
    DateTimeFacts(r, ref, facts);
    add(r, facts);
  }
  const cur = curModel && curModel.parse(text);
  for (const r of cur || []) {
    const res = r.resolution || {};
    const value = Decimal(res.value);
    const unit = res.isoCurrency || kCurrencyNames[res.unit] || '';
    if (value !== null && unit) add(r, [['MONEY', value, unit]]);
  }
  const pct = pctModel && pctModel.parse(text);
  for (const r of pct || []) {
    const value = Decimal(r.resolution && r.resolution.value);
    if (value !== null) add(r, [['PERCENT', value, '']]);
  }
  const seen = new Set();
  const facts = [];
  for (const [type, value, unit, begin, end] of found.sort((a, b) => a[3] - b[3])) {
    const key = `${type}\u0000${value}\u0000${unit}`;
    if (seen.has(key)) continue;
    seen.add(key);
    facts.push({ type, value, unit, begin, end, text: text.substring(begin, end) });
  }
  return {
    id: row.id,
    supported: { datetime: dtModel !== null, currency: curModel !== null, percentage: pctModel !== null },
    facts,
  };
}

const lines = fs.readFileSync(inPath, 'utf8').split('\n').filter((l) => l.trim() !== '');
const out = lines.map((l) => JSON.stringify(Process(JSON.parse(l))));
fs.writeFileSync(outPath, out.join('\n') + '\n');
