// Exact workload of a region: multiply-accumulates and parameters (not an estimate).
#include "dialects/nn/Workload.h"

#include "dialects/nn/NNOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

namespace eecc {

Workload workloadOf(Region &region) {
  Workload workload;
  region.walk([&](Operation *op) {
    if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
      if (auto type = dyn_cast<ShapedType>(constant.getType()))
        workload.parameters += type.getNumElements();
      return;
    }
    if (!isa_and_nonnull<nn::NNDialect>(op->getDialect()))
      return;
    ++workload.layers;
    if (auto conv = dyn_cast<nn::Conv2DOp>(op)) {
      auto weight = cast<ShapedType>(conv.getWeight().getType()).getShape();
      workload.macs += cast<ShapedType>(conv.getType()).getNumElements() * weight[1] * weight[2] *
                       weight[3];
    } else if (auto dense = dyn_cast<nn::DenseOp>(op)) {
      workload.macs += cast<ShapedType>(dense.getType()).getNumElements() *
                       cast<ShapedType>(dense.getWeight().getType()).getDimSize(1);
    }
  });
  return workload;
}

} // namespace eecc
