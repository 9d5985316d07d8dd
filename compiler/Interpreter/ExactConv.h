// The interpreter's entry to the exact 16-bit convolution of the generated C-simulation
// (templates/hls/eecc_exact16.h): one algorithm for `eecc run --fixed`, calibration and
// the C-simulation. Built twice, for AVX2 and portably; the CPU picks at run time.
#ifndef EECC_INTERPRETER_EXACTCONV_H
#define EECC_INTERPRETER_EXACTCONV_H

#include <cstdint>

namespace eecc::interp {

/// One image's conv2d: input [channels][height][width], weight [filters][group
/// channels][kernel_height][kernel_width], raw 16-bit values.
struct ExactConvShape {
  int channels, height, width;
  int filters, groups, groupChannels, kernelHeight, kernelWidth;
  int strideHeight, strideWidth, padTop, padLeft, dilationHeight, dilationWidth;
  int outHeight, outWidth;
};

/// sums[m][oy][ox] = bias[m] (raw accumulator values, or null) + the exact integer sum
/// of input x weight over the filter's group of channels and the kernel.
void exactConv16(const ExactConvShape &shape, const int16_t *input, const int16_t *weight,
                 const int64_t *bias, int64_t *sums);

} // namespace eecc::interp

#endif // EECC_INTERPRETER_EXACTCONV_H
