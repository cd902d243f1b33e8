// MoneyCurrencies: how currencies are written in one language, from ICU's
// CLDR data (symbols "$" "€" "₽" "CA$", ISO codes, long and plural names
// "euros" "US dollars" "российских рублей"), plus hand-written overrides
// from service/data/facts/<lang>.yaml for what CLDR lacks ("bn" style bare
// words such as "dollars" -> USD, "рублей" -> RUB, "円" -> JPY).
//
// Immutable after Build(); const methods are thread-safe.
#ifndef PRECIS_SERVICE_CORE_MONEY_CURRENCIES_H_
#define PRECIS_SERVICE_CORE_MONEY_CURRENCIES_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace precis {

struct CurrencyMatch {
  std::string code;        // ISO 4217
  bool ambiguous = false;  // "$" (many dollars), "¥" (JPY or CNY), "kr"
};

class MoneyCurrencies {
 public:
  // `symbols` / `words` / `ambiguous` are the YAML overrides (symbol ->
  // code, case-folded word -> code, symbols read with lower confidence).
  static MoneyCurrencies Build(std::string_view language,
                               const std::map<std::string, std::string>& symbols,
                               const std::map<std::string, std::string>& words,
                               const std::vector<std::string>& ambiguous);

  // RE2 fragments (no capturing groups): symbols and ISO-code-shaped
  // words (case sensitive); currency words (listed for CJK, any one or two
  // words otherwise). Matches must be confirmed with Find/FindPrefix.
  std::string SymbolPattern() const;
  // The symbols SymbolPattern() lists (it adds ISO codes as [A-Z]{3}).
  std::vector<std::string> ListedSymbols() const;
  std::string WordPattern() const;
  // Every currency word, listed, case-insensitive: a stricter WordPattern()
  // for prefilters (whatever Find/FindPrefix accepts from a WordPattern()
  // match starts with one of these or with a SymbolPattern() match).
  std::string ListedWordPattern() const;

  // Looks up a matched symbol, ISO code or word.
  bool Find(std::string_view written, CurrencyMatch* out) const;
  // Like Find on the longest prefix of `written` that is a currency,
  // dropping trailing words and periods; sets `length` (bytes).
  bool FindPrefix(std::string_view written, CurrencyMatch* out, size_t* length) const;

 private:
  std::unordered_map<std::string, std::string> symbols_;  // exact
  std::unordered_map<std::string, std::string> words_;    // folded
  std::set<std::string> ambiguous_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_MONEY_CURRENCIES_H_
