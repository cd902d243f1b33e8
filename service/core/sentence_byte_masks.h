// SentenceByteMasks: per byte of a sentence, whether it is an ASCII letter
// or digit and whether it can be part of a word, as bit masks built once per
// sentence, so a scanner finds the next word and the end of an ASCII run with
// one bit search each.
//
// Not thread-safe: one per thread (reused across sentences).
#ifndef PRECIS_SERVICE_CORE_SENTENCE_BYTE_MASKS_H_
#define PRECIS_SERVICE_CORE_SENTENCE_BYTE_MASKS_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace precis {

// Two bits per byte of a sentence (bit b of word w is byte 64 * w + b),
// computed once per sentence sixteen bytes at a time (SSE2): the name
// finder's tokenizer skips the gaps between words and the ASCII runs inside
// them with one bit search each instead of a test per byte or per eight
// bytes (those scans were the largest part of NameFinder::Find). Bits past
// the end are clear. Not thread-safe (one per thread).
class SentenceByteMasks {
 public:
  void Assign(std::string_view s);
  // The first byte at or after `i` (<= size) that is an ASCII letter or
  // digit or any byte >= 0x80 (no ASCII space or punctuation), or the size.
  size_t NextWordByte(size_t i) const {
    size_t w = i >> 6;
    uint64_t x = words_[w].word & (~uint64_t{0} << (i & 63));
    while (x == 0) {
      if (++w == words_.size()) return size_;
      x = words_[w].word;
    }
    return (w << 6) + static_cast<size_t>(std::countr_zero(x));
  }
  // The end of the run of ASCII letters and digits from `i` (<= size):
  // AsciiAlnumRun(s, i) of fact_text.h.
  size_t AlnumRunEnd(size_t i) const {
    size_t w = i >> 6;
    uint64_t x = ~words_[w].alnum & (~uint64_t{0} << (i & 63));
    // Ends at the latest at the size: its bit (in the last word) is clear.
    while (x == 0) x = ~words_[++w].alnum;
    return (w << 6) + static_cast<size_t>(std::countr_zero(x));
  }

 private:
  struct Word {
    uint64_t alnum = 0;  // ASCII letters and digits
    uint64_t word = 0;   // alnum, and bytes >= 0x80
  };
  size_t size_ = 0;
  std::vector<Word> words_;  // size_ / 64 + 1: the bit of byte size_ exists
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_SENTENCE_BYTE_MASKS_H_
