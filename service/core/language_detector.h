// LanguageDetector: the language of a text (CLD2, 83 languages with their
// scripts), and validation of caller-supplied BCP-47 tags (ICU).
//
// Thread-safe: all functions are pure (CLD2 detection is reentrant).
#ifndef PRECIS_SERVICE_CORE_LANGUAGE_DETECTOR_H_
#define PRECIS_SERVICE_CORE_LANGUAGE_DETECTOR_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace precis {

struct DetectedLanguage {
  // BCP-47 primary language subtag ("en", "zh", "he"); "und" when unknown.
  std::string code;
  // In [0, 1]: the share of the text in that language, halved when CLD2
  // calls the result unreliable.
  double confidence = 0;
};

class LanguageDetector {
 public:
  // `utf8` must be valid UTF-8. Reads a text of up to 512 bytes whole, a
  // longer one through a 512-byte sample (320 bytes from the start, 192 from
  // the middle, cut at white space), and through a 1 KiB sample (640 + 384)
  // when CLD2 is not sure of the first (unreliable, or under 90% in one
  // language): the cost is bounded per call. Control characters and
  // noncharacters count as spaces (CLD2 alone would give up on a text
  // holding one).
  static DetectedLanguage Detect(std::string_view utf8);

  // Validates a BCP-47 tag and returns its lower-case primary language
  // subtag ("pt-BR" -> "pt", "zh-Hant-TW" -> "zh"). INVALID_ARGUMENT (field
  // `field`) when malformed.
  static absl::StatusOr<std::string> PrimaryLanguage(std::string_view tag,
                                                     std::string_view field);
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_LANGUAGE_DETECTOR_H_
