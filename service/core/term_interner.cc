#include "term_interner.h"

namespace precis {

TermInterner::TermInterner(size_t expected_terms) {
  size_t capacity = 16;
  while (capacity < 2 * expected_terms) capacity *= 2;
  slots_.resize(capacity);
  mask_ = capacity - 1;
  terms_.reserve(expected_terms);
}

void TermInterner::Grow() {
  slots_.assign(2 * slots_.size(), 0);
  mask_ = slots_.size() - 1;
  for (size_t k = 0; k < terms_.size(); ++k) {
    const uint64_t hash = Hash(terms_[k]);
    size_t i = hash & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = (hash & kCheckBits) | static_cast<uint32_t>(k + 1);
  }
}

}  // namespace precis
