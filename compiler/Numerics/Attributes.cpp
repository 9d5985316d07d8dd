#include "compiler/Numerics/Attributes.h"

#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNOps.h"

using namespace mlir;

namespace eecc::numerics {

TableFunction tableFunctionOf(Operation *op) {
  return isa<nn::SigmoidOp>(op) ? TableFunction::Sigmoid : TableFunction::Tanh;
}

FixedFormat toFixedFormat(Attribute attr) {
  auto fixed = cast<hls::FixedPointAttr>(attr);
  // hls::QuantMode / OverflowMode list the modes in eecc::Quant / Overflow's order.
  return FixedFormat{static_cast<int>(fixed.getWidth()), static_cast<int>(fixed.getIntegerBits()),
                     static_cast<Quant>(fixed.getQuant()),
                     static_cast<Overflow>(fixed.getOverflow())};
}

} // namespace eecc::numerics
