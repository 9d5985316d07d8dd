// The whole project of a compiled module (what `eecc MODEL -o OUT` writes and
// `eecc-translate --emit-hls-project` reproduces): read from the IR only, every decision
// and report section already an attribute set by the pass that made it.
#ifndef EECC_EMIT_PROJECT_H
#define EECC_EMIT_PROJECT_H

#include "compiler/Emit/HLSCpp/EmitHLSCpp.h"

#include "mlir/IR/BuiltinOps.h"

namespace eecc {

/// Emits the project of the compiled `module` (one ee.network after the eecc-compile
/// pipeline) into `files`: hls/ only with `hlsOnly`, else also csim/, scripts/,
/// runtime/, data/, README.md, model.mlir, report.json and report.html. `fallbackName`
/// names the model when the network does not (eecc.source). Fails with a diagnostic.
mlir::LogicalResult emitProjectFiles(mlir::ModuleOp module, llvm::StringRef fallbackName,
                                     bool hlsOnly, std::vector<hlscpp::ProjectFile> &files);

/// The lines a compile prints: the exit structure and, for a design, its binding,
/// placements, estimated latency and resources, and the accuracy on labeled samples.
std::string compileSummary(mlir::ModuleOp module, llvm::StringRef fallbackName);

/// The model's file name as reports show it (eecc.source, else `fallbackName`), valid UTF-8.
std::string modelName(mlir::ModuleOp module, llvm::StringRef fallbackName);

/// Whether the HLS C++ of `module` is the engine design (hls.emitted_binding, else hls.binding).
bool emitsEngine(mlir::ModuleOp module);

} // namespace eecc

#endif // EECC_EMIT_PROJECT_H
