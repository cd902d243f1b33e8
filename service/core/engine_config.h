// EngineConfig: the engine's immutable settings, with their defaults. The
// server fills it from the `engine:` section of its YAML config.
#ifndef PRECIS_SERVICE_CORE_ENGINE_CONFIG_H_
#define PRECIS_SERVICE_CORE_ENGINE_CONFIG_H_

#include <cstdint>

namespace precis {

// Weights of the sentence ranker's signals. Each is explained where it is
// used (sentence_ranker.cc); the defaults were tuned on the development sets
// named in tools/README.md.
struct RankerWeights {
  // Directed, position-aware centrality (Zheng & Lapata 2019, PacSum).
  double centrality = 1.0;
  // Position prior: weight of the lead-sentence bias.
  double position = 1.0;
  // Overlap with the headline (Edmundson 1969, "title method").
  double headline = 0.5;
  // Density of facts and names.
  double facts = 0.2;
  // Penalty for very short or very long sentences.
  double length = 0.3;
  // Maximal Marginal Relevance trade-off (Carbonell & Goldstein 1998):
  // 1 = ignore redundancy.
  double mmr_lambda = 0.8;
};

struct EngineConfig {
  // Largest accepted text in UTF-8 bytes; larger -> RESOURCE_EXHAUSTED.
  int64_t max_text_bytes = 1 << 20;
  // Summary length when a request sets none.
  int32_t default_max_sentences = 3;
  // Facts returned when a request sets none, and the most it may ask for.
  int32_t default_max_facts = 12;
  int32_t max_facts_limit = 100;
  // Key phrases returned.
  int32_t max_key_phrases = 10;
  RankerWeights ranker;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_CORE_ENGINE_CONFIG_H_
