// Shape arithmetic shared by the nn verifiers, the importer and the HLS emitters.
#include "compiler/Support/ShapeUtils.h"

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

} // namespace eecc
