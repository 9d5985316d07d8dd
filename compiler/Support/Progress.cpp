// Progress lines (see Progress.h).
#include "Progress.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace eecc {

namespace {
constexpr std::chrono::seconds kQuiet(2);
} // namespace

Progress::Progress(llvm::StringRef what, size_t total, bool enabled)
    : what(what.str()), total(total), enabled(enabled), start(std::chrono::steady_clock::now()),
      last(start) {}

void Progress::update(size_t done) {
  if (!enabled)
    return;
  auto now = std::chrono::steady_clock::now();
  if (now - start < kQuiet || now - last < kQuiet)
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
