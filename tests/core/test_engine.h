// Test helpers shared by the tests that run the whole engine (tests/core and,
// through in_process_server.h, tests/api): the bundled sample article and an
// engine over the embedded language data. Header-only; thread-compatible.
#ifndef PRECIS_TESTS_CORE_TEST_ENGINE_H_
#define PRECIS_TESTS_CORE_TEST_ENGINE_H_

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "engine.h"
#include "engine_config.h"
#include "gtest/gtest.h"
#include "language_data_loader.h"

namespace precis::testing {

// The bundled sample article (tests/testdata/articles); empty if missing.
inline std::string SampleArticle() {
  std::ifstream in(std::string(PRECIS_TESTDATA_DIR) + "/articles/us-russia-ukraine-talks.txt",
                   std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// An engine over the embedded language data; nullptr (with a test failure
// recorded) when it cannot be built.
inline std::unique_ptr<Engine> CreateTestEngine(const EngineConfig& config = {}) {
  absl::StatusOr<LanguageResources> resources = LoadLanguageResources();
  EXPECT_TRUE(resources.ok()) << resources.status();
  if (!resources.ok()) return nullptr;
  absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(config, *std::move(resources));
  EXPECT_TRUE(engine.ok()) << engine.status();
  return engine.ok() ? *std::move(engine) : nullptr;
}

}  // namespace precis::testing

#endif  // PRECIS_TESTS_CORE_TEST_ENGINE_H_
