// Import of ONNX models into the nn dialect (the public face of the ONNX frontend).
#ifndef EECC_FRONTEND_ONNX_IMPORTER_H
#define EECC_FRONTEND_ONNX_IMPORTER_H

#include "compiler/Frontend/ONNX/ModelLoader.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/MemoryBuffer.h"

namespace eecc::onnx_frontend {

struct ImportOptions {
  LoadLimits limits;
  /// Name of the graph output that is the final classifier (default: the last).
  std::string finalOutput;
};

/// Imports the ONNX model in `buffer` (read from `path`, which names it in
/// diagnostics and locates external data) into a module holding one func.func with
/// nn ops. Every early exit's logits is a function result, the final classifier
/// last; `If`-encoded exits are turned into such results first. The function's
/// attributes carry what the model says about its exits:
///   eecc.output_names   graph output names, in result order
///   eecc.exit_criteria  per early exit: "entropy" | "max_softmax" | "margin"
///   eecc.exit_thresholds per early exit (from If conditions or metadata_props)
/// Errors go to the context's diagnostic handler ("node 'conv1' (Conv): ...") and
/// yield a null module. Never throws.
mlir::OwningOpRef<mlir::ModuleOp> importModel(const llvm::MemoryBuffer &buffer,
                                              llvm::StringRef path, mlir::MLIRContext &context,
                                              const ImportOptions &options = {});

/// One row of the supported-operator table.
struct SupportedOp {
  const char *opType;
  const char *lowersTo;
  const char *notes;
};

/// The ONNX operators the importer accepts (default domain).
llvm::ArrayRef<SupportedOp> supportedOps();

} // namespace eecc::onnx_frontend

#endif // EECC_FRONTEND_ONNX_IMPORTER_H
