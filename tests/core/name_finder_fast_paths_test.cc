// The name finder's fast paths against simple references, on thousands of
// generated inputs: SentenceByteMasks (the tokenizer's gap and ASCII-run
// scans) against the byte loops and AsciiAlnumRun it replaced, and
// NameFinder::WordTable (the per-token word-class lookup) against
// std::unordered_map.
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fact_text.h"
#include "gtest/gtest.h"
#include "name_finder.h"

namespace precis {
namespace {

// Pieces of text the tokenizer meets: ASCII letters of both cases, digits,
// spaces, the apostrophes, dots and hyphens that may continue a word,
// other punctuation, two- to four-byte UTF-8 (accents, Cyrillic, Han,
// the typographic apostrophe, a no-break space, an emoji), bytes that are
// no valid UTF-8, and a NUL.
const std::vector<std::string>& Pieces() {
  static const std::vector<std::string> pieces = {
      "a", "z", "A", "Z", "q", "M", "0", "9", "5", " ", " ", " ", "  ", "'", ".", "-", ",",
      ";", "\"", "(", ")", "@", "[", "`", "{", "/", ":", "\t", "\n", "é", "É", "Ж", "ж",
      "中", "’", "\xC2\xA0", "😀", "\xFF", "\x80", "\xC3", std::string(1, '\0'), "\x7F",
      "Russia", "talks", "U.S.", "Jean-Pierre", "l'Élysée", "Москве", "NATO"};
  return pieces;
}

std::string RandomText(std::mt19937& rng, size_t max_pieces) {
  const auto& pieces = Pieces();
  std::uniform_int_distribution<size_t> count(0, max_pieces);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::string out;
  for (size_t k = count(rng); k > 0; --k) out += pieces[pick(rng)];
  return out;
}

// The byte loop Find() used before: ASCII spaces and punctuation skipped.
size_t ReferenceNextWordByte(std::string_view s, size_t i) {
  while (i < s.size() && !kAsciiAlnum[static_cast<unsigned char>(s[i])] &&
         static_cast<unsigned char>(s[i]) < 0x80) {
    ++i;
  }
  return i;
}

TEST(SentenceByteMasksTest, MatchesTheByteLoopsAtEveryPosition) {
  std::mt19937 rng(20261128);
  SentenceByteMasks masks;  // reused, as per thread: no stale bits may stay
  size_t checked = 0;
  for (int round = 0; round < 4000; ++round) {
    // A view into a longer text: the bytes after its end (letters here)
    // must not be seen.
    const std::string text = RandomText(rng, round % 4 == 0 ? 120 : 40) + "abcXYZ019";
    const std::string_view s(text.data(), text.size() - 9);
    masks.Assign(s);
    for (size_t i = 0; i <= s.size(); ++i) {
      ASSERT_EQ(masks.NextWordByte(i), ReferenceNextWordByte(s, i))
          << "at " << i << " of a " << s.size() << "-byte text";
      ASSERT_EQ(masks.AlnumRunEnd(i), AsciiAlnumRun(s, i))
          << "at " << i << " of a " << s.size() << "-byte text";
      ++checked;
    }
  }
  EXPECT_GT(checked, 100000u);
}

TEST(SentenceByteMasksTest, WordBoundariesOfLongRuns) {
  // Runs and gaps across the 64-byte words of the masks (and 16-byte
  // blocks), up to the end of the text.
  SentenceByteMasks masks;
  for (size_t gap_at : {0, 1, 15, 16, 63, 64, 65, 127, 128, 190}) {
    for (size_t size : {gap_at + 1, gap_at + 2, size_t{64}, size_t{128}, size_t{192}, size_t{200}}) {
      if (size <= gap_at) continue;
      std::string s(size, 'x');
      s[gap_at] = ' ';
      masks.Assign(s);
      EXPECT_EQ(masks.AlnumRunEnd(0), gap_at) << size;
      EXPECT_EQ(masks.NextWordByte(gap_at), gap_at + 1 < size ? gap_at + 1 : size) << size;
      EXPECT_EQ(masks.AlnumRunEnd(gap_at + 1), size) << size;
      EXPECT_EQ(masks.NextWordByte(size), size);
    }
  }
  masks.Assign("");
  EXPECT_EQ(masks.NextWordByte(0), 0u);
  EXPECT_EQ(masks.AlnumRunEnd(0), 0u);
}

std::string RandomWord(std::mt19937& rng) {
  static const std::vector<std::string> letters = {"a", "b", "e", "s", "'", " ", "-", "é",
                                                   "ж", "中", "1", "x", "t", "n"};
  std::uniform_int_distribution<size_t> length(0, 12);
  std::uniform_int_distribution<size_t> pick(0, letters.size() - 1);
  std::string out;
  for (size_t k = length(rng); k > 0; --k) out += letters[pick(rng)];
  return out;
}

TEST(WordTableTest, MatchesAnUnorderedMap) {
  std::mt19937 rng(7);
  size_t hits = 0, misses = 0;
  for (size_t size : {0, 1, 2, 3, 10, 100, 1000, 5000}) {
    std::unordered_map<std::string, uint32_t> words;
    std::uniform_int_distribution<uint32_t> bits(0, 0x1FFF);
    while (words.size() < size) words[RandomWord(rng)] = bits(rng);
    NameFinder::WordTable table;
    table.Assign(words);
    // Every word, and words that share a prefix, a suffix or a hash input
    // pattern with them; a word with bits 0 reads as absent.
    auto check = [&](const std::string& probe) {
      auto it = words.find(probe);
      const uint32_t expected = it == words.end() ? 0 : it->second;
      ASSERT_EQ(table.Find(probe), expected) << "'" << probe << "' in " << size;
      (expected != 0 ? hits : misses) += 1;
    };
    for (const auto& [word, bits] : words) {
      check(word);
      check(word + "s");
      if (!word.empty()) check(word.substr(1));
      if (!word.empty()) check(word.substr(0, word.size() - 1));
    }
    for (int k = 0; k < 3000; ++k) check(RandomWord(rng));
    check("");
  }
  EXPECT_GT(hits, 5000u);
  EXPECT_GT(misses, 5000u);
}

TEST(WordTableTest, WordsWithTheSameStoredHashBitsStayApart) {
  // Two words of one length whose hashes agree in the 32 bits a slot keeps
  // (found by the birthday bound among random 8-letter words): only the
  // byte comparison tells them apart.
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> letter('a', 'z');
  std::unordered_map<uint32_t, std::string> by_tag;
  std::vector<std::pair<std::string, std::string>> pairs;
  while (pairs.size() < 3) {
    std::string word(8, ' ');
    for (char& c : word) c = static_cast<char>(letter(rng));
    const uint32_t tag = static_cast<uint32_t>(NameFinder::ViewHash{}(word) >> 32);
    auto [it, inserted] = by_tag.emplace(tag, word);
    if (!inserted && it->second != word) pairs.emplace_back(it->second, word);
  }
  for (const auto& [a, b] : pairs) {
    NameFinder::WordTable one;
    one.Assign({{a, 5}});
    EXPECT_EQ(one.Find(a), 5u);
    EXPECT_EQ(one.Find(b), 0u) << a << " / " << b;
    NameFinder::WordTable both;
    both.Assign({{a, 5}, {b, 6}});
    EXPECT_EQ(both.Find(a), 5u);
    EXPECT_EQ(both.Find(b), 6u);
  }
}

// The tokenizer's plain-word fast path ends a word at an ASCII byte that
// cannot continue it; an apostrophe, a dot, a hyphen or a byte >= 0x80
// after the letters sends it to the full scan. One sentence per way a word
// can continue, each at the end of the sentence too.
TEST(TokenizerFastPathTest, WordsThatContinuePastTheirLetters) {
  FactRulesData data;
  data.lists["possessive_suffixes"] = {"'s"};
  data.lists["places"] = {"Bogotá", "U.S."};
  const std::unique_ptr<NameFinder> finder = NameFinder::Build("en", data, {});
  auto names = [&](const std::string& sentence) {
    std::vector<FoundName> found;
    finder->Find(sentence, {}, &found);
    std::vector<std::string> out;
    for (const FoundName& n : found) out.push_back(sentence.substr(n.begin, n.end - n.begin));
    return out;
  };
  using V = std::vector<std::string>;
  for (const std::string end : {" said.", ""}) {
    EXPECT_EQ(names("talks with O'Brien" + end), V{"O'Brien"}) << end;
    EXPECT_EQ(names("talks with Jean-Pierre Raffarin" + end), V{"Jean-Pierre Raffarin"}) << end;
    EXPECT_EQ(names("talks in the U.S." + end), V{"U.S."}) << end;
    EXPECT_EQ(names("talks in Bogotá" + end), V{"Bogotá"}) << end;
    EXPECT_EQ(names("talks with Rosneft's Igor Sechin" + end), (V{"Rosneft", "Igor Sechin"}))
        << end;
    EXPECT_EQ(names("talks with Igor Sechin" + end), V{"Igor Sechin"}) << end;
  }
}

}  // namespace
}  // namespace precis
