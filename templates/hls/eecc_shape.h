// eecc_shape.h: data movement: pad, transpose, concat, slice, copy.
// Part of the eecc HLS layer library (eecc_layers.h includes every part).
#ifndef EECC_SHAPE_H
#define EECC_SHAPE_H

#include "eecc_layer_common.h"
#include "eecc_elementwise.h" // index_walk

namespace eecc_hls {

/// Padding; `in_shape`/`out_shape` are the dims, `begin` the leading pads. MODE 0 fills
/// with `value`, 1 reflects (without repeating the border), 2 repeats the border.
/// The input position that output `flat` of a pad copies; false in the filled border.
template <int RANK, int MODE>
bool pad_source(int flat, const int in_shape[], const int out_shape[], const int begin[],
                int &source) {
  int rest = flat, scale = 1;
  bool inside = true;
  source = 0;
  for (int axis = RANK - 1; axis >= 0; --axis) {
    const int size = in_shape[axis];
    int i = rest % out_shape[axis] - begin[axis];
    rest /= out_shape[axis];
    if (MODE == 1 && (i < 0 || i >= size))
      i = i < 0 ? -i : 2 * (size - 1) - i;
    else if (MODE == 2 && (i < 0 || i >= size))
      i = i < 0 ? 0 : size - 1;
    inside = inside && i >= 0 && i < size;
    source += i * scale;
    scale *= in_shape[axis];
  }
  return inside;
}

template <int N, int RANK, int MODE, typename in_t, typename out_t>
void pad(const in_t input[], out_t output[], const int in_shape[], const int out_shape[],
         const int begin[], float value) {
  i: for (int flat = 0; flat < N; ++flat) {
    int source;
    const bool inside = pad_source<RANK, MODE>(flat, in_shape, out_shape, begin, source);
    output[flat] = inside ? out_t(input[source]) : out_t(value);
  }
}

/// Transpose: output dim `a` (of `out_shape[a]` elements) walks the input with stride
/// `strides[a]` (also a slice cut on several axes: the input's own strides).
template <int N, int RANK, typename in_t, typename out_t>
void transpose(const in_t input[], out_t output[], const int out_shape[], const int strides[]) {
  index_walk<RANK, 1> walk;
  i: for (int flat = 0; flat < N; ++flat) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[flat] = out_t(input[walk.offset[0]]);
    walk.next(out_shape, strides);
  }
}

/// One input of a concatenation: OUTER blocks of CHUNK values, placed at `offset`
/// inside output blocks of TOTAL values.
template <int OUTER, int CHUNK, int TOTAL, typename in_t, typename out_t>
void concat_part(const in_t input[], out_t output[], int offset) {
  for (int o = 0; o < OUTER; ++o)
    for (int i = 0; i < CHUNK; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
      output[o * TOTAL + offset + i] = out_t(input[o * CHUNK + i]);
    }
}

/// A slice along one axis (a Split's output): OUTER blocks of CHUNK values, each taken
/// from input blocks of TOTAL values (`input` points at the first one's start).
template <int OUTER, int CHUNK, int TOTAL, typename in_t, typename out_t>
void slice_part(const in_t input[], out_t output[]) {
  for (int o = 0; o < OUTER; ++o)
    for (int i = 0; i < CHUNK; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
      output[o * CHUNK + i] = out_t(input[o * TOTAL + i]);
    }
}

template <int N, typename in_t, typename out_t>
void copy(const in_t input[], out_t output[]) {
  i: for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = out_t(input[i]);
  }
}

} // namespace eecc_hls

#endif // EECC_SHAPE_H
