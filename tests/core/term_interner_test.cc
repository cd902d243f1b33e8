#include "term_interner.h"

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gtest/gtest.h"

namespace precis {
namespace {

// TermInterner against a plain reference (std::unordered_map numbering in
// order of first sight) on random terms: lengths 0 to 40 (every branch of the
// hash: 1-3, 4-7, 8 and more bytes, multiples of 8 and not), a small alphabet
// with NUL and bytes >= 0x80 so terms share prefixes, suffixes and sampled
// bytes, and more distinct terms than the table was sized for (it grows).
TEST(TermInternerTest, NumbersTermsLikeAMapInOrderOfFirstSight) {
  std::mt19937 rng(20261128);
  const std::string alphabet("ab\0\xC3\xA9z", 6);
  for (int round = 0; round < 20; ++round) {
    // Pools of a few hundred terms, drawn with repeats.
    std::vector<std::string> pool;
    const int pool_size = 50 + 40 * round;
    for (int k = 0; k < pool_size; ++k) {
      const size_t length = std::uniform_int_distribution<size_t>(0, 40)(rng);
      std::string term;
      for (size_t c = 0; c < length; ++c) {
        term += alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
      }
      pool.push_back(term);
    }
    // Terms differing in one byte only, anywhere.
    for (size_t length : {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24, 33}) {
      for (size_t at = 0; at < length; ++at) {
        std::string term(length, 'a');
        term[at] = 'b';
        pool.push_back(term);
        pool.push_back(std::string(length, 'a'));
      }
    }
    TermInterner interner(round % 2 == 0 ? 4 : pool.size());
    std::unordered_map<std::string_view, int32_t> reference;
    std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
    for (int k = 0; k < 5000; ++k) {
      const std::string_view term = pool[k < static_cast<int>(pool.size()) ? k : pick(rng)];
      const int32_t expected =
          reference.try_emplace(term, static_cast<int32_t>(reference.size())).first->second;
      ASSERT_EQ(interner.Intern(term), expected)
          << "round " << round << " term " << ::testing::PrintToString(std::string(term));
      ASSERT_EQ(interner.size(), static_cast<int32_t>(reference.size()));
    }
    // Equal terms in other buffers find the same ids.
    for (const auto& [term, id] : reference) {
      const std::string copy(term);
      EXPECT_EQ(interner.Intern(copy), id);
      EXPECT_EQ(TermInterner::Hash(copy), TermInterner::Hash(term));
    }
    EXPECT_EQ(interner.size(), static_cast<int32_t>(reference.size()));
  }
}

// Two different terms whose hashes agree in the high half (the slot's
// check) and in the low four bits (the first slot of a fresh 16-slot table):
// the second meets the first's slot with an equal check, so only the string
// comparison tells them apart. Found by a birthday search over 12-byte terms.
TEST(TermInternerTest, TermsWithCollidingChecksGetTheirOwnIds) {
  const auto term = [](uint32_t k) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%07u-term", static_cast<unsigned>(k));
    return std::string(buffer);
  };
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  constexpr uint32_t kCandidates = 1500000;
  keys.reserve(kCandidates);
  for (uint32_t k = 0; k < kCandidates; ++k) {
    const uint64_t hash = TermInterner::Hash(term(k));
    keys.emplace_back((hash >> 32) << 4 | (hash & 15), k);
  }
  std::sort(keys.begin(), keys.end());
  const auto pair = std::adjacent_find(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
    return a.first == b.first;
  });
  ASSERT_NE(pair, keys.end()) << "no colliding pair among the candidates";
  const std::string first = term(pair->second);
  const std::string second = term((pair + 1)->second);
  ASSERT_NE(first, second);
  TermInterner interner(0);  // 16 slots
  EXPECT_EQ(interner.Intern(first), 0);
  EXPECT_EQ(interner.Intern(second), 1);
  EXPECT_EQ(interner.Intern(first), 0);
  EXPECT_EQ(interner.Intern(second), 1);
  EXPECT_EQ(interner.size(), 2);
}

}  // namespace
}  // namespace precis
