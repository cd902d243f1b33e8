// The files under service/data/, compiled into the binary so that precisd and
// precis need no data directory at run time.
#ifndef PRECIS_SERVICE_CONFIG_EMBEDDED_DATA_H_
#define PRECIS_SERVICE_CONFIG_EMBEDDED_DATA_H_

#include <string_view>
#include <vector>

namespace precis {

struct EmbeddedFile {
  std::string_view path;  // Relative to service/data, e.g. "lexicon/en.yaml".
  std::string_view contents;
};

// All embedded files, sorted by path. Thread-safe.
const std::vector<EmbeddedFile>& EmbeddedDataFiles();

}  // namespace precis

#endif  // PRECIS_SERVICE_CONFIG_EMBEDDED_DATA_H_
