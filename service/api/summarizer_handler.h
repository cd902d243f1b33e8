// SummarizerHandler: the transport-free request handling shared by the gRPC
// service and the CLI's --local mode: validate -> convert -> engine ->
// convert. Keeping it out of the service is what makes `precis --local`
// print exactly what the server would return.
//
// Thread-safe (const methods over a thread-safe Engine). Does not own the
// engine, which must outlive it.
#ifndef PRECIS_SERVICE_API_SUMMARIZER_HANDLER_H_
#define PRECIS_SERVICE_API_SUMMARIZER_HANDLER_H_

#include "absl/status/statusor.h"
#include "engine.h"
#include "precis/v1/precis.pb.h"

namespace precis::api {

class SummarizerHandler {
 public:
  // `stream_window` is reported in GetCapabilities (0: no streaming).
  explicit SummarizerHandler(const Engine& engine, int32_t stream_window = 0);

  // Errors are the engine's (see engine.h) plus ValidateSummarizeRequest's and
  // ToSummarizeOptions'; `control` is polled by the engine. Sets
  // stats.processing_us to the wall time of this call (exports excluded)
  // and appends the exports the request asks for. An exception from below
  // (the engine is not meant to throw) becomes RESOURCE_EXHAUSTED for
  // std::bad_alloc, INTERNAL otherwise, instead of ending the process.
  absl::StatusOr<v1::SummarizeResponse> Summarize(
      const v1::SummarizeRequest& request, const CallControl& control) const;

  absl::StatusOr<v1::SegmentResponse> Segment(const v1::SegmentRequest& request,
                                              const CallControl& control) const;

  // Computed once at construction.
  const v1::GetCapabilitiesResponse& GetCapabilities() const {
    return capabilities_;
  }

 private:
  absl::StatusOr<v1::SummarizeResponse> SummarizeUnguarded(
      const v1::SummarizeRequest& request, const CallControl& control) const;
  absl::StatusOr<v1::SegmentResponse> SegmentUnguarded(
      const v1::SegmentRequest& request, const CallControl& control) const;

  const Engine& engine_;
  v1::GetCapabilitiesResponse capabilities_;
};

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_SUMMARIZER_HANDLER_H_
