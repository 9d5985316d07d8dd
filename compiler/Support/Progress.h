// Progress lines for steps that take a while (calibration, threshold calibration, runs):
// nothing during the first 2 s, then one line on stderr at most every 2 s.
#ifndef EECC_SUPPORT_PROGRESS_H
#define EECC_SUPPORT_PROGRESS_H

#include "llvm/ADT/StringRef.h"

#include <chrono>
#include <cstddef>
#include <string>

namespace eecc {

class Progress {
public:
  /// `what` names the step ("calibration (float)"); `total` items; silent when !enabled.
  Progress(llvm::StringRef what, size_t total, bool enabled);
  /// `done` items of `total` are done.
  void update(size_t done);

private:
  std::string what;
  size_t total;
  bool enabled;
  std::chrono::steady_clock::time_point start, last;
};

} // namespace eecc

#endif // EECC_SUPPORT_PROGRESS_H
