// Fixed-point reference kernels: what the HLS layer library (templates/hls) computes
// with eecc::fixed / ap_fixed types, bit for bit. Each kernel converts its results
// into the output format and counts the conversions that overflowed.
#ifndef EECC_INTERPRETER_FIXEDKERNELS_H
#define EECC_INTERPRETER_FIXEDKERNELS_H

#include "compiler/Numerics/ActivationTable.h"
#include "compiler/Numerics/FixedPoint.h"
#include "Kernels.h"
#include "Tensor.h"
#include "dialects/nn/ShapeUtils.h"

namespace eecc::interp {

// The fixed-point numerics (formats, conversions, tables) are compiler/Numerics', below
// the interpreter; the interpreter names them unqualified.
using namespace eecc::numerics;

/// A tensor of raw fixed-point values sharing one format.
struct FixedTensor {
  llvm::SmallVector<int64_t, 4> shape;
  std::vector<int64_t> raw;
  FixedFormat format;

  FixedTensor() = default;
  FixedTensor(llvm::ArrayRef<int64_t> dims, const FixedFormat &format);
  size_t size() const { return raw.size(); }
  int64_t dim(size_t index) const { return shape[index]; }
};

/// Conversion into one format, counting overflows (the saturation statistics).
struct FixedSink {
  FixedFormat format;
  int64_t *overflows = nullptr;
  int64_t operator()(i128 value, int srcFrac) const;
  int64_t fromDouble(double value) const;
};

FixedTensor quantizeTensor(const Tensor &tensor, const FixedSink &sink);
Tensor dequantizeTensor(const FixedTensor &tensor);
/// Every value converted into the sink's format (copies, reshapes, relu's positive side).
FixedTensor convertTensor(const FixedTensor &input, const FixedSink &sink,
                          llvm::ArrayRef<int64_t> outputShape);

/// conv2d/dense accumulate `accum(bias) += input * weight` in the accumulator format,
/// then convert to the output format.
FixedTensor fixedConv2d(const FixedTensor &input, const FixedTensor &weight,
                        const FixedTensor *bias, llvm::ArrayRef<int64_t> strides,
                        llvm::ArrayRef<int64_t> pads, llvm::ArrayRef<int64_t> dilations,
                        int64_t groups, llvm::ArrayRef<int64_t> outputShape,
                        const FixedSink &accum, const FixedSink &output);
FixedTensor fixedDense(const FixedTensor &input, const FixedTensor &weight,
                       const FixedTensor *bias, const FixedSink &accum, const FixedSink &output);
FixedTensor fixedMaxPool2d(const FixedTensor &input, llvm::ArrayRef<int64_t> kernel,
                           llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                           llvm::ArrayRef<int64_t> dilations, llvm::ArrayRef<int64_t> outputShape,
                           const FixedSink &output);
/// Average pools multiply the sum by the reciprocal of the divisor, quantized to
/// `reciprocal`'s format (no divider in hardware).
FixedTensor fixedAvgPool2d(const FixedTensor &input, llvm::ArrayRef<int64_t> kernel,
                           llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                           bool countIncludePad, llvm::ArrayRef<int64_t> outputShape,
                           const FixedSink &accum, const FixedFormat &reciprocal,
                           const FixedSink &output);
FixedTensor fixedGlobalAvgPool(const FixedTensor &input, const FixedSink &accum,
                               const FixedFormat &reciprocal, const FixedSink &output);
FixedTensor fixedRelu(const FixedTensor &input, const FixedSink &output);
FixedTensor fixedClip(const FixedTensor &input, float low, float high, const FixedSink &output);
/// lhs + rhs, lhs - rhs or lhs * rhs with broadcasting: exact, then converted.
FixedTensor fixedBinary(BinaryKind kind, const FixedTensor &lhs, const FixedTensor &rhs,
                        llvm::ArrayRef<int64_t> outputShape, const FixedSink &output);
FixedTensor fixedSlice(const FixedTensor &input, llvm::ArrayRef<int64_t> offsets,
                       llvm::ArrayRef<int64_t> outputShape, const FixedSink &output);

FixedTensor fixedTableActivation(const FixedTensor &input, const ActivationTable &table,
                                 const FixedSink &output);
FixedTensor fixedPad(const FixedTensor &input, llvm::ArrayRef<int64_t> pads, float value,
                     PadMode mode,
                     llvm::ArrayRef<int64_t> outputShape, const FixedSink &output);
FixedTensor fixedConcat(llvm::ArrayRef<const FixedTensor *> inputs, int64_t axis,
                        llvm::ArrayRef<int64_t> outputShape, const FixedSink &output);

} // namespace eecc::interp

#endif // EECC_INTERPRETER_FIXEDKERNELS_H
