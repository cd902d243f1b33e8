// TermInterner: numbers terms 0, 1, 2... in order of first sight (equal
// terms, equal ids), so the ranker and the key-phrase extractor key their
// statistics by small integers instead of strings.
//
// Thread-compatible: one per call.
#ifndef PRECIS_SERVICE_CORE_TERM_INTERNER_H_
#define PRECIS_SERVICE_CORE_TERM_INTERNER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "hash_mix.h"

namespace precis {

// Numbers terms (Token::term) 0, 1, 2... in order of first sight: equal
// terms get equal ids. The engine numbers the ranker's terms with it and
// hands the ids to ExtractKeyPhrases. Keeps string_views: the strings must
// outlive it. `expected_terms` sizes the table once (the token count is a
// bound); more terms than that still work (the table grows).
// Thread-compatible (one per call).
class TermInterner {
 public:
  explicit TermInterner(size_t expected_terms);

  // The id of `term`, a new one (= size() before the call) if unseen.
  int32_t Intern(std::string_view term) {
    const uint64_t hash = Hash(term);
    const uint64_t check = hash & kCheckBits;
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == 0) return Add(i, check, term);
      const int32_t id = static_cast<int32_t>(static_cast<uint32_t>(slot)) - 1;
      if ((slot & kCheckBits) == check && terms_[id] == term) return id;
    }
  }
  int32_t size() const { return static_cast<int32_t>(terms_.size()); }

  // The table's hash of a term (public for tests).
  //
  // Why not absl::flat_hash_map<std::string_view, int32_t>: Debian's abseil
  // has its own string_view, so absl::Hash of a std::string_view falls back
  // to std::hash (libstdc++'s out-of-line _Hash_bytes) and mixes again; with
  // the map's probing that was ~150 instructions per content token, the
  // largest part of the engine's own per-token work. Terms are short (mostly
  // under 16 bytes): they are read eight bytes per step, the last eight
  // overlapping the previous step rather than a byte-by-byte tail; 4-7 bytes
  // are two overlapping four-byte reads; 1-3 bytes are bytes 0, n / 2 and
  // n - 1 (as the tokenizer's word memo does). A final avalanche (MurmurHash3's
  // fmix64) lets the low bits (the slot) depend on every byte. Ids depend
  // only on the order of first sight, never on the hash. Inline: the engine
  // interns every content token.
  static uint64_t Hash(std::string_view term) {
    const char* p = term.data();
    const size_t n = term.size();
    uint64_t h = HashMixStep(0xCBF29CE484222325ull, n);
    if (n >= 8) {
      for (size_t i = 0; i + 8 < n; i += 8) h = HashMixStep(h, LoadUnaligned<uint64_t>(p + i));
      h = HashMixStep(h, LoadUnaligned<uint64_t>(p + n - 8));
    } else if (n >= 4) {
      h = HashMixStep(h, LoadUnaligned<uint32_t>(p) |
                             static_cast<uint64_t>(LoadUnaligned<uint32_t>(p + n - 4)) << 32);
    } else if (n > 0) {
      h = HashMixStep(h, static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
                         static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
                         static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16);
    }
    h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDull;
    return h ^ (h >> 33);
  }

 private:
  // A slot: the hash's high half (most mismatches skip the string compare)
  // over id + 1; 0 is empty, so the table is zero-filled (a memset: a
  // vector of a two-field struct is filled member by member).
  static constexpr uint64_t kCheckBits = 0xFFFFFFFF00000000ull;

  int32_t Add(size_t i, uint64_t check, std::string_view term) {
    const int32_t id = size();
    slots_[i] = check | static_cast<uint32_t>(id + 1);
    terms_.push_back(term);
    if (2 * terms_.size() > slots_.size()) Grow();
    return id;
  }
  // Doubles the table and places every term again (keeps probes short).
  void Grow();

  std::vector<uint64_t> slots_;  // Linear probing; a power of two, at most half full.
  size_t mask_ = 0;
  std::vector<std::string_view> terms_;  // By id.
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_TERM_INTERNER_H_
