// Building blocks of the engine's small open-addressing tables (the
// tokenizer's word memo, TermInterner): an unaligned word load and one
// multiply-xorshift mixing step, shared so both hash the same way.
//
// Thread-safe: pure functions.
#ifndef PRECIS_SERVICE_CORE_HASH_MIX_H_
#define PRECIS_SERVICE_CORE_HASH_MIX_H_

#include <cstdint>
#include <cstring>

namespace precis {

// The T (an integer) stored at `p`, which need not be aligned.
template <typename T>
inline T LoadUnaligned(const void* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Folds `v` into the running hash `h`: a multiply by the 64-bit golden
// ratio spreads v's bits upwards, the xorshift brings the high bits back
// down to the low ones that pick a slot.
inline uint64_t HashMixStep(uint64_t h, uint64_t v) {
  h = (h ^ v) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_HASH_MIX_H_
