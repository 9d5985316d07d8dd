// JSON summary of the early-exit structure of every ee.network in a module.
#ifndef EECC_EMIT_STRUCTUREREPORT_H
#define EECC_EMIT_STRUCTUREREPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace eecc {

/// Prints {"networks": [{name, inputs, stages, exits}]} for every ee.network.
/// Fails (with a diagnostic) when the module holds no ee.network.
mlir::LogicalResult emitStructureReport(mlir::ModuleOp module, llvm::raw_ostream &os);

} // namespace eecc

#endif // EECC_EMIT_STRUCTUREREPORT_H
