// Float reference kernels of the nn ops (the semantics every backend must match).
#ifndef EECC_INTERPRETER_KERNELS_H
#define EECC_INTERPRETER_KERNELS_H

#include "Tensor.h"
#include "dialects/nn/ShapeUtils.h"

namespace eecc::interp {

/// pads are [top, left, bottom, right]; bias may be null.
Tensor conv2d(const Tensor &input, const Tensor &weight, const Tensor *bias,
              llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
              llvm::ArrayRef<int64_t> dilations, int64_t groups,
              llvm::ArrayRef<int64_t> outputShape);
/// input [N, K], weight [M, K], bias [M] or null.
Tensor dense(const Tensor &input, const Tensor &weight, const Tensor *bias);
Tensor maxPool2d(const Tensor &input, llvm::ArrayRef<int64_t> kernel,
                 llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                 llvm::ArrayRef<int64_t> dilations, llvm::ArrayRef<int64_t> outputShape);
Tensor avgPool2d(const Tensor &input, llvm::ArrayRef<int64_t> kernel,
                 llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                 bool countIncludePad, llvm::ArrayRef<int64_t> outputShape);
Tensor globalAvgPool(const Tensor &input);
Tensor batchNorm(const Tensor &input, const Tensor &scale, const Tensor &bias,
                 const Tensor &mean, const Tensor &variance, float epsilon);
Tensor lrn(const Tensor &input, int64_t size, float alpha, float beta, float bias);
enum class BinaryKind { Add, Sub, Mul };
/// lhs + rhs, lhs - rhs or lhs * rhs with numpy broadcasting.
Tensor binary(BinaryKind kind, const Tensor &lhs, const Tensor &rhs,
              llvm::ArrayRef<int64_t> outputShape);
/// The input position (row-major) of every output element of a slice at `offsets`.
std::vector<int64_t> sliceSources(llvm::ArrayRef<int64_t> inputShape,
                                  llvm::ArrayRef<int64_t> offsets,
                                  llvm::ArrayRef<int64_t> outputShape);
Tensor slice(const Tensor &input, llvm::ArrayRef<int64_t> offsets,
             llvm::ArrayRef<int64_t> outputShape);
/// 1 / (1 + exp(-x)) in float (the float designs' expression).
float sigmoidOf(float x);
Tensor sigmoid(const Tensor &input);
Tensor tanh(const Tensor &input);
/// pads: all begins then all ends (2 * rank), negative pads crop.
Tensor pad(const Tensor &input, llvm::ArrayRef<int64_t> pads, float value, PadMode mode,
           llvm::ArrayRef<int64_t> outputShape);
Tensor concat(llvm::ArrayRef<const Tensor *> inputs, int64_t axis,
              llvm::ArrayRef<int64_t> outputShape);
Tensor softmax(const Tensor &input, int64_t axis);
/// x - max - log(sum(exp(x - max))) along `axis`, in float.
Tensor logSoftmax(const Tensor &input, int64_t axis);
/// Same data under a new shape (flatten, reshape).
Tensor reshape(const Tensor &input, llvm::ArrayRef<int64_t> outputShape);

} // namespace eecc::interp

#endif // EECC_INTERPRETER_KERNELS_H
