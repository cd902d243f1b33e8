// Byte-parallel tests on eight bytes held in one 64-bit word ("SIMD within a
// register", SWAR): the word-at-a-time fast paths of NormalizedText, the
// fact finders and the name finder. The tests answer in bit 7 of each byte.
// They work byte by byte; callers that turn an answer into a position
// (countr_zero / 8) rely on the little-endian load checked below.
//
// The tests add a constant to each byte; a byte that is < 0x80 plus a
// constant <= 0x7F never carries into the next byte, so a caller whose
// bytes may be >= 0x80 clears the top bits first (`w & ~kHigh`) and
// masks the non-ASCII bytes out of the answer (`& ~w`).
//
// Pure constexpr functions: thread-safe.
#ifndef PRECIS_SERVICE_CORE_SWAR_H_
#define PRECIS_SERVICE_CORE_SWAR_H_

#include <bit>
#include <cstdint>

namespace precis::swar {

static_assert(std::endian::native == std::endian::little,
              "callers read a word's first byte as its lowest");

// 0x01 in every byte; multiplied by a byte value, that value in every byte.
inline constexpr uint64_t kOnes = 0x0101010101010101ULL;
// Bit 7 of every byte.
inline constexpr uint64_t kHigh = 0x80 * kOnes;

// Bit 7 set in each byte of `v` that lies in [lo, hi], no other bits.
// Every byte of `v` must be < 0x80, and lo <= hi <= 0x7F: adding
// 0x80 - lo sets a byte's bit 7 iff the byte is >= lo, adding 0x7F - hi
// iff it is > hi.
constexpr uint64_t RangeBits(uint64_t v, uint8_t lo, uint8_t hi) {
  return (v + (0x80 - lo) * kOnes) & ~(v + (0x7F - hi) * kOnes) & kHigh;
}

// Bit 7 set in each ASCII letter or digit of `v` (every byte < 0x80): a
// digit, or a letter once bit 0x20 (lower case) is set.
constexpr uint64_t AsciiAlnumBits(uint64_t v) {
  return RangeBits(v, '0', '9') | RangeBits(v | 0x20 * kOnes, 'a', 'z');
}

// Bit 7 set in each byte of `w` (any byte values) that equals `c`: the
// bytes are XORed with `c` and the zero ones found with a seven-bit
// addition, so no byte carries into the next.
constexpr uint64_t ByteEqualBits(uint64_t w, uint8_t c) {
  const uint64_t t = w ^ (c * kOnes);
  return ~(((t & ~kHigh) + ~kHigh) | t) & kHigh;
}

// The number of bytes of `m` whose bit 7 is set, `m` having no other bits:
// each byte's bit moved to its bit 0 and the bytes summed by one multiply
// into the top byte (std::popcount is a library call without -mpopcnt,
// which the portable build does not assume).
constexpr int CountHighBits(uint64_t m) { return static_cast<int>(((m >> 7) * kOnes) >> 56); }

// `w` with its ASCII capitals lowered and every other byte (>= 0x80 too)
// unchanged: a capital's bit 7 from RangeBits, shifted to 0x20, lowers it.
constexpr uint64_t LowerAscii8(uint64_t w) {
  return w | ((RangeBits(w & ~kHigh, 'A', 'Z') & ~w) >> 2);
}

}  // namespace precis::swar

#endif  // PRECIS_SERVICE_CORE_SWAR_H_
