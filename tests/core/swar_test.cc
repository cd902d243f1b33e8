// The eight-byte tests of swar.h, each checked against a per-byte reference
// for every byte value its contract allows in every position of the word,
// between neighbours that would expose a carry across bytes (0x00, 0x7F,
// 0x80, 0xFF) and a letter.
#include "swar.h"

#include <cstdint>
#include <cstring>

#include "gtest/gtest.h"

namespace precis::swar {
namespace {

constexpr uint8_t kFills[] = {0x00, 0x7F, 0x80, 0xFF, 'Z'};

uint64_t Word(uint8_t fill, int pos, uint8_t value) {
  uint8_t bytes[8];
  std::memset(bytes, fill, 8);
  bytes[pos] = value;
  uint64_t w;
  std::memcpy(&w, bytes, 8);
  return w;
}

uint8_t ByteOf(uint64_t w, int b) { return static_cast<uint8_t>(w >> (8 * b)); }

// Bit 7 of byte b set iff `want(byte b of w)`, and no other bits. (A
// result, not an assertion, so a broken helper stops its test at the first
// wrong word.)
template <typename Want>
::testing::AssertionResult Flags(uint64_t flags, uint64_t w, Want want) {
  for (int b = 0; b < 8; ++b) {
    const uint8_t expected = want(ByteOf(w, b)) ? 0x80 : 0x00;
    if (ByteOf(flags, b) != expected) {
      return ::testing::AssertionFailure()
             << "word " << std::hex << w << " byte " << b << ": got " << int{ByteOf(flags, b)};
    }
  }
  return ::testing::AssertionSuccess();
}

TEST(SwarTest, RangeBitsFlagsExactlyTheBytesInTheRange) {
  // The ranges the fast paths use, and the extremes the contract allows.
  constexpr uint8_t kRanges[][2] = {{'0', '9'}, {'a', 'z'}, {'A', 'Z'}, {0x20, 0x7E},
                                    {0x21, 0x3F}, {0x01, 0x7F}, {0x7F, 0x7F}, {0x01, 0x01}};
  for (const auto& range : kRanges) {
    const uint8_t lo = range[0], hi = range[1];
    for (const uint8_t fill : kFills) {
      if (fill >= 0x80) continue;  // the contract: bytes < 0x80
      for (int pos = 0; pos < 8; ++pos) {
        for (int v = 0; v < 0x80; ++v) {
          const uint64_t w = Word(fill, pos, static_cast<uint8_t>(v));
          ASSERT_TRUE(Flags(RangeBits(w, lo, hi), w, [&](uint8_t c) { return c >= lo && c <= hi; }))
              << "range " << int{lo} << ".." << int{hi};
        }
      }
    }
  }
}

TEST(SwarTest, RangeBitsWithClearedTopBitsMasksNonAsciiBytes) {
  // The callers' pattern for arbitrary bytes: clear bit 7, then drop the
  // bytes that had it.
  for (const uint8_t fill : kFills) {
    for (int pos = 0; pos < 8; ++pos) {
      for (int v = 0; v < 256; ++v) {
        const uint64_t w = Word(fill, pos, static_cast<uint8_t>(v));
        ASSERT_TRUE(Flags(RangeBits(w & ~kHigh, '0', '9') & ~w, w,
                          [](uint8_t c) { return c >= '0' && c <= '9'; }));
      }
    }
  }
}

TEST(SwarTest, AsciiAlnumBitsFlagsExactlyLettersAndDigits) {
  for (const uint8_t fill : kFills) {
    if (fill >= 0x80) continue;  // the contract: bytes < 0x80
    for (int pos = 0; pos < 8; ++pos) {
      for (int v = 0; v < 0x80; ++v) {
        const uint64_t w = Word(fill, pos, static_cast<uint8_t>(v));
        ASSERT_TRUE(Flags(AsciiAlnumBits(w), w, [](uint8_t c) {
          return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }));
      }
    }
  }
}

TEST(SwarTest, ByteEqualBitsFlagsExactlyTheEqualBytes) {
  for (const uint8_t c : {uint8_t{' '}, uint8_t{0x00}, uint8_t{0x80}, uint8_t{0xFF}}) {
    for (const uint8_t fill : kFills) {
      for (int pos = 0; pos < 8; ++pos) {
        for (int v = 0; v < 256; ++v) {
          const uint64_t w = Word(fill, pos, static_cast<uint8_t>(v));
          ASSERT_TRUE(Flags(ByteEqualBits(w, c), w, [&](uint8_t b) { return b == c; }))
              << "c " << int{c};
        }
      }
    }
  }
}

TEST(SwarTest, CountHighBitsCountsEveryPattern) {
  for (int pattern = 0; pattern < 256; ++pattern) {
    uint64_t m = 0;
    int expected = 0;
    for (int b = 0; b < 8; ++b) {
      if ((pattern >> b) & 1) {
        m |= uint64_t{0x80} << (8 * b);
        ++expected;
      }
    }
    EXPECT_EQ(CountHighBits(m), expected) << pattern;
  }
}

TEST(SwarTest, LowerAscii8LowersOnlyAsciiCapitalsInEveryPosition) {
  for (const uint8_t fill : kFills) {
    for (int pos = 0; pos < 8; ++pos) {
      for (int v = 0; v < 256; ++v) {
        const uint64_t w = Word(fill, pos, static_cast<uint8_t>(v));
        const uint64_t lowered = LowerAscii8(w);
        for (int b = 0; b < 8; ++b) {
          const uint8_t in = ByteOf(w, b);
          const uint8_t expected = in >= 'A' && in <= 'Z' ? in + 32 : in;
          ASSERT_EQ(ByteOf(lowered, b), expected) << "fill " << int{fill} << " pos " << pos
                                                  << " v " << v;
        }
      }
    }
  }
}

static_assert(LowerAscii8(0x5A41'7A61'C381'2040ULL) == 0x7A61'7A61'C381'2040ULL,
              "'A' and 'Z' lowered; 'a', 'z', UTF-8 bytes, space and '@' kept");

}  // namespace
}  // namespace precis::swar
