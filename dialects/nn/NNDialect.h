// The nn dialect: static-shape layer ops on tensors in NCHW layout.
#ifndef EECC_DIALECTS_NN_NNDIALECT_H
#define EECC_DIALECTS_NN_NNDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Dialect.h"

#include "dialects/nn/NNDialect.h.inc"

#endif // EECC_DIALECTS_NN_NNDIALECT_H
