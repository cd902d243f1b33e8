// Proof under abuse: a corpus of hostile and degenerate texts sent to a real
// precisd (default limits, Release build) through Summarize and Segment.
//
// For every case the server must answer with either a valid response or the
// right status (INVALID_ARGUMENT with a google.rpc.BadRequest naming the
// field, RESOURCE_EXHAUSTED above max_text_bytes) and a non-empty message;
// it must stay SERVING afterwards; and every span of an OK response
// (sentences, title, facts and their mentions, key phrases, placeholders,
// paragraphs) must lie inside the text as sent, in all three units, agreeing
// with each other, with byte offsets on UTF-8 character boundaries.
//
// Requests are sent as raw bytes (the text as an unknown length-delimited
// field 1, the other fields serialized by protobuf), so invalid UTF-8 reaches
// the server exactly as a careless client would send it.
//
// No timing assertions: the deadlines are generous because a slow machine
// or a sanitizer build may take seconds on the megabyte-sized cases.
#include <signal.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "backend.h"
#include "gmock/gmock.h"
#include "google/protobuf/unknown_field_set.h"
#include "gtest/gtest.h"
#include "precis/v1/precis.grpc.pb.h"
#include "proto_convert.h"
#include "test_process.h"

namespace precis {
namespace {

using testing::PrecisdProcess;

// The server's default max_text_bytes (service/server/precisd.yaml).
constexpr size_t kMaxTextBytes = 1048576;

constexpr auto kDeadline = std::chrono::seconds(280);

// Default limits (max_text_bytes = 1 MiB), two workers.
constexpr char kConfig[] = R"(
server:
  worker_threads: 2
  log_requests: false
)";

enum class Want {
  kOk,                 // a valid response
  kInvalidArgument,    // INVALID_ARGUMENT, BadRequest on "text"
  kResourceExhausted,  // RESOURCE_EXHAUSTED, BadRequest on "text"
  kOkOrInvalidText,    // either (e.g. a text with no words at all)
  // A valid response, or DEADLINE_EXCEEDED from the server's own per-call
  // time limit (limits.max_call_seconds) well before the client's deadline:
  // the megabyte-sized cases, whose cost is bounded by configuration.
  kOkOrServerDeadline,
};

struct AbuseCase {
  std::string name;
  std::function<std::string()> make;
  Want want;
  // For invalid UTF-8: the byte offset the error must name.
  int64_t bad_byte = -1;
};

// gtest prints the case's name, not its bytes.
void PrintTo(const AbuseCase& c, std::ostream* os) { *os << c.name; }

// A string literal with embedded NULs, whole.
template <size_t N>
std::string Bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

std::string Repeat(const std::string& unit, size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (size_t i = 0; i < times; ++i) out += unit;
  return out;
}

// Code point -> UTF-8 without any validity check (so surrogates can be
// encoded on purpose).
std::string Utf8(uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

const char kPrefix[] = "Talks were held in Geneva on 10 January 2022. ";
constexpr int64_t kPrefixBytes = sizeof(kPrefix) - 1;

// A prose sentence, different for each i (word variety keeps the ranker and
// the key phrase extractor busy rather than collapsing duplicates).
std::string ProseSentence(size_t i) {
  static const char* const kSubjects[] = {"The minister", "A spokesman", "Officials",
                                          "The company", "Residents", "Analysts",
                                          "The council", "Engineers"};
  static const char* const kVerbs[] = {"said", "reported", "announced", "denied",
                                       "confirmed", "warned", "estimated", "noted"};
  static const char* const kObjects[] = {"a rise in prices", "new talks", "the budget",
                                         "a delay", "record sales", "heavy rain",
                                         "the final vote", "a merger"};
  return std::string(kSubjects[i % 8]) + " " + kVerbs[(i / 8) % 8] + " " +
         kObjects[(i / 64) % 8] + " on day " + std::to_string(i) + ".";
}

std::vector<AbuseCase> Corpus() {
  std::vector<AbuseCase> c;
  const std::string prefix = kPrefix;
  // --- Invalid UTF-8: the first bad byte is named.
  c.push_back({"TruncatedSequence",
               [=] { return prefix + "Price: 5 \xE2\x82 euros. More text."; },
               Want::kInvalidArgument, kPrefixBytes + 9});
  c.push_back({"TruncatedAtEnd", [=] { return prefix + "Ends in \xF0\x9F\x98"; },
               Want::kInvalidArgument, kPrefixBytes + 8});
  c.push_back({"OverlongSlash", [=] { return prefix + "Path \xC0\xAF etc."; },
               Want::kInvalidArgument, kPrefixBytes + 5});
  c.push_back({"OverlongNul", [=] { return prefix + "Nul \xC0\x80 here."; },
               Want::kInvalidArgument, kPrefixBytes + 4});
  c.push_back({"OverlongThreeByte", [=] { return prefix + "Euro \xE0\x82\xAC here."; },
               Want::kInvalidArgument, kPrefixBytes + 5});
  c.push_back({"EncodedHighSurrogate",
               [=] { return prefix + "Half " + Utf8(0xD83D) + " a pair."; },
               Want::kInvalidArgument, kPrefixBytes + 5});
  c.push_back({"EncodedSurrogatePair",
               [=] { return prefix + "CESU " + Utf8(0xD83D) + Utf8(0xDE00) + " pair."; },
               Want::kInvalidArgument, kPrefixBytes + 5});
  c.push_back({"ByteFF", [=] { return prefix + "\xFF" + "after."; },
               Want::kInvalidArgument, kPrefixBytes});
  c.push_back({"ByteFFFirst", [] { return std::string("\xFF\xFE" "A", 3); },
               Want::kInvalidArgument, 0});
  c.push_back({"AboveU10FFFF", [=] { return prefix + "Big \xF4\x90\x80\x80."; },
               Want::kInvalidArgument, kPrefixBytes + 4});
  c.push_back({"LoneContinuation", [=] { return prefix + "x\x80y."; },
               Want::kInvalidArgument, kPrefixBytes + 1});
  // --- NUL bytes and controls (valid UTF-8).
  c.push_back({"NulBytesInside",
               [=] {
                 return prefix + Bytes("Nul\0bytes\0inside a sentence. And\0\0 more.");
               },
               Want::kOk});
  c.push_back({"OnlyNulBytes", [] { return std::string(1000, '\0'); },
               Want::kOkOrInvalidText});
  c.push_back({"C0AndC1Controls",
               [=] {
                 std::string s = prefix;
                 for (int b = 1; b < 0x20; ++b) s += static_cast<char>(b);
                 for (uint32_t cp = 0x80; cp < 0xA0; ++cp) s += Utf8(cp);
                 return s + " Controls end here.";
               },
               Want::kOk});
  // --- Byte order marks.
  c.push_back({"LeadingBom", [=] { return "\xEF\xBB\xBF" + prefix + "Second sentence."; },
               Want::kOk});
  c.push_back({"BomEverywhere",
               [=] { return Repeat("\xEF\xBB\xBF" "Word\xEF\xBB\xBF. ", 200) + prefix; },
               Want::kOk});
  c.push_back({"OnlyBom", [] { return std::string("\xEF\xBB\xBF"); },
               Want::kOkOrInvalidText});
  // --- Size: 1 MiB without spaces, at the limit and just above it.
  c.push_back({"OneMiBNoSpacesAtLimit", [] { return std::string(kMaxTextBytes, 'a'); },
               Want::kOkOrServerDeadline});
  c.push_back({"OneMiBNoSpacesAboveLimit",
               [] { return std::string(kMaxTextBytes + 1, 'a'); },
               Want::kResourceExhausted});
  c.push_back({"OneMiBCjkNoSpacesAtLimit",
               [] {
                 // 3-byte characters, topped up with ASCII to exactly 1 MiB.
                 std::string s = Repeat("\xE4\xB8\xAD", kMaxTextBytes / 3);
                 return s + std::string(kMaxTextBytes - s.size(), 'x');
               },
               Want::kOkOrServerDeadline});
  c.push_back({"OneMiBSentencesWithoutSpaces",
               [] {
                 // "Missing spaces after punctuation" are restored by
                 // normalization: a megabyte of them.
                 std::string s = Repeat("Abc.Def,12.5%", kMaxTextBytes / 13);
                 return s + std::string(kMaxTextBytes - s.size(), 'z');
               },
               Want::kOkOrServerDeadline});
  c.push_back({"OneMiBEmojiAboveLimit",
               [] { return Repeat("\xF0\x9F\x98\x80", kMaxTextBytes / 4) + "!"; },
               Want::kResourceExhausted});
  // --- Newlines.
  c.push_back({"HundredThousandNewlinesOnly", [] { return std::string(100000, '\n'); },
               Want::kInvalidArgument});
  c.push_back({"HundredThousandNewlinesBetween",
               [=] { return prefix + std::string(100000, '\n') + "The end came later."; },
               Want::kOkOrServerDeadline});
  c.push_back({"FiftyThousandParagraphs",
               [] { return Repeat("x\n\n", 50000); }, Want::kOkOrServerDeadline});
  c.push_back({"HundredThousandCrLf",
               [] { return Repeat("Line\r\n", 100000); }, Want::kOkOrServerDeadline});
  c.push_back({"CrLfLinesOfEveryLength",
               [] {
                 // Each CR LF's LF lands on every byte offset modulo small
                 // powers of two (index checkpoints in the span mapping).
                 std::string s;
                 for (int len = 1; len <= 64; ++len) {
                   s += "Line " + std::string(len, 'x') + ".\r\n";
                 }
                 return s;
               },
               Want::kOk});
  // --- Punctuation only.
  c.push_back({"OnlyPunctuation",
               [] { return Repeat("!?.,;:-()[]{}\"'...", 2000); },
               Want::kOkOrInvalidText});
  c.push_back({"OnlyUnicodePunctuation",
               [] { return Repeat("\xE2\x80\xA6\xE3\x80\x82\xC2\xBF\xC2\xA1\xE2\x80\x94", 3000); },
               Want::kOkOrInvalidText});
  // --- Right-to-left text with bidi controls.
  // Controls as \u escapes (invisible), letters as written.
  c.push_back({"ArabicWithBidiControls",
               [] {
                 // RLE ... PDF, RLI ... PDI, RLM/LRM, RLO, Arabic-Indic digits.
                 return std::string(
                     "\u202B" "عقدت المحادثات في جنيف. " "\u202C"
                     "\u2067" "السعر ١٢٣ دولار" "\u2069"
                     " \u200F" "Geneva 2022" "\u200E" ". "
                     "\u202E" "وقال الوزير إن المحادثات ستستمر." "\u202C");
               },
               Want::kOk});
  c.push_back({"HebrewWithBidiControls",
               [] {
                 return Repeat(
                     "\u2067" "השיחות נמשכו בזנבה" "\u2069"
                     " \u202B" "10 בינואר 2022" "\u202C"
                     ". \u202A" "$300 million" "\u202C" " הוקצו. ",
                     50);
               },
               Want::kOk});
  c.push_back({"UnbalancedBidiControls",
               [] { return Repeat("\xE2\x80\xAB\xE2\x81\xA7\xE2\x80\xAE" "abc ", 5000); },
               Want::kOk});
  // --- Combining-mark floods.
  c.push_back({"CombiningFlood",
               [=] { return prefix + "e" + Repeat("\xCC\x81", 10000) + " is the word."; },
               Want::kOk});
  c.push_back({"CombiningFloodMixedClasses",
               [=] {
                 // Classes 230, 220, 202 interleaved: canonical reordering
                 // has real work to do.
                 return "a" + Repeat("\xCC\x81\xCC\xA3\xCC\xA7", 3334) + ". " + prefix;
               },
               Want::kOk});
  c.push_back({"CombiningOnly", [] { return Repeat("\xCC\x81", 10000); },
               Want::kOkOrInvalidText});
  c.push_back({"HangulJamoFlood",
               [] { return Repeat("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8", 5000) + "."; },
               Want::kOk});
  // --- Emoji ZWJ sequences, flags, keycaps, skin tones.
  c.push_back({"EmojiZwjSequences",
               [=] {
                 // Man ZWJ woman ZWJ girl ZWJ boy; white flag VS16 ZWJ rainbow;
                 // regional indicators U A; keycap 5; thumbs up + skin tone.
                 const std::string family =
                     "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
                 const std::string rainbow = "\U0001F3F3\uFE0F\u200D\U0001F308";
                 const std::string flag = "\U0001F1FA\U0001F1E6";
                 const std::string keycap = "5\uFE0F\u20E3";
                 const std::string tone = "\U0001F44D\U0001F3FD";
                 return prefix + family + " The family " + family + "arrived on " + keycap +
                        " May" + rainbow + ". Prices rose " + keycap + "0%" + tone + " in " +
                        flag + "Kyiv" + flag + ". " + Repeat(family + rainbow + flag, 300) +
                        " $" + keycap + " million.";
               },
               Want::kOk});
  c.push_back({"ZwjOnly", [] { return Repeat("\xE2\x80\x8D", 20000); },
               Want::kOkOrInvalidText});
  // --- HTML markup.
  c.push_back({"HtmlMarkup",
               [] {
                 return std::string(
                     "<!DOCTYPE html><html><head><title>Talks &amp; more</title>"
                     "<script>var x = \"</p>\"; if (a < b && c > d) {}</script>"
                     "<style>p { color: red; }</style></head><body>"
                     "<h1>Talks in Geneva</h1><p>Talks were held&nbsp;in Geneva on "
                     "10&nbsp;January&#160;2022.</p><p>The deal is worth &#x24;300 "
                     "million, officials said.<br/>More &lt;b&gt; text.</p>"
                     "<!-- comment. With. Dots. --><div><span>{0} {1} '{'</span></div>"
                     "</body></html>");
               },
               Want::kOk});
  // --- Mixed scripts.
  c.push_back({"MixedScripts",
               [] {
                 return std::string(
                     "Talks were held in Geneva on 10 January 2022. "
                     "会谈于2022年1月10日在日内瓦举行。"
                     "Переговоры прошли в Женеве. "
                     "การเจรจา เริ่มต้น "
                     "वार्ता जिनेवा में हुई। "
                     "Οι συνομιλίες κοστισαν €5εκατ. "
                     "会談は１０日に行われた。"
                     // CJK Extension B and mathematical letters: 4 UTF-8
                     // bytes, 2 UTF-16 units each.
                     "\U0002000B\U0002000C\U0002000D" "3 \U0001D400\U0001D401 12.5%. "
                     "Ελληνικά and English mixed: Москва, 東京, القاهرة, תל אביב.");
               },
               Want::kOk});
  // --- Sentence counts.
  c.push_back({"OneSentence", [] { return std::string("The talks ended."); }, Want::kOk});
  c.push_back({"OneWord", [] { return std::string("x"); }, Want::kOk});
  c.push_back({"TwentyThousandSentences",
               [] {
                 std::string s;
                 for (size_t i = 0; i < 20000; ++i) s += ProseSentence(i) + " ";
                 return s;
               },
               Want::kOkOrServerDeadline});
  c.push_back({"TwentyThousandTinySentences",
               [] { return Repeat("No. Yes! Why? ", 20000 / 3 + 1); }, Want::kOkOrServerDeadline});
  return c;
}

// Offsets of every character boundary of a valid UTF-8 text in code points
// and UTF-16 units (-1 inside a character).
struct OffsetTable {
  explicit OffsetTable(const std::string& text)
      : cp(text.size() + 1, -1), utf16(text.size() + 1, -1) {
    int64_t c = 0, u = 0;
    size_t i = 0;
    while (i < text.size()) {
      cp[i] = c;
      utf16[i] = u;
      const unsigned char b = static_cast<unsigned char>(text[i]);
      const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      ++c;
      u += len == 4 ? 2 : 1;
      i += len;
    }
    cp[text.size()] = c;
    utf16[text.size()] = u;
  }
  std::vector<int64_t> cp;
  std::vector<int64_t> utf16;
};

// Checks one span against the input; returns the bytes it selects.
std::string CheckSpan(const std::string& text, const OffsetTable& table,
                      const v1::Span& span, const std::string& what) {
  const int64_t size = static_cast<int64_t>(text.size());
  EXPECT_LE(0, span.byte_begin()) << what;
  EXPECT_LE(span.byte_begin(), span.byte_end()) << what;
  EXPECT_LE(span.byte_end(), size) << what;
  EXPECT_LE(0, span.char_begin()) << what;
  EXPECT_LE(span.char_begin(), span.char_end()) << what;
  EXPECT_LE(span.char_end(), table.cp[size]) << what;
  EXPECT_LE(0, span.utf16_begin()) << what;
  EXPECT_LE(span.utf16_begin(), span.utf16_end()) << what;
  EXPECT_LE(span.utf16_end(), table.utf16[size]) << what;
  if (span.byte_begin() < 0 || span.byte_end() > size ||
      span.byte_begin() > span.byte_end()) {
    return "";
  }
  const int64_t b = span.byte_begin(), e = span.byte_end();
  // On character boundaries, and the three units agree.
  EXPECT_NE(table.cp[b], -1) << what << ": byte_begin " << b << " inside a character";
  EXPECT_NE(table.cp[e], -1) << what << ": byte_end " << e << " inside a character";
  if (table.cp[b] != -1) {
    EXPECT_EQ(span.char_begin(), table.cp[b]) << what;
    EXPECT_EQ(span.utf16_begin(), table.utf16[b]) << what;
  }
  if (table.cp[e] != -1) {
    EXPECT_EQ(span.char_end(), table.cp[e]) << what;
    EXPECT_EQ(span.utf16_end(), table.utf16[e]) << what;
  }
  return text.substr(b, e - b);
}

void CheckSentence(const std::string& text, const OffsetTable& table,
                   const v1::Sentence& s, const std::string& what) {
  EXPECT_EQ(CheckSpan(text, table, s.span(), what), s.text()) << what;
  for (int i = 0; i < s.placeholders_size(); ++i) {
    const v1::Placeholder& p = s.placeholders(i);
    const std::string name = what + ".placeholders[" + std::to_string(i) + "]";
    EXPECT_EQ(CheckSpan(text, table, p.span(), name), p.text()) << name;
    // A placeholder lies inside its sentence.
    EXPECT_GE(p.span().byte_begin(), s.span().byte_begin()) << name;
    EXPECT_LE(p.span().byte_end(), s.span().byte_end()) << name;
  }
}

void CheckSummarizeResponse(const std::string& text, const v1::SummarizeResponse& r) {
  const OffsetTable table(text);
  for (int i = 0; i < r.summary_size(); ++i) {
    CheckSentence(text, table, r.summary(i), "summary[" + std::to_string(i) + "]");
  }
  if (r.has_title_span()) CheckSpan(text, table, r.title_span(), "title_span");
  for (int i = 0; i < r.facts_size(); ++i) {
    const v1::KeyFact& f = r.facts(i);
    const std::string name = "facts[" + std::to_string(i) + "]";
    EXPECT_EQ(CheckSpan(text, table, f.span(), name), f.text()) << name;
    for (int m = 0; m < f.mentions_size(); ++m) {
      CheckSpan(text, table, f.mentions(m), name + ".mentions[" + std::to_string(m) + "]");
    }
  }
  for (int i = 0; i < r.key_phrases_size(); ++i) {
    const std::string name = "key_phrases[" + std::to_string(i) + "]";
    const std::string slice = CheckSpan(text, table, r.key_phrases(i).span(), name);
    EXPECT_FALSE(slice.empty()) << name;
  }
  EXPECT_EQ(r.stats().char_count(), table.cp[text.size()]);
  for (const v1::Export& e : r.exports()) {
    EXPECT_FALSE(e.content().empty()) << e.file_name();
    // XML 1.0 and HTML allow no C0 controls but tab, LF and CR.
    for (const char ch : e.content()) {
      const unsigned char b = static_cast<unsigned char>(ch);
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
        ADD_FAILURE() << e.file_name() << " contains control byte " << int{b};
        break;
      }
    }
  }
}

void CheckSegmentResponse(const std::string& text, const v1::SegmentResponse& r) {
  const OffsetTable table(text);
  for (int i = 0; i < r.sentences_size(); ++i) {
    CheckSentence(text, table, r.sentences(i), "sentences[" + std::to_string(i) + "]");
    EXPECT_EQ(r.sentences(i).id(), i);
  }
  for (int i = 0; i < r.paragraphs_size(); ++i) {
    const v1::Paragraph& p = r.paragraphs(i);
    const std::string name = "paragraphs[" + std::to_string(i) + "]";
    CheckSpan(text, table, p.span(), name);
    EXPECT_LE(0, p.sentence_begin()) << name;
    EXPECT_LE(p.sentence_begin(), p.sentence_end()) << name;
    EXPECT_LE(p.sentence_end(), r.sentences_size()) << name;
  }
}

class AbuseCorpusTest : public ::testing::TestWithParam<AbuseCase> {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    server_ = PrecisdProcess::Start(kConfig, &error).release();
    ASSERT_NE(server_, nullptr) << error;
  }
  static void TearDownTestSuite() {
    if (server_ != nullptr) {
      server_->Signal(SIGTERM);
      EXPECT_EQ(server_->Wait(), 0) << server_->Stderr();
    }
    delete server_;
    server_ = nullptr;
  }
  // A server that died on an earlier case has failed that case; start a
  // fresh one so the remaining cases are still checked.
  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    if (!Serving()) {
      delete server_;
      std::string error;
      server_ = PrecisdProcess::Start(kConfig, &error).release();
      ASSERT_NE(server_, nullptr) << error;
    }
  }

  static bool Serving() {
    cli::ServingStatus serving = cli::ServingStatus::kUnknown;
    return cli::CheckHealth(testing::MakeTestChannel(server_->address()), "",
                            std::chrono::seconds(30), &serving)
               .ok() &&
           serving == cli::ServingStatus::kServing;
  }

  // A raw unary call: `fields` serialized, then `text` as field 1.
  // `elapsed` gets the call's wall time.
  grpc::Status Call(const std::string& method, const google::protobuf::Message& fields,
                    const std::string& text, std::string* response,
                    std::chrono::steady_clock::duration* elapsed) {
    google::protobuf::UnknownFieldSet text_field;
    text_field.AddLengthDelimited(1, text);
    std::string bytes;
    fields.SerializeToString(&bytes);
    std::string text_bytes;
    text_field.SerializeToString(&text_bytes);
    bytes += text_bytes;
    const auto start = std::chrono::steady_clock::now();
    grpc::Status status = testing::RawUnaryCall(
        testing::MakeTestChannel(server_->address()), "/precis.v1.SummarizerService/" + method,
        bytes, response, std::chrono::duration_cast<std::chrono::milliseconds>(kDeadline));
    *elapsed = std::chrono::steady_clock::now() - start;
    return status;
  }

  // The status matches the case's expectation (for non-OK statuses: a
  // message and a BadRequest on "text"). Returns true for OK.
  bool CheckStatus(const AbuseCase& c, const std::string& method,
                   const grpc::Status& status,
                   std::chrono::steady_clock::duration elapsed) {
    const std::string what = c.name + " " + method + ": " +
                             std::to_string(status.error_code()) + " " +
                             status.error_message();
    // For the record (no timing assertions): what each call got and how long
    // it took.
    std::printf("  %s %s: status %d in %lld ms\n", c.name.c_str(), method.c_str(),
                static_cast<int>(status.error_code()),
                static_cast<long long>(
                    std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()));
    switch (c.want) {
      case Want::kOk:
        EXPECT_TRUE(status.ok()) << what;
        break;
      case Want::kInvalidArgument:
        EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << what;
        break;
      case Want::kResourceExhausted:
        EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << what;
        break;
      case Want::kOkOrInvalidText:
        EXPECT_TRUE(status.ok() ||
                    status.error_code() == grpc::StatusCode::INVALID_ARGUMENT)
            << what;
        break;
      case Want::kOkOrServerDeadline:
        EXPECT_TRUE(status.ok() ||
                    (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED &&
                     elapsed < kDeadline / 2))
            << what;
        break;
    }
    if (status.ok()) return true;
    EXPECT_FALSE(status.error_message().empty()) << what;
    if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT ||
        status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
      std::optional<google::rpc::BadRequest> bad = api::BadRequestOf(status);
      EXPECT_TRUE(bad.has_value()) << what;
      if (bad.has_value()) {
        EXPECT_GT(bad->field_violations_size(), 0) << what;
        if (bad->field_violations_size() > 0) {
          EXPECT_EQ(bad->field_violations(0).field(), "text") << what;
          EXPECT_FALSE(bad->field_violations(0).description().empty()) << what;
        }
      }
    }
    if (c.bad_byte >= 0) {
      EXPECT_THAT(status.error_message(),
                  ::testing::HasSubstr("invalid UTF-8 at byte " + std::to_string(c.bad_byte)))
          << what;
    }
    return false;
  }

  void ExpectServing(const std::string& what) {
    cli::ServingStatus serving = cli::ServingStatus::kUnknown;
    grpc::Status status = cli::CheckHealth(testing::MakeTestChannel(server_->address()),
                                           "", std::chrono::seconds(30), &serving);
    EXPECT_TRUE(status.ok()) << what << ": health check failed: " << status.error_message()
                             << "\nserver stderr:\n" << server_->Stderr();
    EXPECT_EQ(serving, cli::ServingStatus::kServing) << what;
  }

  static PrecisdProcess* server_;
};

PrecisdProcess* AbuseCorpusTest::server_ = nullptr;

TEST_P(AbuseCorpusTest, SummarizeAnswersAndStaysHealthy) {
  const AbuseCase& c = GetParam();
  const std::string text = c.make();
  // Translation-ready output too: placeholders with displays and exports
  // carry spans and text of their own.
  v1::SummarizeRequest fields;
  fields.set_max_sentences(5);
  fields.add_target_locales("de");
  fields.add_target_locales("ar");
  fields.add_export_formats(v1::EXPORT_FORMAT_XLIFF);
  fields.add_export_formats(v1::EXPORT_FORMAT_HTML);
  fields.mutable_reference_time()->set_seconds(1641772800);  // 2022-01-10
  std::string bytes;
  std::chrono::steady_clock::duration elapsed;
  grpc::Status status = Call("Summarize", fields, text, &bytes, &elapsed);
  if (CheckStatus(c, "Summarize", status, elapsed)) {
    v1::SummarizeResponse response;
    ASSERT_TRUE(response.ParseFromString(bytes)) << c.name;
    CheckSummarizeResponse(text, response);
    if (c.want != Want::kOkOrInvalidText) {
      EXPECT_GT(response.stats().sentence_count(), 0) << c.name;
    }
  }
  ExpectServing(c.name + " Summarize");

  // The default request (no options) as well.
  status = Call("Summarize", v1::SummarizeRequest(), text, &bytes, &elapsed);
  if (CheckStatus(c, "Summarize(default)", status, elapsed)) {
    v1::SummarizeResponse response;
    ASSERT_TRUE(response.ParseFromString(bytes)) << c.name;
    CheckSummarizeResponse(text, response);
  }
  ExpectServing(c.name + " Summarize(default)");
}

TEST_P(AbuseCorpusTest, SegmentAnswersAndStaysHealthy) {
  const AbuseCase& c = GetParam();
  const std::string text = c.make();
  std::string bytes;
  std::chrono::steady_clock::duration elapsed;
  grpc::Status status = Call("Segment", v1::SegmentRequest(), text, &bytes, &elapsed);
  if (CheckStatus(c, "Segment", status, elapsed)) {
    v1::SegmentResponse response;
    ASSERT_TRUE(response.ParseFromString(bytes)) << c.name;
    CheckSegmentResponse(text, response);
    if (c.want != Want::kOkOrInvalidText) {
      EXPECT_GT(response.sentences_size(), 0) << c.name;
    }
  }
  ExpectServing(c.name + " Segment");
}

INSTANTIATE_TEST_SUITE_P(Corpus, AbuseCorpusTest, ::testing::ValuesIn(Corpus()),
                         [](const ::testing::TestParamInfo<AbuseCase>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace precis
