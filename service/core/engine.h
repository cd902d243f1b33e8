// Engine: the whole Précis pipeline over plain C++ types.
//
//   validate + normalize -> detect language -> paragraphs + sentences ->
//   headline/boilerplate -> tokens -> rank -> select within budget ->
//   facts and key phrases -> results in source coordinates.
//
// Errors: INVALID_ARGUMENT made with FieldError (field named) for empty text,
// invalid UTF-8, a malformed language tag, an out-of-range budget, an unknown
// time zone or locale; RESOURCE_EXHAUSTED (field "text") above
// max_text_bytes; whatever `control.check` returns when it stops the call.
//
// Thread-safe and stateless after Create: one instance serves all threads.
#ifndef PRECIS_SERVICE_CORE_ENGINE_H_
#define PRECIS_SERVICE_CORE_ENGINE_H_

#include <functional>
#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine_config.h"
#include "language_resources.h"
#include "summarize_options.h"
#include "summary.h"

namespace precis {

// Polled between pipeline stages: a non-OK status (e.g. DEADLINE_EXCEEDED,
// CANCELLED) abandons the call and is returned as is. Empty = never stop.
struct CallControl {
  std::function<absl::Status()> check;
};

class Engine {
 public:
  static absl::StatusOr<std::unique_ptr<Engine>> Create(
      EngineConfig config, LanguageResources resources);
  ~Engine();

  absl::StatusOr<SummaryResult> Summarize(std::string_view text,
                                          const SummarizeOptions& options,
                                          const CallControl& control = {}) const;

  absl::StatusOr<SegmentResult> Segment(std::string_view text,
                                        std::string_view language,
                                        const CallControl& control = {}) const;

  Capabilities GetCapabilities() const;
  const EngineConfig& config() const;

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_ENGINE_H_
