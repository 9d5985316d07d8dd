// Dense float tensors of the reference interpreter (row-major, NCHW).
#ifndef EECC_INTERPRETER_TENSOR_H
#define EECC_INTERPRETER_TENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <vector>

namespace eecc::interp {

struct Tensor {
  llvm::SmallVector<int64_t, 4> shape;
  std::vector<float> data;

  Tensor() = default;
  explicit Tensor(llvm::ArrayRef<int64_t> dims) : shape(dims.begin(), dims.end()) {
    int64_t count = 1;
    for (int64_t dim : dims)
      count *= dim;
    data.assign(static_cast<size_t>(count), 0.0f);
  }
  int64_t dim(size_t index) const { return shape[index]; }
  size_t size() const { return data.size(); }
};

} // namespace eecc::interp

#endif // EECC_INTERPRETER_TENSOR_H
