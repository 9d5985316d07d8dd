// Progress lines (see Progress.h).
#include "Progress.h"

#include "llvm/Support/Format.h"

#include <cstdlib>
#include "llvm/Support/raw_ostream.h"

namespace eecc {

namespace {
/// 2 s, or EECC_PROGRESS_SECONDS (tests set 0: a line per update).
std::chrono::duration<double> quietPeriod() {
  static const double seconds = [] {
    const char *text = std::getenv("EECC_PROGRESS_SECONDS");
    char *end = nullptr;
    double value = text ? std::strtod(text, &end) : 2.0;
    return text && end != text && value >= 0.0 && value < 1e6 ? value : 2.0;
  }();
  return std::chrono::duration<double>(seconds);
}
} // namespace

Progress::Progress(llvm::StringRef what, size_t total, bool enabled)
    : what(what.str()), total(total), enabled(enabled), start(std::chrono::steady_clock::now()),
      last(start) {}

void Progress::update(size_t done) {
  if (!enabled)
    return;
  auto now = std::chrono::steady_clock::now();
  const auto quiet = quietPeriod();
  if (now - start < quiet || (now - last < quiet && last != start))
    return;
  last = now;
  double seconds = std::chrono::duration<double>(now - start).count();
  double rate = seconds > 0.0 ? static_cast<double>(done) / seconds : 0.0;
  llvm::errs() << "eecc: " << what << ": " << done << " of " << total << " samples";
  if (rate > 0.0 && done < total)
    llvm::errs() << llvm::format(", about %.0f s left", static_cast<double>(total - done) / rate);
  llvm::errs() << "\n";
}

} // namespace eecc
