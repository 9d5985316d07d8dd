// eecc_elementwise.h: element-wise binary ops with broadcasting (add, sub, mul).
// Part of the eecc HLS layer library (eecc_layers.h includes every part).
#ifndef EECC_ELEMENTWISE_H
#define EECC_ELEMENTWISE_H

#include "eecc_layer_common.h"

namespace eecc_hls {

/// Element-wise ops walk their output in row-major order with a counter per dimension;
/// each operand's position follows its own strides (0 along a broadcast dimension), so no
/// address needs a division or a modulo. `next` moves to the following output.
template <int RANK, int OPERANDS> struct index_walk {
  int index[RANK];
  int offset[OPERANDS];
  index_walk() {
    for (int axis = 0; axis < RANK; ++axis)
      index[axis] = 0;
    for (int k = 0; k < OPERANDS; ++k)
      offset[k] = 0;
  }
  /// strides[k * RANK + axis]: operand k's stride along `axis`.
  void next(const int shape[], const int strides[]) {
    bool carry = true;
    for (int axis = RANK - 1; axis >= 0; --axis) {
      if (!carry)
        break;
      for (int k = 0; k < OPERANDS; ++k)
        offset[k] += strides[k * RANK + axis];
      carry = ++index[axis] == shape[axis];
      if (carry) {
        for (int k = 0; k < OPERANDS; ++k)
          offset[k] -= strides[k * RANK + axis] * shape[axis];
        index[axis] = 0;
      }
    }
  }
};

/// The element-wise binary operators: exact (full-precision) results of fixed types,
/// converted once to the output type.
enum binary_op_t { BINARY_ADD = 0, BINARY_SUB = 1, BINARY_MUL = 2 };
template <int OP> struct binary_op;
template <> struct binary_op<BINARY_ADD> {
  template <class L, class R> static auto apply(const L &l, const R &r) -> decltype(l + r) {
    return l + r;
  }
};
template <> struct binary_op<BINARY_SUB> {
  template <class L, class R> static auto apply(const L &l, const R &r) -> decltype(l - r) {
    return l - r;
  }
};
template <> struct binary_op<BINARY_MUL> {
  template <class L, class R> static auto apply(const L &l, const R &r) -> decltype(l * r) {
    return l * r;
  }
};

/// `strides` holds the left operand's RANK strides, then the right one's.
template <int N, int RANK, int OP, typename lhs_t, typename rhs_t, typename out_t>
void binary(const lhs_t lhs[], const rhs_t rhs[], out_t output[], const int shape[],
            const int strides[]) {
  index_walk<RANK, 2> walk;
  i: for (int flat = 0; flat < N; ++flat) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[flat] = out_t(binary_op<OP>::apply(lhs[walk.offset[0]], rhs[walk.offset[1]]));
    walk.next(shape, strides);
  }
}

template <int N, int RANK, typename lhs_t, typename rhs_t, typename out_t>
void add(const lhs_t lhs[], const rhs_t rhs[], out_t output[], const int shape[],
         const int strides[]) {
  binary<N, RANK, BINARY_ADD>(lhs, rhs, output, shape, strides);
}

} // namespace eecc_hls

#endif // EECC_ELEMENTWISE_H
