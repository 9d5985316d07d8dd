// The driver's steps outside the compile pipeline: loading a model, `eecc run`.
#ifndef EECC_TOOLS_EECC_DRIVER_H
#define EECC_TOOLS_EECC_DRIVER_H

#include "Diagnostics.h"
#include "DriverOptions.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace eecc::driver {

/// Loads the model of `config` (ONNX or MLIR) into `context`; null after a diagnostic
/// naming the file, node and problem.
mlir::OwningOpRef<mlir::ModuleOp> loadModel(const CompileConfig &config,
                                            mlir::MLIRContext &context,
                                            DriverDiagnostics &diagnostics);

/// Refuses a model whose names are not valid UTF-8 (everything eecc writes is text).
mlir::LogicalResult checkNamesAreText(const CompileConfig &config, mlir::ModuleOp module);

/// `eecc run`: the network of `module` (quantized for --fixed) over the samples of
/// --input; writes --output. Returns the exit code.
int runModel(const CompileConfig &config, mlir::ModuleOp module);

} // namespace eecc::driver

#endif // EECC_TOOLS_EECC_DRIVER_H
