// CPU and scheduling times of another process, for soak runs: how much CPU
// the server used and how long its threads waited runnable for a CPU, from
// /proc/<pid>/stat and /proc/<pid>/task/*/schedstat (Linux). Sampled per
// interval they tell a server that stalled because the machine's CPUs were
// busy (waiting runnable) from one that got no CPU time while not waiting
// either (the whole VM descheduled, or blocked).
#ifndef PRECIS_TOOLS_LOADGEN_PROCESS_TIMES_H_
#define PRECIS_TOOLS_LOADGEN_PROCESS_TIMES_H_

#include "absl/status/statusor.h"

namespace precis::loadgen {

struct ProcessTimes {
  double cpu_seconds = 0;       // User + system time of all threads so far.
  double runnable_seconds = 0;  // Time its threads (those alive) spent runnable, waiting.
};

// NOT_FOUND when the process is gone.
absl::StatusOr<ProcessTimes> ReadProcessTimes(int pid);

}  // namespace precis::loadgen

#endif  // PRECIS_TOOLS_LOADGEN_PROCESS_TIMES_H_
