#include "language_detector.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "cld2/public/compact_lang_det.h"
#include "cld2/public/encodings.h"
#include "field_error.h"
#include "unicode/locid.h"
#include "unicode/utf8.h"

namespace precis {
namespace {

constexpr int kMaxDetectBytes = 16 * 1024;

// CLD2 still reports some ISO 639 codes that BCP-47 deprecated.
std::string ModernCode(std::string code) {
  if (code == "iw") return "he";
  if (code == "in") return "id";
  if (code == "ji") return "yi";
  if (code == "jw") return "jv";
  if (code == "zh-Hant") return "zh";
  if (code == "un" || code == "xx") return "und";
  return code;
}

}  // namespace

DetectedLanguage LanguageDetector::Detect(std::string_view utf8) {
  int length = static_cast<int>(std::min<size_t>(utf8.size(), kMaxDetectBytes));
  // Cut at a character boundary so CLD2 sees valid UTF-8.
  while (length > 0 && length < static_cast<int>(utf8.size()) &&
         U8_IS_TRAIL(static_cast<uint8_t>(utf8[length]))) {
    --length;
  }
  CLD2::Language language3[3];
  int percent3[3];
  double normalized_score3[3];
  int text_bytes = 0;
  bool reliable = false;
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  int valid_prefix = 0;
  const CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      utf8.data(), length, /*is_plain_text=*/true, &hints, /*flags=*/0, language3,
      percent3, normalized_score3, /*resultchunkvector=*/nullptr, &text_bytes, &reliable,
      &valid_prefix);
  DetectedLanguage out;
  if (lang == CLD2::UNKNOWN_LANGUAGE || text_bytes == 0) {
    out.code = "und";
    return out;
  }
  out.code = ModernCode(CLD2::LanguageCode(lang));
  out.confidence = percent3[0] / 100.0;
  if (!reliable) out.confidence *= 0.5;
  return out;
}

absl::StatusOr<std::string> LanguageDetector::PrimaryLanguage(std::string_view tag,
                                                              std::string_view field) {
  if (tag.empty() || tag.size() > 64) {
    return FieldError(field, absl::StrCat("malformed BCP-47 language tag '", std::string(tag), "'"));
  }
  for (char c : tag) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      return FieldError(field, absl::StrCat("malformed BCP-47 language tag '", std::string(tag), "'"));
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(std::string(tag), status);
  if (U_FAILURE(status) || locale.isBogus() || std::string(locale.getLanguage()).empty()) {
    return FieldError(field, absl::StrCat("malformed BCP-47 language tag '", std::string(tag), "'"));
  }
  return ModernCode(absl::AsciiStrToLower(locale.getLanguage()));
}

}  // namespace precis
