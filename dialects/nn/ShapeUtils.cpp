// Shape arithmetic shared by the nn verifiers, the importer and the HLS emitters.
#include "dialects/nn/ShapeUtils.h"

#include "llvm/Support/CheckedArithmetic.h"

namespace eecc {

std::optional<int64_t> effectiveKernelSize(int64_t kernel, int64_t dilation) {
  std::optional<int64_t> extent = llvm::checkedMul(dilation, kernel - 1);
  return extent ? llvm::checkedAdd(*extent, int64_t{1}) : std::nullopt;
}

std::optional<int64_t> checkedSum(int64_t a, int64_t b, int64_t c) {
  std::optional<int64_t> partial = llvm::checkedAdd(a, b);
  return partial ? llvm::checkedAdd(*partial, c) : std::nullopt;
}

std::optional<int64_t> windowOutputSize(const WindowDim &dim, bool ceilMode) {
  if (dim.input < 1 || dim.kernel < 1 || dim.stride < 1 || dim.dilation < 1)
    return std::nullopt;
  std::optional<int64_t> effectiveKernel = effectiveKernelSize(dim.kernel, dim.dilation);
  std::optional<int64_t> padded = checkedSum(dim.input, dim.padBegin, dim.padEnd);
  if (!effectiveKernel || !padded)
    return std::nullopt;
  int64_t span = *padded - *effectiveKernel;
  if (span < 0)
    return std::nullopt;
  int64_t size = span / dim.stride + 1;
  if (ceilMode && span % dim.stride != 0) {
    ++size;
    // The last window must start inside the input or the begin padding.
    if ((size - 1) * dim.stride >= dim.input + dim.padBegin)
      --size;
  }
  return size;
}

std::optional<llvm::SmallVector<int64_t, 4>>
broadcastShapes(llvm::ArrayRef<int64_t> lhs, llvm::ArrayRef<int64_t> rhs) {
  size_t rank = std::max(lhs.size(), rhs.size());
  llvm::SmallVector<int64_t, 4> result(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t l = i < rank - lhs.size() ? 1 : lhs[i - (rank - lhs.size())];
    int64_t r = i < rank - rhs.size() ? 1 : rhs[i - (rank - rhs.size())];
    if (l != r && l != 1 && r != 1)
      return std::nullopt;
    result[i] = l == 1 ? r : l;
  }
  return result;
}

std::optional<int64_t> numElements(llvm::ArrayRef<int64_t> shape) {
  std::optional<int64_t> count = 1;
  for (int64_t dim : shape) {
    count = llvm::checkedMul(*count, dim);
    if (!count)
      return std::nullopt;
  }
  return count;
}

AxisSplit splitAtAxis(llvm::ArrayRef<int64_t> shape, int64_t axis) {
  int64_t rank = static_cast<int64_t>(shape.size());
  if (axis < 0)
    axis += rank;
  AxisSplit split;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? split.outer : i == axis ? split.length : split.inner) *= shape[i];
  return split;
}

std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

std::optional<PadMode> parsePadMode(llvm::StringRef mode) {
  if (mode == "constant")
    return PadMode::Constant;
  if (mode == "reflect")
    return PadMode::Reflect;
  if (mode == "edge")
    return PadMode::Edge;
  return std::nullopt;
}

bool isPermutation(llvm::ArrayRef<int64_t> perm, size_t rank) {
  if (perm.size() != rank)
    return false;
  std::vector<bool> seen(rank, false);
  for (int64_t axis : perm) {
    if (axis < 0 || axis >= static_cast<int64_t>(rank) || seen[axis])
      return false;
    seen[axis] = true;
  }
  return true;
}

llvm::SmallVector<int64_t, 4> permutedStrides(llvm::ArrayRef<int64_t> inputShape,
                                              llvm::ArrayRef<int64_t> perm) {
  llvm::SmallVector<int64_t, 4> strides(inputShape.size(), 1);
  for (size_t axis = inputShape.size(); axis-- > 1;)
    strides[axis - 1] = strides[axis] * inputShape[axis];
  llvm::SmallVector<int64_t, 4> result;
  for (int64_t axis : perm)
    result.push_back(strides[axis]);
  return result;
}

std::vector<int64_t> transposeSources(llvm::ArrayRef<int64_t> inputShape,
                                      llvm::ArrayRef<int64_t> perm) {
  llvm::SmallVector<int64_t, 4> strides = permutedStrides(inputShape, perm);
  llvm::SmallVector<int64_t, 4> outputShape, index(perm.size(), 0);
  int64_t total = 1;
  for (int64_t axis : perm) {
    outputShape.push_back(inputShape[axis]);
    total *= inputShape[axis];
  }
  std::vector<int64_t> sources(total);
  int64_t source = 0;
  for (int64_t flat = 0; flat < total; ++flat) {
    sources[flat] = source;
    for (size_t axis = perm.size(); axis-- > 0;) { // odometer over the output
      source += strides[axis];
      if (++index[axis] < outputShape[axis])
        break;
      source -= strides[axis] * outputShape[axis];
      index[axis] = 0;
    }
  }
  return sources;
}

} // namespace eecc
