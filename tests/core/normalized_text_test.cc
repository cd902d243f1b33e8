#include "normalized_text.h"

#include <random>
#include <string>
#include <vector>

#include "field_error.h"
#include "gtest/gtest.h"
#include "unicode/normalizer2.h"
#include "unicode/uchar.h"
#include "unicode/utf16.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

std::string Norm(std::string_view in) {
  auto n = NormalizedText::Create(in);
  EXPECT_TRUE(n.ok()) << n.status();
  std::string out;
  n->text().toUTF8String(out);
  return out;
}

TEST(NormalizedTextTest, RejectsInvalidUtf8WithByteOffset) {
  for (std::string bad : {std::string("ab\xC3", 3), std::string("ab\xC0\xAF"),  // truncated, overlong
                          std::string("x\xED\xA0\x80y"),                     // surrogate
                          std::string("\xFF")}) {
    auto n = NormalizedText::Create(bad);
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ErrorField(n.status()), "text");
  }
  auto n = NormalizedText::Create(std::string("abc\xC3", 4));
  EXPECT_NE(std::string(n.status().message()).find("byte 3"), std::string::npos);
}

TEST(NormalizedTextTest, UnifiesLineEndsAndDropsInvisibles) {
  EXPECT_EQ(Norm("a\r\nb\rc"), "a\nb\nc");
  EXPECT_EQ(Norm("\xEF\xBB\xBFstart"), "start");           // BOM
  EXPECT_EQ(Norm("zero\xE2\x80\x8Bwidth"), "zerowidth");    // ZWSP
  EXPECT_EQ(Norm("soft\xC2\xADhyphen"), "softhyphen");      // SHY
  EXPECT_EQ(Norm(std::string("nul\0byte", 8)), "nulbyte");  // NUL
  EXPECT_EQ(Norm("tab\there"), "tab here");
  // ZWJ inside an emoji sequence is kept.
  EXPECT_EQ(Norm("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"),
            "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB");
}

TEST(NormalizedTextTest, ComposesToNfcAndMapsBack) {
  // "Cafe" + combining acute -> "Café"; the é maps to both source characters.
  const std::string src = "Cafe\xCC\x81 ok";
  auto n = NormalizedText::Create(src);
  ASSERT_TRUE(n.ok());
  std::string out;
  n->text().toUTF8String(out);
  EXPECT_EQ(out, "Caf\xC3\xA9 ok");
  EXPECT_EQ(n->SourceSlice({0, 4}), "Cafe\xCC\x81");
  const SourceSpan s = n->ToSourceSpan({5, 7});
  EXPECT_EQ(n->source().substr(s.byte_begin, s.byte_end - s.byte_begin), "ok");
  EXPECT_EQ(s.char_begin, 6);  // C a f e ◌́ space
}

TEST(NormalizedTextTest, RestoresMissingSpaceAfterPunctuation) {
  EXPECT_EQ(Norm("late on Monday,adding that"), "late on Monday, adding that");
  EXPECT_EQ(Norm("the talks.The next"), "the talks. The next");
  // Not in numbers, abbreviations or host names.
  EXPECT_EQ(Norm("1,000 and 3.5"), "1,000 and 3.5");
  EXPECT_EQ(Norm("U.S. and e.g. example.com"), "U.S. and e.g. example.com");
  // The inserted space maps to an empty source range; slices stay exact.
  auto n = NormalizedText::Create("Monday,adding");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->SourceSlice({0, 14}), "Monday,adding");
  EXPECT_EQ(n->SourceSlice({8, 14}), "adding");
}

TEST(NormalizedTextTest, SpansCountBytesCodePointsAndUtf16) {
  // "é" is 2 bytes / 1 code point / 1 unit; "😀" 4 / 1 / 2; "𠀀" (CJK ext B) 4 / 1 / 2.
  std::string src = "\xC3\xA9 \xF0\x9F\x98\x80 \xF0\xA0\x80\x80 end";
  for (int pad = 0; pad < 200; pad += 67) {  // cross checkpoint boundaries
    std::string text = std::string(pad, 'x') + " " + src;
    auto n = NormalizedText::Create(text);
    ASSERT_TRUE(n.ok());
    const int32_t len = n->text().length();
    const SourceSpan s = n->ToSourceSpan({len - 3, len});
    EXPECT_EQ(text.substr(s.byte_begin, s.byte_end - s.byte_begin), "end");
    EXPECT_EQ(s.byte_end, static_cast<int64_t>(text.size()));
    EXPECT_EQ(s.char_end, pad + 1 + 9);
    EXPECT_EQ(s.utf16_end, pad + 1 + 11);
    EXPECT_EQ(n->source_char_count(), pad + 1 + 9);
  }
}

TEST(NormalizedTextTest, SpansCountEveryPrefixExactly) {
  // Every mix of 1- to 4-byte characters around the 8-byte words and
  // 16-byte checkpoints the count works in: at each character of the
  // normalized text, the span's code points and UTF-16 units equal a plain
  // count of the source bytes before it.
  const std::vector<std::string> pieces = {"a", "\xC3\xA9", "\xE2\x82\xAC",
                                           "\xF0\x9F\x98\x80", " ", "Z"};
  std::string text;
  for (int k = 0; k < 300; ++k) text += pieces[(k * 7 + k / 5) % pieces.size()];
  auto n = NormalizedText::Create(text);
  ASSERT_TRUE(n.ok());
  // Code points and UTF-16 units of text[begin, end), added to the totals.
  auto count = [&text](int64_t begin, int64_t end, int64_t* chars, int64_t* units) {
    for (int64_t b = begin; b < end; ++b) {
      const uint8_t v = static_cast<uint8_t>(text[b]);
      if ((v & 0xC0) == 0x80) continue;
      ++*chars;
      *units += v >= 0xF0 ? 2 : 1;
    }
  };
  for (int32_t i = 0; i < n->text().length(); ++i) {
    const SourceSpan s = n->ToSourceSpan({i, i + 1});
    int64_t chars = 0, units = 0;
    count(0, s.byte_begin, &chars, &units);
    ASSERT_EQ(s.char_begin, chars) << i;
    ASSERT_EQ(s.utf16_begin, units) << i;
    count(s.byte_begin, s.byte_end, &chars, &units);
    ASSERT_EQ(s.char_end, chars) << i;
    ASSERT_EQ(s.utf16_end, units) << i;
  }
  EXPECT_EQ(n->source_char_count(), 300);
}

// The normalization as it was written before its fast paths (ASCII runs,
// the quick check from the first unit at or above U+0300, pass 3 only at
// the marks pass 1 saw, spans from all-ASCII blocks): one character at a
// time, the NFC quick check over the whole text, every unit looked at for
// a missing space. The oracle the fast paths must match unit for unit.
struct Reference {
  std::u16string text;
  std::vector<int32_t> begin, end;  // source bytes of each unit
};

// Windows-1252 bytes 0x80..0x9F as the WHATWG Encoding Standard's
// index-windows-1252 lists them (0 = undefined there), NEL (0x85) left out:
// the normalizer stays a line end for it.
constexpr char16_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0,      0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

Reference ReferenceNormalize(const std::string& utf8) {
  auto dropped = [](UChar32 c) {
    if (c < 0x20) return c != '\n' && c != '\t' && c != '\r' && c != 0x0B && c != 0x0C;
    if (c >= 0x7F && c <= 0x9F) return c != 0x85;
    return c == 0x00AD || c == 0x200B || c == 0x200E || c == 0x200F || c == 0x2060 || c == 0xFEFF ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x061C;
  };
  Reference r;
  auto append = [&r](UChar32 c, int32_t b, int32_t e) {
    UChar units[2];
    int32_t n = 0;
    U16_APPEND_UNSAFE(units, n, c);
    for (int32_t k = 0; k < n; ++k) {
      r.text.push_back(units[k]);
      r.begin.push_back(b);
      r.end.push_back(e);
    }
  };
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  int32_t cr_end = -1;
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0x80 && c <= 0x9F && kWindows1252[c - 0x80] != 0) c = kWindows1252[c - 0x80];
    if (c < 0 || dropped(c)) continue;
    if (c == '\r') {
      append('\n', start, i);
      cr_end = i;
    } else if (c == '\n' && start == cr_end) {
      r.end.back() = i;
    } else if (c == 0x2028 || c == 0x85) {
      append('\n', start, i);
    } else if (c == 0x2029) {
      append('\n', start, i);
      append('\n', i, i);
    } else {
      append(c == '\t' || c == 0x0B || c == 0x0C ? ' ' : c, start, i);
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const icu::UnicodeString t(r.text.data(), static_cast<int32_t>(r.text.size()));
  int32_t pos = nfc->spanQuickCheckYes(t, status);
  if (pos < t.length()) {
    Reference n;
    while (pos > 0 && !nfc->hasBoundaryBefore(t.char32At(pos))) pos = t.moveIndex32(pos, -1);
    for (int32_t i = 0; i < pos; ++i) {
      n.text.push_back(t[i]);
      n.begin.push_back(r.begin[i]);
      n.end.push_back(r.end[i]);
    }
    while (pos < t.length()) {
      int32_t end = t.moveIndex32(pos, 1);
      while (end < t.length() && !nfc->hasBoundaryBefore(t.char32At(end))) {
        end = t.moveIndex32(end, 1);
      }
      const icu::UnicodeString seg(t, pos, end - pos);
      const icu::UnicodeString norm = nfc->normalize(seg, status);
      for (int32_t i = 0; i < norm.length(); ++i) {
        const bool same = norm == seg;
        n.text.push_back(norm[i]);
        n.begin.push_back(same ? r.begin[pos + i] : r.begin[pos]);
        n.end.push_back(same ? r.end[pos + i] : r.end[end - 1]);
      }
      pos = end;
    }
    r = std::move(n);
  }
  auto cased = [](UChar c) { return u_hasBinaryProperty(c, UCHAR_CASED); };
  auto lower = [](UChar c) { return c >= 'a' && c <= 'z'; };
  auto upper = [](UChar c) { return c >= 'A' && c <= 'Z'; };
  Reference out;
  const std::u16string& s = r.text;
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n; ++i) {
    out.text.push_back(s[i]);
    out.begin.push_back(r.begin[i]);
    out.end.push_back(r.end[i]);
    if (i == 0 || i + 1 >= n) continue;
    const bool comma = (s[i] == ',' || s[i] == ';') && cased(s[i - 1]) && cased(s[i + 1]);
    const bool stop = (s[i] == '.' || s[i] == '!' || s[i] == '?') && i >= 2 && i + 2 < n &&
                      lower(s[i - 1]) && lower(s[i - 2]) && upper(s[i + 1]) && lower(s[i + 2]);
    if (comma || stop) {
      out.text.push_back(' ');
      out.begin.push_back(r.end[i]);
      out.end.push_back(r.end[i]);
    }
  }
  return out;
}

// Scraped pages decoded as Latin-1 instead of Windows-1252 carry C1
// controls where the page had smart quotes, apostrophes and dashes.
TEST(NormalizedTextTest, ReadsC1ControlsAsWindows1252) {
  // U+0093 He said U+0092 no U+0092 U+0094 U+0096 and left U+0085 next
  const std::string text = "\xC2\x93He said \xC2\x92no\xC2\x92\xC2\x94 \xC2\x96 and left.\xC2\x85Next";
  EXPECT_EQ(Norm(text), "\u201CHe said \u2019no\u2019\u201D \u2013 and left.\nNext");
  // Every C1 control: Windows-1252's character, a line end for NEL, and
  // nothing for the five bytes Windows-1252 leaves undefined.
  for (int k = 0; k < 32; ++k) {
    std::string c1 = "a";
    c1 += static_cast<char>(0xC2);
    c1 += static_cast<char>(0x80 + k);
    c1 += "b";
    auto n = NormalizedText::Create(c1);
    ASSERT_TRUE(n.ok());
    std::u16string want = u"a";
    if (k == 0x05) {
      want += u'\n';
    } else if (kWindows1252[k] != 0) {
      want += kWindows1252[k];
    }
    want += u"b";
    EXPECT_EQ(std::u16string(n->text().getBuffer(), n->text().length()), want) << k;
    // The repaired character maps back to the two source bytes.
    if (want.size() == 3) {
      const SourceSpan s = n->ToSourceSpan({1, 2});
      EXPECT_EQ(s.byte_begin, 1);
      EXPECT_EQ(s.byte_end, 3);
    }
  }
}

TEST(NormalizedTextTest, MatchesTheOneCharacterAtATimeNormalizationOnRandomTexts) {
  // Pieces for every path: ASCII runs of all lengths (around the 8-byte
  // words and 16-byte checkpoints) with the five marks in and between
  // words, controls, CR LF split or not, separators, invisibles, NFC that
  // composes across ASCII ("<" + U+0338, "e" + U+0301, Hangul jamo),
  // reorders, decomposes (U+0344, U+212B) or is already NFC (U+2019),
  // code points just below and at U+0300, and astral characters.
  const std::vector<std::string> pieces = {
      "a", "Monday", "talks", "The", "x", " ", ",", ";", ".", "!", "?", "1,000", "e.g.", "U.S.",
      "Zz", "abcdefghijklmnop", "\r", "\n", "\r\n", "\t", "\x0B", std::string(1, '\0'), "\x7F",
      "\xC2\x85", "\xC2\x93", "\xC2\x94", "\xC2\x81", "\xC2\x9F", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xEF\xBB\xBF", "\xE2\x80\x8B", "\xC2\xAD",
      "\xE2\x80\x8D", "<", "\xCC\xB8", "e", "\xCC\x81", "\xCC\xA3", "\xE1\x84\x80",
      "\xE1\x85\xA1", "\xCD\x84", "\xE2\x84\xAB", "\xE2\x80\x99", "\xC3\xA9", "\xCB\xBF",
      "\xC2\xAA", "\xF0\x9F\x98\x80", "\xF0\xA0\xAE\xB7", "\xD0\x96", "\xE2\x80\x94",
      "\xE2\x80\xA2", "\xE1\x83\xA6", "\xE4\xB8\xAD",
      "\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94"};
  std::mt19937 rng(20261128);
  for (int iteration = 0; iteration < 5000; ++iteration) {
    std::string text;
    const int n = std::uniform_int_distribution<int>(1, 60)(rng);
    for (int k = 0; k < n; ++k) {
      text += pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng)];
    }
    auto got = NormalizedText::Create(text);
    ASSERT_TRUE(got.ok()) << got.status();
    const Reference want = ReferenceNormalize(text);
    const icu::UnicodeString& t = got->text();
    ASSERT_EQ(std::u16string(t.getBuffer(), t.length()), want.text) << text;
    for (int32_t i = 0; i < t.length(); ++i) {
      const SourceSpan s = got->ToSourceSpan({i, i + 1});
      ASSERT_EQ(s.byte_begin, want.begin[i]) << text << " unit " << i;
      ASSERT_EQ(s.byte_end, want.end[i]) << text << " unit " << i;
    }
  }
}

TEST(NormalizedTextTest, CodePointsBelowU0300AreNfcInertStarters) {
  // What the NFC fast path relies on: text made only of these is NFC and
  // has a normalization boundary before each character.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  for (UChar32 c = 0; c < 0x300; ++c) {
    EXPECT_EQ(nfc->getCombiningClass(c), 0) << c;
    EXPECT_EQ(nfc->quickCheck(icu::UnicodeString(c), status), UNORM_YES) << c;
    EXPECT_TRUE(nfc->hasBoundaryBefore(c)) << c;
  }
  EXPECT_FALSE(nfc->hasBoundaryBefore(0x300));
}

TEST(NormalizedTextTest, ComposesAfterManyInertCharacters) {
  // Dashes, bullets and ideographs above U+0300 that NFC leaves alone,
  // fewer and more than pass 1 asks ICU about, then a sequence that
  // composes with the letter before it.
  for (int count : {0, 1, 31, 32, 33, 100}) {
    std::string text;
    for (int k = 0; k < count; ++k) text += k % 2 ? "\xE2\x80\x94" : "\xE4\xB8\xAD";
    EXPECT_EQ(Norm(text + " Cafe\xCC\x81 <\xCC\xB8"), text + " Caf\xC3\xA9 \xE2\x89\xAE") << count;
    EXPECT_EQ(Norm(text), text);
  }
}

TEST(NormalizedTextTest, CommaRuleSeesExactlyTheCasedAsciiCharacters) {
  // Pass 3 decides "cased" for ASCII without ICU: every printable ASCII
  // character on either side of a comma.
  for (char c = 0x21; c < 0x7F; ++c) {
    const bool cased = u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_CASED);
    const std::string after = std::string("ab,") + c + "d";
    EXPECT_EQ(Norm(after), cased ? std::string("ab, ") + c + "d" : after) << c;
    const std::string before = std::string("a") + c + ",bd";
    EXPECT_EQ(Norm(before), cased ? std::string("a") + c + ", bd" : before) << c;
  }
}

TEST(NormalizedTextTest, SpansExactAroundMultiByteCharactersInAsciiBlocks) {
  // A 2-, 3- or 4-byte character at every offset across three checkpoint
  // blocks of ASCII; ASCII-only blocks count by offset, the others scan.
  for (const std::string ch : {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"}) {
    for (int at = 0; at < 48; ++at) {
      const std::string text = std::string(at, 'a') + ch + std::string(40, 'b');
      auto n = NormalizedText::Create(text);
      ASSERT_TRUE(n.ok());
      const int64_t units = ch.size() == 4 ? 2 : 1;
      for (int32_t i = 0; i <= n->text().length(); ++i) {
        const SourceSpan s = n->ToSourceSpan({i, i});
        // Units before i: `at` a's, then the character, then b's.
        const int64_t chars = i <= at ? i : (i < at + units ? at : i - units + 1);
        const int64_t bytes =
            i <= at ? i : (i < at + units ? at : at + ch.size() + (i - at - units));
        ASSERT_EQ(s.byte_begin, bytes) << at << " " << i;
        ASSERT_EQ(s.char_begin, chars) << at << " " << i;
        ASSERT_EQ(s.utf16_begin, i < at + units && i > at ? at : i) << at << " " << i;
      }
      EXPECT_EQ(n->source_char_count(), at + 41);
    }
  }
}

}  // namespace
}  // namespace precis
