// The nn dialect: static-shape layer ops on tensors in NCHW layout.
#ifndef EECC_DIALECTS_NN_NNDIALECT_H
#define EECC_DIALECTS_NN_NNDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Dialect.h"

#include "dialects/nn/NNDialect.h.inc"

#include "mlir/IR/Location.h"
#include "mlir/IR/Operation.h"

#include <string>

namespace eecc::nn {

/// The ONNX node (or initializer) name of an op: its NameLoc, or "" without one.
inline std::string nodeName(mlir::Operation *op) {
  if (auto name = mlir::dyn_cast<mlir::NameLoc>(op->getLoc()))
    return name.getName().str();
  return "";
}

/// How reports and diagnostics name a layer: its node name, or its op name.
inline std::string layerName(mlir::Operation *op) {
  std::string name = nodeName(op);
  return name.empty() ? op->getName().getStringRef().str() : name;
}

} // namespace eecc::nn

#endif // EECC_DIALECTS_NN_NNDIALECT_H
