// Operations and attributes of the ee dialect.
#ifndef EECC_DIALECTS_EE_EEOPS_H
#define EECC_DIALECTS_EE_EEOPS_H

#include "dialects/ee/EEDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/ee/EEEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/ee/EEAttrs.h.inc"

#define GET_OP_CLASSES
#include "dialects/ee/EEOps.h.inc"

namespace eecc::ee {
/// Exits of a network in backbone order (the verifier checks body order = index order).
llvm::SmallVector<ExitOp> getExits(NetworkOp network);
/// Stages of a network in backbone order.
llvm::SmallVector<StageOp> getStages(NetworkOp network);
/// The value of an ee.network that `value` stands for: stage/exit arguments are traced
/// to the operands they receive and stage/exit results to the values their regions
/// yield, down to the network's argument or a value an nn op or constant defines.
mlir::Value resolveNetworkValue(mlir::Value value);
} // namespace eecc::ee

#endif // EECC_DIALECTS_EE_EEOPS_H
