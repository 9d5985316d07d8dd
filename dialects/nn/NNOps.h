// Operations of the nn dialect.
#ifndef EECC_DIALECTS_NN_NNOPS_H
#define EECC_DIALECTS_NN_NNOPS_H

#include "dialects/nn/NNDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "dialects/nn/NNOps.h.inc"

#endif // EECC_DIALECTS_NN_NNOPS_H
