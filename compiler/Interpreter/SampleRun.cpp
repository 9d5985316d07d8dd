// Samples of a file through the reference interpreter (see SampleRun.h).
#include "compiler/Interpreter/SampleRun.h"

#include "compiler/Support/Progress.h"
#include "compiler/Support/SampleFile.h"
#include "dialects/hls/HLSDialect.h"

#include "llvm/Support/Path.h"

#include <cstring>
#include <fmt/format.h>

namespace eecc::interp {

mlir::LogicalResult
forEachSample(ee::NetworkOp network, llvm::StringRef path, std::optional<int64_t> wanted,
              size_t cap, llvm::StringRef countOption, bool allExits,
              llvm::function_ref<void(llvm::StringRef, const SampleResult &)> visit,
              bool progress) {
  const bool fixed = network->hasAttr(hls::attrs::kInputType);
  auto interpreter =
      NetworkInterpreter::create(network, fixed ? Arithmetic::Fixed : Arithmetic::Float);
  if (!interpreter)
    return mlir::failure();
  auto file = readSampleFile(path, interpreter->inputShape(), wanted, countOption, cap);
  if (!file)
    return network.emitError(llvm::toString(file.takeError()));
  Tensor input(interpreter->inputShape());
  Progress lines(fmt::format("{} through the {} interpreter",
                             llvm::sys::path::filename(path).str(),
                             fixed ? "fixed-point" : "float"),
                 file->count, progress);
  for (size_t sample = 0; sample < file->count; ++sample) {
    llvm::StringRef bytes = file->sample(sample);
    std::memcpy(input.data.data(), bytes.data(), file->sampleBytes);
    visit(bytes, interpreter->run(input, allExits));
    lines.update(sample + 1);
  }
  return mlir::success();
}

mlir::LogicalResult countExits(ee::NetworkOp network, llvm::StringRef path,
                               std::optional<int64_t> wanted, bool progress,
                               std::vector<int64_t> &counts) {
  counts.assign(ee::getExits(network).size(), 0);
  if (mlir::failed(forEachSample(
          network, path, wanted, SIZE_MAX, "--calibration-count", /*allExits=*/false,
          [&](llvm::StringRef, const SampleResult &result) { ++counts[result.exitIndex]; },
          progress)))
    return mlir::failure();
  recordExitCounts(network, counts);
  return mlir::success();
}

} // namespace eecc::interp
