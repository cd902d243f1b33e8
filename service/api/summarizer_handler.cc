#include "summarizer_handler.h"

#include <chrono>
#include <exception>
#include <new>

#include "absl/strings/str_cat.h"

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

namespace {

// The engine reports errors as statuses and is not meant to throw; this is
// the last line of defence that keeps one request from taking the process
// down (an uncaught exception aborts precisd with every call in flight).
// std::bad_alloc is what an allocation sized by a pathological input throws.
template <typename F>
auto Guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(
        "the text needs more memory than the server can give it");
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("internal error: ", e.what()));
  } catch (...) {
    return absl::InternalError("internal error");
  }
}

}  // namespace

absl::StatusOr<v1::SummarizeResponse> SummarizerHandler::Summarize(
    const v1::SummarizeRequest& request, const CallControl& control) const {
  return Guarded([&] { return SummarizeUnguarded(request, control); });
}

absl::StatusOr<v1::SegmentResponse> SummarizerHandler::Segment(
    const v1::SegmentRequest& request, const CallControl& control) const {
  return Guarded([&] { return SegmentUnguarded(request, control); });
}

absl::StatusOr<v1::SummarizeResponse> SummarizerHandler::SummarizeUnguarded(
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

absl::StatusOr<v1::SegmentResponse> SummarizerHandler::SegmentUnguarded(
    const v1::SegmentRequest& request, const CallControl& control) const {
  ASSIGN_OR_RETURN(SegmentResult result,
                   engine_.Segment(request.text(), request.language(), control));
  return ToSegmentResponse(result);
}

}  // namespace precis::api
