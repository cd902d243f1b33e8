#include "summarizer_handler.h"

#include <chrono>

#include "export_writer.h"
#include "proto_convert.h"
#include "request_validator.h"
#include "status_macros.h"

namespace precis::api {

SummarizerHandler::SummarizerHandler(const Engine& engine,
                                     int32_t stream_window)
    : engine_(engine),
      capabilities_(
          ToCapabilitiesResponse(engine.GetCapabilities(), PRECIS_VERSION)) {
  capabilities_.mutable_limits()->set_stream_window(stream_window);
}

absl::StatusOr<v1::SummarizeResponse> SummarizerHandler::Summarize(
    const v1::SummarizeRequest& request, const CallControl& control) const {
  const auto start = std::chrono::steady_clock::now();
  RETURN_IF_ERROR(ValidateSummarizeRequest(request));
  ASSIGN_OR_RETURN(SummarizeOptions options, ToSummarizeOptions(request));
  ASSIGN_OR_RETURN(SummaryResult result,
                   engine_.Summarize(request.text(), options, control));
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  v1::SummarizeResponse response =
      ToSummarizeResponse(result, request.request_id(), elapsed.count());
  AddExports(request, &response);
  return response;
}

absl::StatusOr<v1::SegmentResponse> SummarizerHandler::Segment(
    const v1::SegmentRequest& request, const CallControl& control) const {
  ASSIGN_OR_RETURN(SegmentResult result,
                   engine_.Segment(request.text(), request.language(), control));
  return ToSegmentResponse(result);
}

}  // namespace precis::api
