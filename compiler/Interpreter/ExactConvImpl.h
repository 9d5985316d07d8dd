// The body of exactConv16 for one instruction set: included by ExactConv.cpp (portable)
// and ExactConvAVX2.cpp (-mavx2) with EECC_EXACT16_VARIANT and EXACT_CONV_NAME set.
#include "ExactConv.h"

#include "eecc_exact16.h"

namespace eecc::interp {

void EXACT_CONV_NAME(const ExactConvShape &s, const int16_t *input, const int16_t *weight,
                     const int64_t *bias, int64_t *sums) {
  const eecc_exact16::conv_geometry g = {
      s.channels,      s.height,       s.width,        s.filters,      s.groups,
      s.groupChannels, s.kernelHeight, s.kernelWidth,  s.strideHeight, s.strideWidth,
      s.padTop,        s.padLeft,      s.dilationHeight, s.dilationWidth, s.outHeight,
      s.outWidth};
  static_assert(sizeof(long long) == sizeof(int64_t), "64-bit sums");
  const eecc_exact16::exact_sums result = eecc_exact16::conv_exact16(
      g, input, weight, reinterpret_cast<const long long *>(bias), /*stable_weights=*/false);
  for (int m = 0; m < s.filters; ++m)
    for (int oy = 0; oy < s.outHeight; ++oy)
      for (int ox = 0; ox < s.outWidth; ++ox)
        sums[(static_cast<int64_t>(m) * s.outHeight + oy) * s.outWidth + ox] = result.at(m, oy, ox);
}

} // namespace eecc::interp
