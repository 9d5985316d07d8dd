// Samples of a file through the reference interpreter: what the passes that measure the
// network on data (threshold calibration, exit rates, accuracy, the carried test samples)
// share.
#ifndef EECC_INTERPRETER_SAMPLERUN_H
#define EECC_INTERPRETER_SAMPLERUN_H

#include "compiler/Interpreter/Interpreter.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>
#include <string>

namespace eecc::interp {

/// Runs the samples of `path` (the first `wanted`, or all up to `cap`; `countOption`
/// names the option that asked in messages) through the interpreter in the network's
/// arithmetic (fixed point once nn-quantize ran), giving each sample's bytes and result.
/// Fails with a diagnostic on the network naming the file and what is wrong.
mlir::LogicalResult
forEachSample(ee::NetworkOp network, llvm::StringRef path, std::optional<int64_t> wanted,
              size_t cap, llvm::StringRef countOption, bool allExits,
              llvm::function_ref<void(llvm::StringRef, const SampleResult &)> visit,
              bool progress);

/// How many samples take each exit, recorded on the exits (recordExitCounts).
mlir::LogicalResult countExits(ee::NetworkOp network, llvm::StringRef path,
                               std::optional<int64_t> wanted, bool progress,
                               std::vector<int64_t> &counts);

} // namespace eecc::interp

#endif // EECC_INTERPRETER_SAMPLERUN_H
