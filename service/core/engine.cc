#include "engine.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "boilerplate_detector.h"
#include "fact_extractor.h"
#include "field_error.h"
#include "key_phrase_extractor.h"
#include "language_detector.h"
#include "normalized_text.h"
#include "sentence_ranker.h"
#include "segment_template.h"
#include "sentence_segmenter.h"
#include "status_macros.h"
#include "summary_selector.h"
#include "term_interner.h"
#include "tokenizer.h"
#include "unicode/timezone.h"
#include "unicode/uchar.h"
#include "unicode/utf16.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

constexpr int32_t kMaxSentencesLimit = 1000;
constexpr int32_t kMaxWordsLimit = 100000;
constexpr int32_t kMaxCharsLimit = 10000000;

// Everything the pipeline knows about one text, in normalized coordinates.
struct Analysis {
  explicit Analysis(NormalizedText t) : text(std::move(t)) {}

  NormalizedText text;
  std::string language;
  double language_confidence = 0;
  Segmentation segmentation;
  std::vector<SentenceKind> kinds;
  std::vector<Token> tokens;
  // Per sentence: its tokens are tokens[token_begin[i], token_begin[i + 1]).
  std::vector<int32_t> token_begin;

  int32_t WordCount(size_t sentence) const {
    return token_begin[sentence + 1] - token_begin[sentence];
  }
};

absl::Status Check(const CallControl& control) {
  return control.check ? control.check() : absl::OkStatus();
}

// How much work runs between two polls of `control.check` inside a stage:
// a poll per this many sentences or UTF-16 units, whichever comes first, so
// a pathological 1 MiB text stops soon after its deadline while ordinary
// articles poll a handful of times (a poll reads a clock: ~25 ns).
constexpr int32_t kPollSentences = 256;
constexpr int32_t kPollUnits = 32 * 1024;

// Counts work and polls `control` when enough has been done since the last
// poll.
class Poller {
 public:
  explicit Poller(const CallControl& control) : control_(control) {}
  absl::Status Step(int32_t units) {
    ++sentences_;
    units_ += units;
    if (sentences_ < kPollSentences && units_ < kPollUnits) return absl::OkStatus();
    sentences_ = 0;
    units_ = 0;
    return Check(control_);
  }

 private:
  const CallControl& control_;
  int32_t sentences_ = 0;
  int64_t units_ = 0;
};

// u_isspace for ASCII (TAB..CR, FS..US, SPACE) without a call, plus the
// ideographic space.
bool IsDisplaySpace(UChar c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x3000;
}

// Bit 7 of each 16-bit lane of four UTF-16 units read as one little-endian
// 64-bit word (unit k in lane k), as DisplayText and DisplayChars read them.
constexpr uint64_t kLaneBit7 = 0x0080008000800080ull;
static_assert(std::endian::native == std::endian::little, "reads little-endian lanes");

// The four units `w` holds are all in ' '..DEL (0x20..0x7F): nothing above
// 0x7F, and bit 7 set by adding 0x60 (0x20 + 0x60 = 0x80; 0x7F + 0x60 = 0xDF).
inline bool FourPrintableAscii(uint64_t w) {
  return ((w & 0xFF80FF80FF80FF80ull) | (~(w + 0x0060006000600060ull) & kLaneBit7)) == 0;
}

// The sentence as shown to people: white space runs (including joined line
// breaks) collapsed to one space. Written straight to UTF-8 (NormalizedText
// has no unpaired surrogates).
std::string DisplayText(const icu::UnicodeString& text, TextRange r) {
  // 3 bytes per UTF-16 unit is always enough, so U8_APPEND_UNSAFE may write.
  std::string out(3 * static_cast<size_t>(r.length()), '\0');
  char* const buffer = out.data();
  int32_t length = 0;
  bool space = false;
  const UChar* s = text.getBuffer();
  for (int32_t i = r.begin; i < r.end;) {
    // Most of a Latin-script sentence is printable ASCII with single spaces,
    // which is written as it is: four units per step (SWAR on one 64-bit
    // word, unit k in 16-bit lane k), for blocks that need no collapsing:
    // after the first visible character (leading white space is dropped),
    // no space right after a space (pending or in the block), and no space
    // in the last lane (a space is written only once a visible character
    // follows it). Anything else goes through the per-unit paths below.
    if (length > 0) {
      for (; i + 4 <= r.end; i += 4) {
        uint64_t w;
        std::memcpy(&w, s + i, sizeof w);
        if (!FourPrintableAscii(w)) break;
        const uint64_t spaces = ~(w + 0x005F005F005F005Full) & kLaneBit7;  // bit 7 of the ' ' lanes
        if (((spaces << 16 | (space ? 0x80u : 0u)) & spaces) != 0 || (spaces >> 48) != 0) break;
        if (space) buffer[length++] = ' ';
        space = false;
        // The lanes' low bytes, in order, as four bytes.
        uint64_t bytes = (w | w >> 8) & 0x0000FFFF0000FFFFull;
        bytes |= bytes >> 16;
        const uint32_t four = static_cast<uint32_t>(bytes);
        std::memcpy(buffer + length, &four, sizeof four);
        length += 4;
      }
      if (i >= r.end) break;
    }
    // Runs of visible ASCII ('!'..DEL) are narrowed without the general
    // path's tests (a third of its cost).
    if (static_cast<uint32_t>(s[i]) - 0x21u < 0x5Fu) {
      if (space && length > 0) buffer[length++] = ' ';
      space = false;
      do {
        buffer[length++] = static_cast<char>(s[i++]);
      } while (i < r.end && static_cast<uint32_t>(s[i]) - 0x21u < 0x5Fu);
      continue;
    }
    UChar32 c = s[i++];
    if (IsDisplaySpace(static_cast<UChar>(c))) {
      space = true;
      continue;
    }
    if (space && length > 0) buffer[length++] = ' ';
    space = false;
    if (U16_IS_LEAD(c) && i < r.end && U16_IS_TRAIL(s[i])) {
      c = U16_GET_SUPPLEMENTARY(c, s[i]);
      ++i;
    } else if (U16_IS_SURROGATE(c)) {
      c = 0xFFFD;
    }
    U8_APPEND_UNSAFE(buffer, length, c);
  }
  out.resize(length);
  return out;
}

// Code points in DisplayText(text, r), without building it: the selector
// needs every sentence's length, the result only a few sentences' text.
// The code points that are not white space, plus one for each white-space
// run that ends before a visible character, less the leading run
// (DisplayText drops it; it ends before the first visible character, so it
// is counted whenever anything is). So each unit adds one when it starts a
// visible code point and one more when it is visible and the unit before it
// is white space.
//
// Most of a Latin-script sentence is printable ASCII, words and single
// spaces, whose runs of visible characters are too short for a per-run fast
// path: blocks of four such units are counted at once (SWAR on one 64-bit
// word, a 16-bit lane per unit, little-endian: unit k is lane k), about 5
// instructions per unit instead of ~20. Any other unit sends the next four
// through the per-unit path (rare in Latin text; non-Latin text pays one
// failed block test per four units).
int32_t DisplayChars(const icu::UnicodeString& text, TextRange r) {
  // Lane sums stay below 2^16 / 4 per lane (at most 2 per block), so their
  // total fits the top lane of the multiply below.
  constexpr int32_t kMaxBlocks = 8191;
  if (r.begin >= r.end) return 0;
  const UChar* s = text.getBuffer();
  const bool leading_space = IsDisplaySpace(s[r.begin]);
  int64_t count = !leading_space;  // A code point starts at r.begin.
  bool prev_space = leading_space;
  int32_t i = r.begin + 1;
  while (i < r.end) {
    uint64_t lanes = 0;  // per lane: its visible units, plus those after a space
    uint64_t carry = prev_space ? 0x80 : 0;  // bit 7: the unit before the block is a space
    const int32_t blocks_end = i + 4 * std::min((r.end - i) / 4, kMaxBlocks);
    for (; i < blocks_end; i += 4) {
      uint64_t w;
      std::memcpy(&w, s + i, sizeof w);
      if (!FourPrintableAscii(w)) break;
      // Bit 7 of the visible lanes ('!'..DEL: adding 0x5F sets it) and of
      // the spaces.
      const uint64_t shown = (w + 0x005F005F005F005Full) & kLaneBit7;
      const uint64_t spaces = shown ^ kLaneBit7;
      lanes += (shown + ((spaces << 16 | carry) & shown)) >> 7;
      carry = spaces >> 48;  // lane 3's bit 7 to lane 0's
    }
    count += static_cast<int64_t>((lanes * 0x0001000100010001ull) >> 48);
    prev_space = carry != 0;
    for (const int32_t stop = std::min(i + 4, r.end); i < stop; ++i) {
      const UChar c = s[i];
      const bool space = IsDisplaySpace(c);
      // A trail surrogate after a lead one continues its code point.
      const bool continues = U16_IS_TRAIL(c) && U16_IS_LEAD(s[i - 1]);
      count += (!space && !continues) + (!space && prev_space);
      prev_space = space;
    }
  }
  return static_cast<int32_t>(count - (leading_space && count > 0));
}

// Whether the first visible character of `r` is a quotation mark of any
// script (Unicode Quotation_Mark: "", “”, „, «», 「」, 『』...), leaving out
// the apostrophe-like marks (' and ’), which also open elisions ("'Tis",
// "’90s").
bool OpensWithQuote(const icu::UnicodeString& text, TextRange r) {
  const UChar* s = text.getBuffer();
  for (int32_t i = r.begin; i < r.end;) {
    UChar32 c;
    U16_NEXT(s, i, r.end, c);
    if (IsDisplaySpace(static_cast<UChar>(c))) continue;
    return c != 0x27 && c != 0x2019 && u_hasBinaryProperty(c, UCHAR_QUOTATION_MARK);
  }
  return false;
}

// 0: when (dates, times, durations), 1: how much / how many, 2: who / where.
int FactFamily(FactType type) {
  switch (type) {
    case FactType::kDate:
    case FactType::kTime:
    case FactType::kDuration:
      return 0;
    case FactType::kPerson:
    case FactType::kOrganization:
    case FactType::kPlace:
    case FactType::kName:
      return 2;
    default:
      return 1;
  }
}

// Importance of a fact for the compact list: facts in the summary first,
// then facts mentioned in central sentences (the sum of the ranker's
// normalized scores of the sentences that mention it, so both frequency and
// where it is said count), a small prior for when/how much over who/where,
// and the extractor's confidence (guessed years and resolved relative dates
// are less certain).
double FactImportance(const Fact& f, const std::vector<char>& in_summary,
                      const std::vector<double>& sentence_weight) {
  bool summarized = false;
  double salience = 0;
  for (const FactMention& m : f.mentions) {
    if (m.sentence < 0 || static_cast<size_t>(m.sentence) >= in_summary.size()) continue;
    summarized |= in_summary[m.sentence];
    salience += sentence_weight[m.sentence];
  }
  double type_prior = 0;
  switch (f.type) {
    case FactType::kDate:
    case FactType::kMoney:
    case FactType::kPercent:
      type_prior = 0.6;
      break;
    case FactType::kPerson:
    case FactType::kOrganization:
    case FactType::kPlace:
    case FactType::kQuantity:
    case FactType::kOrdinal:
    case FactType::kTime:
    case FactType::kDuration:
      type_prior = 0.4;
      break;
    default:
      type_prior = 0.1;
  }
  return (summarized ? 2.0 : 0.0) + salience + type_prior + f.confidence;
}

}  // namespace

struct Engine::Impl {
  EngineConfig config;
  LanguageResources resources;
  std::unique_ptr<SentenceSegmenter> segmenter;
  std::unique_ptr<Tokenizer> tokenizer;
  std::unique_ptr<BoilerplateDetector> boilerplate;
  std::unique_ptr<FactExtractor> facts;
  std::unique_ptr<SentenceRanker> ranker;

  absl::StatusOr<Analysis> Analyze(std::string_view text, std::string_view language_hint,
                                   const CallControl& control) const;
  absl::Status ValidateText(std::string_view text) const;
  SentenceResult MakeSentence(const Analysis& a, size_t i) const;
};

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

absl::StatusOr<std::unique_ptr<Engine>> Engine::Create(EngineConfig config,
                                                       LanguageResources resources) {
  if (config.max_text_bytes <= 0) {
    return absl::InvalidArgumentError("engine.max_text_bytes must be positive");
  }
  if (config.default_max_sentences < 1 || config.default_max_sentences > kMaxSentencesLimit) {
    return absl::InvalidArgumentError("engine.default_max_sentences must be in 1..1000");
  }
  if (config.default_max_facts < 0 || config.max_facts_limit < config.default_max_facts) {
    return absl::InvalidArgumentError(
        "engine.default_max_facts must be in 0..engine.max_facts_limit");
  }
  if (config.ranker.mmr_lambda < 0 || config.ranker.mmr_lambda > 1) {
    return absl::InvalidArgumentError("engine.ranker.mmr_lambda must be in [0, 1]");
  }
  if (config.ranker.dependent_discount < 0 || config.ranker.dependent_discount > 1) {
    return absl::InvalidArgumentError("engine.ranker.dependent_discount must be in [0, 1]");
  }
  auto impl = std::make_unique<Impl>();
  std::map<std::string, LexiconData> lexicons;
  std::map<std::string, FactRulesData> fact_rules;
  for (const auto& [code, data] : resources.languages) {
    lexicons[code] = data.lexicon;
    fact_rules[code] = data.facts;
  }
  ASSIGN_OR_RETURN(impl->segmenter, SentenceSegmenter::Create(resources));
  ASSIGN_OR_RETURN(impl->tokenizer, Tokenizer::Create(lexicons));
  ASSIGN_OR_RETURN(impl->boilerplate, BoilerplateDetector::Create(resources.boilerplate_patterns,
                                                             resources.boilerplate_line_start_patterns));
  ASSIGN_OR_RETURN(impl->facts, FactExtractor::Create(fact_rules));
  impl->ranker = std::make_unique<SentenceRanker>(config.ranker);
  impl->config = std::move(config);
  impl->resources = std::move(resources);
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

const EngineConfig& Engine::config() const { return impl_->config; }

absl::Status Engine::Impl::ValidateText(std::string_view text) const {
  if (static_cast<int64_t>(text.size()) > config.max_text_bytes) {
    return FieldError(absl::StatusCode::kResourceExhausted, "text",
                      absl::StrCat("text is ", text.size(), " bytes; the limit is ",
                                   config.max_text_bytes));
  }
  if (text.empty()) return FieldError("text", "must not be empty");
  return absl::OkStatus();
}

absl::StatusOr<Analysis> Engine::Impl::Analyze(std::string_view text,
                                               std::string_view language_hint,
                                               const CallControl& control) const {
  RETURN_IF_ERROR(ValidateText(text));
  std::string hinted;
  if (!language_hint.empty()) {
    ASSIGN_OR_RETURN(hinted, LanguageDetector::PrimaryLanguage(language_hint, "language"));
  }
  ASSIGN_OR_RETURN(NormalizedText normalized, NormalizedText::Create(text));
  Analysis a(std::move(normalized));
  RETURN_IF_ERROR(Check(control));

  if (!hinted.empty()) {
    a.language = hinted;
    a.language_confidence = 1.0;
  } else {
    DetectedLanguage detected = LanguageDetector::Detect(text);
    a.language = detected.code;
    a.language_confidence = detected.confidence;
  }

  a.segmentation = segmenter->Segment(a.text.text(), a.language);
  if (a.segmentation.sentences.empty()) {
    return FieldError("text", "contains no words (only white space, controls or format characters)");
  }
  RETURN_IF_ERROR(Check(control));

  const size_t n = a.segmentation.sentences.size();
  a.token_begin.reserve(n + 1);
  // About one token per 6 UTF-16 units of text.
  a.tokens.reserve(static_cast<size_t>(a.text.text().length()) / 6 + 16);
  Poller poller(control);
  for (const SegmentedSentence& s : a.segmentation.sentences) {
    a.token_begin.push_back(static_cast<int32_t>(a.tokens.size()));
    tokenizer->Tokenize(a.text.text(), s.range, a.language, &a.tokens);
    RETURN_IF_ERROR(poller.Step(s.range.length()));
  }
  a.token_begin.push_back(static_cast<int32_t>(a.tokens.size()));
  std::vector<int32_t> words(n);
  for (size_t i = 0; i < n; ++i) words[i] = a.WordCount(i);
  a.kinds = boilerplate->Classify(a.text.text(), a.segmentation, words);
  RETURN_IF_ERROR(Check(control));
  return a;
}

SentenceResult Engine::Impl::MakeSentence(const Analysis& a, size_t i) const {
  const SegmentedSentence& s = a.segmentation.sentences[i];
  SentenceResult r;
  r.id = static_cast<int32_t>(i);
  // One source mapping for both the span and the text (SourceSlice would
  // map the range again).
  r.span = a.text.ToSourceSpan(s.range);
  r.text = std::string(
      a.text.source().substr(r.span.byte_begin, r.span.byte_end - r.span.byte_begin));
  r.normalized_text = DisplayText(a.text.text(), s.range);
  r.paragraph = s.paragraph;
  r.kind = a.kinds[i];
  return r;
}

absl::StatusOr<SummaryResult> Engine::Summarize(std::string_view text,
                                                const SummarizeOptions& options,
                                                const CallControl& control) const {
  const Impl& m = *impl_;
  // Validate the cheap options before any work.
  SelectionBudget budget;
  const LengthBudget& length = options.length;
  switch (length.kind) {
    case LengthBudget::Kind::kDefault:
      budget = {SelectionBudget::Kind::kSentences, m.config.default_max_sentences,
                absl::StrCat("max_sentences=", m.config.default_max_sentences)};
      break;
    case LengthBudget::Kind::kSentences:
      if (!(length.value >= 1 && length.value <= kMaxSentencesLimit)) {
        return FieldError("max_sentences", absl::StrCat("must be between 1 and ",
                                                        kMaxSentencesLimit));
      }
      budget = {SelectionBudget::Kind::kSentences, static_cast<int64_t>(length.value),
                absl::StrCat("max_sentences=", static_cast<int64_t>(length.value))};
      break;
    case LengthBudget::Kind::kRatio:
      if (!(length.value > 0 && length.value <= 1)) {
        return FieldError("ratio", "must be in (0, 1]");
      }
      budget = {SelectionBudget::Kind::kSentences, 0, absl::StrCat("ratio=", length.value)};
      break;
    case LengthBudget::Kind::kWords:
      if (!(length.value >= 1 && length.value <= kMaxWordsLimit)) {
        return FieldError("max_words", absl::StrCat("must be between 1 and ", kMaxWordsLimit));
      }
      budget = {SelectionBudget::Kind::kWords, static_cast<int64_t>(length.value),
                absl::StrCat("max_words=", static_cast<int64_t>(length.value))};
      break;
    case LengthBudget::Kind::kChars:
      if (!(length.value >= 1 && length.value <= kMaxCharsLimit)) {
        return FieldError("max_chars", absl::StrCat("must be between 1 and ", kMaxCharsLimit));
      }
      budget = {SelectionBudget::Kind::kChars, static_cast<int64_t>(length.value),
                absl::StrCat("max_chars=", static_cast<int64_t>(length.value))};
      break;
  }
  if (options.max_facts < 0 || options.max_facts > m.config.max_facts_limit) {
    return FieldError("max_facts", absl::StrCat("must be between 0 and ",
                                                m.config.max_facts_limit));
  }
  if (!options.time_zone.empty()) {  // Empty is UTC, which needs no check.
    const std::string& time_zone = options.time_zone;
    std::unique_ptr<icu::TimeZone> tz(
        icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(time_zone)));
    if (tz == nullptr || *tz == icu::TimeZone::getUnknown()) {
      return FieldError("time_zone", absl::StrCat("unknown IANA time zone '", time_zone, "'"));
    }
  }
  for (size_t i = 0; i < options.target_locales.size(); ++i) {
    RETURN_IF_ERROR(LanguageDetector::PrimaryLanguage(options.target_locales[i],
                                                      absl::StrCat("target_locales[", i, "]"))
                        .status());
  }

  ASSIGN_OR_RETURN(Analysis a, m.Analyze(text, options.language, control));
  const NormalizedText& nt = a.text;
  const icu::UnicodeString& t = nt.text();
  const size_t n = a.segmentation.sentences.size();

  // Facts first: the ranker uses their density.
  std::vector<TextRange> ranges(n);
  std::vector<bool> skip(n);
  for (size_t i = 0; i < n; ++i) {
    ranges[i] = a.segmentation.sentences[i].range;
    skip[i] = a.kinds[i] == SentenceKind::kBoilerplate;
  }
  FactContext fact_context;
  fact_context.language = a.language;
  fact_context.time_zone = options.time_zone.empty() ? "UTC" : options.time_zone;
  fact_context.reference_time_ms =
      options.reference_time_ms.has_value()
          ? *options.reference_time_ms
          : std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
  std::vector<Fact> facts = m.facts->Extract(t, ranges, skip, fact_context);
  RETURN_IF_ERROR(Check(control));

  // Rank. Term ids are assigned per document.
  RankerInput input;
  input.sentences.resize(n);
  // Sized once for about one distinct term per two tokens (see TermInterner
  // for why not a hash map of string_views).
  TermInterner term_ids(a.tokens.size() / 2 + 16);
  // Per token: its term id (-1 for stopwords and numbers), shared with the
  // key phrase extractor.
  std::vector<int32_t> token_term(a.tokens.size(), -1);
  std::vector<char> dependent(n, false);
  Poller poller(control);
  for (size_t i = 0; i < n; ++i) {
    RETURN_IF_ERROR(poller.Step(ranges[i].length()));
    RankerSentence& rs = input.sentences[i];
    rs.candidate = a.kinds[i] == SentenceKind::kBody;
    rs.word_count = a.WordCount(i);
    rs.opens_with_quote = rs.candidate && OpensWithQuote(t, ranges[i]);
    if (rs.word_count > 0) {
      dependent[i] = m.tokenizer->IsDependentOpener(a.language, a.tokens[a.token_begin[i]].term);
      // One allocation per sentence, not one per doubling.
      rs.terms.reserve(static_cast<size_t>(rs.word_count));
    }
    for (int32_t k = a.token_begin[i]; k < a.token_begin[i + 1]; ++k) {
      const Token& tok = a.tokens[k];
      if (tok.stopword || tok.kind == TokenKind::kNumber) continue;
      const int32_t id = term_ids.Intern(tok.term);
      rs.terms.push_back(id);
      token_term[k] = id;
    }
    if (a.kinds[i] == SentenceKind::kHeadline) input.headline_terms = rs.terms;
  }
  for (const Fact& f : facts) {
    for (const FactMention& mention : f.mentions) {
      if (mention.sentence >= 0 && static_cast<size_t>(mention.sentence) < n) {
        ++input.sentences[mention.sentence].fact_count;
      }
    }
  }
  input.vocabulary_size = term_ids.size();
  int64_t candidates = 0;
  std::vector<int32_t> chars(n);
  for (size_t i = 0; i < n; ++i) {
    chars[i] = DisplayChars(t, ranges[i]);
    candidates += input.sentences[i].candidate;
  }
  if (length.kind == LengthBudget::Kind::kRatio) {
    budget.limit = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(length.value * candidates)));
  }
  // The ranker adapts to how much of the text the summary will take.
  std::vector<SelectorSentence> selector(n);
  for (size_t i = 0; i < n; ++i) {
    selector[i].candidate = input.sentences[i].candidate;
    selector[i].dependent = dependent[i];
    selector[i].words = a.WordCount(i);
    selector[i].chars = chars[i];
  }
  input.summary_sentences = ExpectedSummarySentences(selector, budget);
  RankResult ranked = m.ranker->Rank(input);
  RETURN_IF_ERROR(Check(control));

  // Select.
  for (size_t i = 0; i < n; ++i) selector[i].score = ranked.scores[i];
  Selection selection = SelectSummary(selector, ranked.vectors, budget, m.ranker->weights());

  // Results.
  SummaryResult result;
  result.language = a.language;
  result.language_confidence = a.language_confidence;
  result.empty_reason = selection.empty_reason;
  std::vector<int32_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = static_cast<int32_t>(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](int32_t x, int32_t y) { return ranked.scores[x] > ranked.scores[y]; });
  std::vector<int32_t> rank(n, 0);
  for (size_t r = 0; r < n; ++r) {
    if (ranked.scores[order[r]] > 0) rank[order[r]] = static_cast<int32_t>(r + 1);
  }
  std::vector<char> in_summary(n, false);
  for (int32_t i : selection.sentences) {
    SentenceResult s = m.MakeSentence(a, i);
    s.score = ranked.scores[i];
    s.rank = rank[i];
    result.summary.push_back(std::move(s));
    in_summary[i] = true;
  }
  for (size_t i = 0; i < n; ++i) {
    if (a.kinds[i] == SentenceKind::kHeadline) {
      result.title = DisplayText(t, ranges[i]);
      result.title_span = nt.ToSourceSpan(ranges[i]);
      break;
    }
  }

  // Facts: rank, keep the most important.
  std::vector<double> sentence_weight(n, 0.0);
  {
    double top = 0;
    for (double v : ranked.scores) top = std::max(top, v);
    for (size_t i = 0; i < n; ++i) {
      // The headline is not ranked but names the story's key facts.
      sentence_weight[i] = a.kinds[i] == SentenceKind::kHeadline
                               ? 1.0
                               : (top > 0 ? ranked.scores[i] / top : 0.0);
    }
  }
  std::vector<std::pair<double, const Fact*>> ordered;
  ordered.reserve(facts.size());
  for (const Fact& f : facts) {
    if (!f.mentions.empty()) {
      ordered.emplace_back(FactImportance(f, in_summary, sentence_weight), &f);
    }
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  const int32_t max_facts = options.max_facts > 0 ? options.max_facts : m.config.default_max_facts;
  // A compact list should say when, how much, how many, who and where.
  // Names and dates recur far more than amounts, so pure importance order
  // fills a short list with them and drops the one "$300 million" a reader
  // came for. Greedy selection with a decay per fact already taken of the
  // same family (when / how much / who-where; diversity in the spirit of
  // MMR) keeps every kind in view.
  constexpr double kSameFamilyDecay = 0.7;
  std::vector<std::pair<double, const Fact*>> kept;
  // Bytes, not std::vector<bool>'s bit masking, in the loop over all facts
  // per fact kept; the family of each fact found once.
  std::vector<char> used(ordered.size(), false);
  std::vector<uint8_t> family(ordered.size());
  for (size_t k = 0; k < ordered.size(); ++k) family[k] = FactFamily(ordered[k].second->type);
  double decay[3] = {1.0, 1.0, 1.0};  // kSameFamilyDecay^(facts kept of the family)
  while (static_cast<int32_t>(kept.size()) < max_facts) {
    size_t best = ordered.size();
    double best_score = -1;
    for (size_t k = 0; k < ordered.size(); ++k) {
      if (used[k]) continue;
      const double score = ordered[k].first * decay[family[k]];
      if (score > best_score) {
        best_score = score;
        best = k;
      }
    }
    if (best == ordered.size()) break;
    used[best] = true;
    decay[family[best]] *= kSameFamilyDecay;
    kept.push_back(ordered[best]);
  }
  for (const auto& [importance, f] : kept) {
    FactResult fr;
    fr.type = f->type;
    fr.text = std::string(nt.SourceSlice(f->mentions.front().range));
    fr.value = f->value;
    fr.unit = f->unit;
    fr.sentence_id = f->mentions.front().sentence;
    fr.span = nt.ToSourceSpan(f->mentions.front().range);
    fr.confidence = f->confidence;
    fr.grain = f->grain;
    fr.modifier = f->modifier;
    for (const FactMention& mention : f->mentions) {
      fr.mentions.push_back(nt.ToSourceSpan(mention.range));
    }
    result.facts.push_back(std::move(fr));
  }
  {  // Translation: display per target locale, summary sentence templates.
    std::vector<const Fact*> listed;  // result.facts[k] was made from listed[k].
    for (const auto& entry : kept) listed.push_back(entry.second);
    RETURN_IF_ERROR(AddTranslationData(nt, ranges, facts, listed, options.target_locales, &result));
  }
  RETURN_IF_ERROR(Check(control));

  // Key phrases.
  std::vector<PhraseSentence> phrase_sentences(n);
  for (size_t i = 0; i < n; ++i) {
    phrase_sentences[i].begin = a.tokens.data() + a.token_begin[i];
    phrase_sentences[i].end = a.tokens.data() + a.token_begin[i + 1];
    phrase_sentences[i].term_ids = token_term.data() + a.token_begin[i];
    phrase_sentences[i].headline = a.kinds[i] == SentenceKind::kHeadline;
    phrase_sentences[i].body = a.kinds[i] == SentenceKind::kBody;
  }
  for (const KeyPhrase& kp : ExtractKeyPhrases(t, phrase_sentences, m.config.max_key_phrases)) {
    KeyPhraseResult r;
    r.text = std::string(nt.SourceSlice(kp.first));
    r.score = kp.score;
    r.span = nt.ToSourceSpan(kp.first);
    r.count = kp.count;
    result.key_phrases.push_back(std::move(r));
  }

  result.stats.sentence_count = static_cast<int32_t>(n);
  result.stats.paragraph_count = static_cast<int32_t>(a.segmentation.paragraphs.size());
  result.stats.char_count = nt.source_char_count();
  result.stats.word_count = static_cast<int32_t>(a.tokens.size());
  return result;
}

absl::StatusOr<SegmentResult> Engine::Segment(std::string_view text, std::string_view language,
                                              const CallControl& control) const {
  ASSIGN_OR_RETURN(Analysis a, impl_->Analyze(text, language, control));
  SegmentResult result;
  result.language = a.language;
  result.language_confidence = a.language_confidence;
  const size_t n = a.segmentation.sentences.size();
  result.sentences.reserve(n);
  Poller poller(control);
  for (size_t i = 0; i < n; ++i) {
    result.sentences.push_back(impl_->MakeSentence(a, i));
    RETURN_IF_ERROR(poller.Step(a.segmentation.sentences[i].range.length()));
  }
  const auto& paragraphs = a.segmentation.paragraphs;
  size_t next = 0;
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    ParagraphResult pr;
    pr.id = static_cast<int32_t>(p);
    pr.span = a.text.ToSourceSpan(paragraphs[p]);
    pr.sentence_begin = static_cast<int32_t>(next);
    while (next < n && a.segmentation.sentences[next].paragraph == static_cast<int>(p)) ++next;
    pr.sentence_end = static_cast<int32_t>(next);
    result.paragraphs.push_back(pr);
  }
  return result;
}

Capabilities Engine::GetCapabilities() const {
  const Impl& m = *impl_;
  Capabilities caps;
  caps.max_text_bytes = m.config.max_text_bytes;
  caps.default_max_sentences = m.config.default_max_sentences;
  caps.default_max_facts = m.config.default_max_facts;
  caps.max_facts = m.config.max_facts_limit;
  for (const auto& [code, data] : m.resources.languages) {
    LanguageCapability lc;
    lc.code = code;
    lc.name = data.name;
    lc.detection = true;  // CLD2's full tables cover every language listed.
    lc.sentence_abbreviations = m.segmenter->HasLanguage(code);
    lc.stemming = m.tokenizer->HasStemmer(code);
    lc.stopwords = m.tokenizer->HasStopwords(code);
    // Number, percent and currency-symbol rules need no words, so every
    // language gets them; dates, scale words and names need language data.
    lc.fact_types = {FactType::kMoney, FactType::kPercent, FactType::kNumber};
    if (!data.facts.lists.empty() || !data.facts.maps.empty()) {
      lc.fact_types = {FactType::kDate,     FactType::kTime,     FactType::kDuration,
                       FactType::kMoney,    FactType::kPercent,  FactType::kQuantity,
                       FactType::kNumber,   FactType::kOrdinal,  FactType::kPerson,
                       FactType::kOrganization, FactType::kPlace};
    }
    caps.languages.push_back(std::move(lc));
  }
  return caps;
}

}  // namespace precis
