#include "rouge_scorer.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "libstemmer.h"
#include "unicode/brkiter.h"
#include "unicode/locid.h"
#include "unicode/unistr.h"

namespace precis::eval {
namespace {

using TokenIds = std::vector<int32_t>;

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

// Sentences of a text: its non-empty lines (rouge_score's get_sents).
std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const size_t end = std::min(text.find('\n'), text.size());
    if (end > 0) out.emplace_back(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return out;
}

struct SnowballDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, SnowballDeleter>;

int32_t CodePointCount(std::string_view s) {
  int32_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Hits of the summary-level LCS (ROUGE-1.5.5 "summary level" ROUGE-L; Lin
// 2004, section 3.2): for every reference sentence, the union of its LCS
// tokens with each candidate sentence; a token counts as a hit while both
// sides still have unmatched occurrences of it (so a token is never credited
// more often than it occurs).
int64_t SummaryLevelLcsHits(const std::vector<TokenIds>& reference,
                            const std::vector<TokenIds>& candidate,
                            int32_t vocabulary_size) {
  std::vector<int32_t> left_r(vocabulary_size, 0), left_c(vocabulary_size, 0);
  for (const TokenIds& s : reference)
    for (int32_t t : s) ++left_r[t];
  for (const TokenIds& s : candidate)
    for (int32_t t : s) ++left_c[t];

  int64_t hits = 0;
  std::vector<int32_t> table;
  std::vector<char> in_union;
  for (const TokenIds& r : reference) {
    in_union.assign(r.size(), 0);
    for (const TokenIds& c : candidate) {
      const size_t rows = r.size(), cols = c.size();
      table.assign((rows + 1) * (cols + 1), 0);
      auto at = [&](size_t i, size_t j) -> int32_t& {
        return table[i * (cols + 1) + j];
      };
      for (size_t i = 1; i <= rows; ++i) {
        for (size_t j = 1; j <= cols; ++j) {
          at(i, j) = r[i - 1] == c[j - 1]
                         ? at(i - 1, j - 1) + 1
                         : std::max(at(i - 1, j), at(i, j - 1));
        }
      }
      // Backtrack with rouge_score's tie-breaking (prefer moving up in the
      // reference), which fixes WHICH reference tokens form the LCS.
      size_t i = rows, j = cols;
      while (i > 0 && j > 0) {
        if (r[i - 1] == c[j - 1]) {
          in_union[i - 1] = 1;
          --i;
          --j;
        } else if (at(i, j - 1) > at(i - 1, j)) {
          --j;
        } else {
          --i;
        }
      }
    }
    for (size_t i = 0; i < r.size(); ++i) {
      if (!in_union[i]) continue;
      const int32_t t = r[i];
      if (left_c[t] > 0 && left_r[t] > 0) {
        ++hits;
        --left_c[t];
        --left_r[t];
      }
    }
  }
  return hits;
}

struct AllCounts {
  RougeCounts rouge1, rouge2, rouge_l, rouge_lsum;
};

}  // namespace

RougeScore RougeCounts::ToScore() const {
  RougeScore s;
  s.precision = candidate_total > 0
                    ? static_cast<double>(hits) / candidate_total
                    : 0;
  s.recall = reference_total > 0
                 ? static_cast<double>(hits) / reference_total
                 : 0;
  s.f1 = F1(s.precision, s.recall);
  return s;
}

RougeCounts NGramOverlap(std::span<const int32_t> reference,
                         std::span<const int32_t> candidate, int n) {
  RougeCounts counts;
  auto grams = [n](std::span<const int32_t> tokens) {
    std::vector<uint64_t> out;
    if (static_cast<int>(tokens.size()) < n) return out;
    out.reserve(tokens.size() - n + 1);
    for (size_t i = 0; i + n <= tokens.size(); ++i) {
      // Ids are < 2^31; n <= 2 packs exactly, larger n hashes (collisions
      // are astronomically unlikely for evaluation-sized texts).
      uint64_t key = 0;
      for (int k = 0; k < n; ++k) {
        key = n <= 2 ? (key << 32) | static_cast<uint32_t>(tokens[i + k])
                     : key * 1000003u ^ static_cast<uint32_t>(tokens[i + k]);
      }
      out.push_back(key);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  const std::vector<uint64_t> r = grams(reference), c = grams(candidate);
  counts.reference_total = static_cast<int64_t>(r.size());
  counts.candidate_total = static_cast<int64_t>(c.size());
  // Clipped overlap = size of the multiset intersection of sorted lists.
  size_t i = 0, j = 0;
  while (i < r.size() && j < c.size()) {
    if (r[i] < c[j]) {
      ++i;
    } else if (c[j] < r[i]) {
      ++j;
    } else {
      ++counts.hits;
      ++i;
      ++j;
    }
  }
  return counts;
}

int32_t LcsLength(std::span<const int32_t> a, std::span<const int32_t> b) {
  if (a.empty() || b.empty()) return 0;
  // One row of the dynamic-programming table suffices for the length.
  std::vector<int32_t> row(b.size() + 1, 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    int32_t diagonal = 0;
    for (size_t j = 1; j <= b.size(); ++j) {
      const int32_t up = row[j];
      row[j] = a[i - 1] == b[j - 1] ? diagonal + 1 : std::max(up, row[j - 1]);
      diagonal = up;
    }
  }
  return row[b.size()];
}

struct RougeScorer::Impl {
  RougeOptions options;
  icu::Locale locale;
  std::unique_ptr<icu::BreakIterator> words;  // kIcu only.
  StemmerPtr stemmer;                         // When stemming.
  std::string stemmer_name;
  mutable absl::flat_hash_map<std::string, std::string> stem_cache;

  void AddToken(std::string token, std::vector<std::string>& out) const {
    if (stemmer != nullptr && CodePointCount(token) > 3) {
      auto it = stem_cache.find(token);
      if (it == stem_cache.end()) {
        const sb_symbol* stem = sb_stemmer_stem(
            stemmer.get(), reinterpret_cast<const sb_symbol*>(token.data()),
            static_cast<int>(token.size()));
        std::string stemmed =
            stem == nullptr
                ? token
                : std::string(reinterpret_cast<const char*>(stem),
                              sb_stemmer_length(stemmer.get()));
        it = stem_cache.emplace(std::move(token), std::move(stemmed)).first;
      }
      out.push_back(it->second);
      return;
    }
    out.push_back(std::move(token));
  }

  void TokenizeAscii(std::string_view text,
                     std::vector<std::string>& out) const {
    // rouge_score: lower(), [^a-z0-9]+ -> " ", split. Only ASCII letters are
    // lowercased here; Python's lower() would also map a few non-ASCII
    // letters (KELVIN SIGN, dotted capital I) to ASCII, which news text
    // does not contain in practice.
    std::string token;
    for (char ch : text) {
      char c = ch;
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        token.push_back(c);
      } else if (!token.empty()) {
        AddToken(std::move(token), out);
        token.clear();
      }
    }
    if (!token.empty()) AddToken(std::move(token), out);
  }

  void TokenizeIcu(std::string_view text, std::vector<std::string>& out) const {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    u.toLower(locale);
    words->setText(u);
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next()) {
      // Letters, numbers, kana and ideographs; not spaces or punctuation.
      if (words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
      std::string token;
      u.tempSubStringBetween(start, end).toUTF8String(token);
      AddToken(std::move(token), out);
    }
  }

  std::vector<std::string> Tokenize(std::string_view text) const {
    std::vector<std::string> out;
    if (options.tokenizer == RougeTokenizer::kAscii) {
      TokenizeAscii(text, out);
    } else {
      TokenizeIcu(text, out);
    }
    return out;
  }

  // Counts of every metric for one reference. R1/R2/L use the concatenation
  // of the sentences, Lsum the sentences (rouge_score tokenizes the whole
  // text for the former and each line for the latter; both tokenizers split
  // at line breaks, so the two agree).
  AllCounts Count(const std::vector<std::string>& reference,
                  const std::vector<std::string>& candidate,
                  absl::flat_hash_map<std::string, int32_t>& vocabulary) const {
    auto ids = [&](const std::vector<std::string>& sentences,
                   std::vector<TokenIds>& per_sentence, TokenIds& all) {
      for (const std::string& s : sentences) {
        TokenIds sentence_ids;
        for (std::string& t : Tokenize(s)) {
          auto [it, inserted] = vocabulary.try_emplace(
              std::move(t), static_cast<int32_t>(vocabulary.size()));
          sentence_ids.push_back(it->second);
        }
        all.insert(all.end(), sentence_ids.begin(), sentence_ids.end());
        if (!sentence_ids.empty()) per_sentence.push_back(std::move(sentence_ids));
      }
    };
    std::vector<TokenIds> ref_sentences, cand_sentences;
    TokenIds ref_all, cand_all;
    ids(reference, ref_sentences, ref_all);
    ids(candidate, cand_sentences, cand_all);

    AllCounts counts;
    counts.rouge1 = NGramOverlap(ref_all, cand_all, 1);
    counts.rouge2 = NGramOverlap(ref_all, cand_all, 2);
    counts.rouge_l.reference_total = static_cast<int64_t>(ref_all.size());
    counts.rouge_l.candidate_total = static_cast<int64_t>(cand_all.size());
    counts.rouge_l.hits = LcsLength(ref_all, cand_all);
    counts.rouge_lsum.reference_total = counts.rouge_l.reference_total;
    counts.rouge_lsum.candidate_total = counts.rouge_l.candidate_total;
    if (!ref_all.empty() && !cand_all.empty()) {
      counts.rouge_lsum.hits =
          SummaryLevelLcsHits(ref_sentences, cand_sentences,
                              static_cast<int32_t>(vocabulary.size()));
    }
    return counts;
  }
};

RougeScorer::RougeScorer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RougeScorer::~RougeScorer() = default;

absl::StatusOr<std::unique_ptr<RougeScorer>> RougeScorer::Create(
    const RougeOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  UErrorCode status = U_ZERO_ERROR;
  impl->locale = icu::Locale::forLanguageTag(options.language, status);
  if (U_FAILURE(status)) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad language tag: ", options.language));
  }
  if (options.tokenizer == RougeTokenizer::kIcu) {
    impl->words.reset(
        icu::BreakIterator::createWordInstance(impl->locale, status));
    if (U_FAILURE(status) || impl->words == nullptr) {
      return absl::InternalError(absl::StrCat(
          "ICU word BreakIterator for ", options.language, ": ",
          u_errorName(status)));
    }
  }
  if (options.stem) {
    if (options.tokenizer == RougeTokenizer::kAscii) {
      // The original Porter (1980) algorithm, as ROUGE-1.5.5 and
      // rouge_score use ("english" is Porter2 and stems differently).
      impl->stemmer_name = "porter";
    } else {
      // libstemmer knows ISO 639-1 codes ("ru", "fr") as algorithm aliases.
      impl->stemmer_name = impl->locale.getLanguage();
    }
    impl->stemmer.reset(
        sb_stemmer_new(impl->stemmer_name.c_str(), "UTF_8"));
    if (impl->stemmer == nullptr) {
      if (options.tokenizer == RougeTokenizer::kAscii) {
        return absl::InternalError("libstemmer has no Porter stemmer");
      }
      impl->stemmer_name.clear();  // No stemmer for this language: unstemmed.
    }
  }
  return std::unique_ptr<RougeScorer>(new RougeScorer(std::move(impl)));
}

RougeScores RougeScorer::Score(std::string_view reference,
                               std::string_view candidate) const {
  return ScoreSentences(Lines(reference), Lines(candidate));
}

RougeScores RougeScorer::ScoreSentences(
    const std::vector<std::string>& reference,
    const std::vector<std::string>& candidate) const {
  return ScoreMulti({reference}, candidate);
}

RougeScores RougeScorer::ScoreMulti(
    const std::vector<std::vector<std::string>>& references,
    const std::vector<std::string>& candidate) const {
  RougeScores best;
  AllCounts pooled;
  absl::flat_hash_map<std::string, int32_t> vocabulary;
  for (const std::vector<std::string>& reference : references) {
    const AllCounts c = impl_->Count(reference, candidate, vocabulary);
    auto keep_best = [](const RougeCounts& counts, RougeScore& best_score) {
      const RougeScore s = counts.ToScore();
      if (s.f1 > best_score.f1) best_score = s;
    };
    auto pool = [](const RougeCounts& counts, RougeCounts& sum) {
      sum.hits += counts.hits;
      sum.reference_total += counts.reference_total;
      sum.candidate_total += counts.candidate_total;
    };
    keep_best(c.rouge1, best.rouge1);
    keep_best(c.rouge2, best.rouge2);
    keep_best(c.rouge_l, best.rouge_l);
    keep_best(c.rouge_lsum, best.rouge_lsum);
    pool(c.rouge1, pooled.rouge1);
    pool(c.rouge2, pooled.rouge2);
    pool(c.rouge_l, pooled.rouge_l);
    pool(c.rouge_lsum, pooled.rouge_lsum);
  }
  if (impl_->options.multi_reference == MultiReferenceMode::kBestF1) {
    return best;
  }
  return {pooled.rouge1.ToScore(), pooled.rouge2.ToScore(),
          pooled.rouge_l.ToScore(), pooled.rouge_lsum.ToScore()};
}

std::vector<std::string> RougeScorer::Tokenize(std::string_view text) const {
  return impl_->Tokenize(text);
}

std::string RougeScorer::Describe() const {
  std::string out = impl_->options.tokenizer == RougeTokenizer::kAscii
                        ? "ascii"
                        : absl::StrCat("icu(", impl_->options.language, ")");
  if (impl_->options.stem) {
    absl::StrAppend(&out, impl_->stemmer_name.empty()
                              ? "+nostemmer"
                              : absl::StrCat("+snowball:", impl_->stemmer_name));
  }
  return out;
}

const RougeOptions& RougeScorer::options() const { return impl_->options; }

}  // namespace precis::eval
