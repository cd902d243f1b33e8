#include "sentence_byte_masks.h"

#include <cstring>

#include "fact_text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace precis {
namespace {

// The masks of 64 bytes at `p` (SentenceByteMasks::Word).
void ClassifyBytes64(const char* p, uint64_t* alnum, uint64_t* word) {
  uint64_t a = 0, w = 0;
#if defined(__SSE2__)
  for (int b = 0; b < 64; b += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + b));
    // Signed comparisons: bytes >= 0x80 are negative, so in neither range.
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                        _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                         _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
    const __m128i alnum16 = _mm_or_si128(digit, letter);
    a |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(alnum16))) << b;
    // alnum16 is 0xFF on letters and digits: OR-ed into the bytes, it sets
    // the top bit there; bytes >= 0x80 have it already.
    w |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(v, alnum16))))
         << b;
  }
#else
  for (int b = 0; b < 64; ++b) {
    const unsigned char byte = static_cast<unsigned char>(p[b]);
    a |= static_cast<uint64_t>(kAsciiAlnum[byte]) << b;
    w |= static_cast<uint64_t>(kAsciiAlnum[byte] || byte >= 0x80) << b;
  }
#endif
  *alnum = a;
  *word = w;
}

}  // namespace

void SentenceByteMasks::Assign(std::string_view s) {
  size_ = s.size();
  words_.resize(size_ / 64 + 1);  // keeps the capacity
  const size_t full = size_ / 64;
  for (size_t k = 0; k < full; ++k) {
    ClassifyBytes64(s.data() + 64 * k, &words_[k].alnum, &words_[k].word);
  }
  // The tail, padded with zero bytes (neither letters nor >= 0x80): the
  // bits past the end are clear (the last word may have none before it).
  char tail[64] = {};
  std::memcpy(tail, s.data() + 64 * full, size_ - 64 * full);
  ClassifyBytes64(tail, &words_[full].alnum, &words_[full].word);
}

}  // namespace precis
