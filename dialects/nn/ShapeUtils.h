// Shape arithmetic shared by the nn verifiers, the importer and the HLS emitters.
#ifndef EECC_DIALECTS_NN_SHAPEUTILS_H
#define EECC_DIALECTS_NN_SHAPEUTILS_H

#include "llvm/ADT/ArrayRef.h"
#include <algorithm>
#include <vector>
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>

namespace eecc {

/// One spatial dimension of a sliding window (convolution or pooling).
struct WindowDim {
  int64_t input = 0;
  int64_t kernel = 1;
  int64_t stride = 1;
  int64_t padBegin = 0;
  int64_t padEnd = 0;
  int64_t dilation = 1;
};

/// Dilated kernel extent `dilation * (kernel - 1) + 1`, or std::nullopt on overflow.
std::optional<int64_t> effectiveKernelSize(int64_t kernel, int64_t dilation);

/// Output length of a sliding window, or std::nullopt when the window does not
/// fit, a parameter is out of range, or the arithmetic overflows. With `ceilMode` the length rounds up, but
/// a last window starting inside the end padding is dropped (onnxruntime/PyTorch).
std::optional<int64_t> windowOutputSize(const WindowDim &dim, bool ceilMode = false);

/// Numpy-style broadcast of two shapes; std::nullopt when incompatible.
std::optional<llvm::SmallVector<int64_t, 4>>
broadcastShapes(llvm::ArrayRef<int64_t> lhs, llvm::ArrayRef<int64_t> rhs);

/// Product of the dimensions (1 for a scalar shape); std::nullopt on overflow.
std::optional<int64_t> numElements(llvm::ArrayRef<int64_t> shape);

/// a + b + c, or std::nullopt on overflow.
std::optional<int64_t> checkedSum(int64_t a, int64_t b, int64_t c = 0);

/// A row-major shape seen as [outer, length, inner] around one axis (softmax, concat).
struct AxisSplit {
  int64_t outer = 1;
  int64_t length = 1;
  int64_t inner = 1;
};

/// Splits `shape` at `axis` (negative counts from the back; must be in range).
AxisSplit splitAtAxis(llvm::ArrayRef<int64_t> shape, int64_t axis);

/// Normalizes an axis in [-rank, rank) to [0, rank); std::nullopt if out of range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// [first, last) of the output positions o of a window axis whose input position
/// o * stride - pad + k (padMinusK = pad - k) lies inside [0, size); at most `outputs`.
inline void windowOutputRange(int64_t padMinusK, int64_t stride, int64_t size, int64_t outputs,
                              int64_t &first, int64_t &last) {
  first = padMinusK <= 0 ? 0 : (padMinusK + stride - 1) / stride;
  const int64_t top = size - 1 + padMinusK;
  last = top < 0 ? 0 : std::min(outputs, top / stride + 1);
}

/// ONNX Pad modes. For an output position `i` (already shifted by the begin pad) of an
/// axis of `size` input elements: the input element it copies, or -1 for the constant.
enum class PadMode { Constant, Reflect, Edge };
inline int64_t padSource(int64_t i, int64_t size, PadMode mode) {
  if (i >= 0 && i < size)
    return i;
  switch (mode) {
  case PadMode::Constant:
    return -1;
  case PadMode::Reflect: // mirrored without repeating the border (pads < size)
    return i < 0 ? -i : 2 * (size - 1) - i;
  case PadMode::Edge:
    return i < 0 ? 0 : size - 1;
  }
  return -1;
}
std::optional<PadMode> parsePadMode(llvm::StringRef mode);

/// Whether `perm` holds each of 0 .. rank - 1 once.
bool isPermutation(llvm::ArrayRef<int64_t> perm, size_t rank);
/// For a transpose by `perm` of a row-major `inputShape`: the input stride of each
/// output dimension (output dim i walks input dim perm[i]).
llvm::SmallVector<int64_t, 4> permutedStrides(llvm::ArrayRef<int64_t> inputShape,
                                              llvm::ArrayRef<int64_t> perm);
/// The input flat index of every output element of that transpose.
std::vector<int64_t> transposeSources(llvm::ArrayRef<int64_t> inputShape,
                                      llvm::ArrayRef<int64_t> perm);

} // namespace eecc

#endif // EECC_DIALECTS_NN_SHAPEUTILS_H
