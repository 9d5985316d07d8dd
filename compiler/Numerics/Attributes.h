// The numerics of the IR: an hls.fixed attribute as a FixedFormat, the table function of
// an activation op, the float values of a constant.
#ifndef EECC_NUMERICS_ATTRIBUTES_H
#define EECC_NUMERICS_ATTRIBUTES_H

#include "compiler/Numerics/ActivationTable.h"
#include "compiler/Numerics/FixedPoint.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"

namespace eecc::numerics {

/// Calls f(float) on every element of a float constant, in order, as float32 (wider or
/// narrower types rounded to nearest-even, as APFloat converts): float32 data is read
/// directly, without an APFloat per element.
template <class F> void forEachFloat(mlir::DenseElementsAttr attr, F &&f) {
  if (attr.getElementType().isF32()) {
    for (float value : attr.getValues<float>())
      f(value);
    return;
  }
  for (llvm::APFloat value : attr.getValues<llvm::APFloat>()) {
    bool losesInfo = false;
    value.convert(llvm::APFloat::IEEEsingle(), llvm::APFloat::rmNearestTiesToEven, &losesInfo);
    f(value.convertToFloat());
  }
}

/// The fixed-point format of an hls.fixed attribute.
FixedFormat toFixedFormat(mlir::Attribute attr);

/// The function a table activation (nn.sigmoid, nn.tanh) reads from its ROM.
TableFunction tableFunctionOf(mlir::Operation *op);

} // namespace eecc::numerics

#endif // EECC_NUMERICS_ATTRIBUTES_H
