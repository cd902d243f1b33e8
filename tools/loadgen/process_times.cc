#include "process_times.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace precis::loadgen {

absl::StatusOr<ProcessTimes> ReadProcessTimes(int pid) {
  const std::string dir = absl::StrCat("/proc/", pid);
  std::ifstream stat(dir + "/stat");
  std::string line;
  if (!stat || !std::getline(stat, line)) {
    return absl::NotFoundError(absl::StrCat("no process ", pid));
  }
  // Fields after the command name (which may hold spaces, so start after
  // its closing parenthesis): state is field 3, utime 14 and stime 15.
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return absl::NotFoundError(absl::StrCat("bad stat of ", pid));
  std::istringstream fields(line.substr(close + 1));
  std::string field;
  double ticks = 0;
  for (int k = 3; k <= 15 && fields >> field; ++k) {
    if (k >= 14) ticks += std::strtod(field.c_str(), nullptr);
  }
  ProcessTimes t;
  t.cpu_seconds = ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
  // schedstat: "time on CPU (ns) time waiting runnable (ns) timeslices".
  // Threads come and go while this runs: errors end the walk, never throw.
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir + "/task", ec), end; !ec && it != end;
       it.increment(ec)) {
    std::ifstream sched(it->path() / "schedstat");
    double on_cpu = 0, waiting = 0;
    if (sched >> on_cpu >> waiting) t.runnable_seconds += waiting / 1e9;
  }
  return t;
}

}  // namespace precis::loadgen
