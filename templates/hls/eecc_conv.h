// eecc_conv.h: convolution (direct, grouped): the loops m, oy, ox, c, ky, kx.
// Part of the eecc HLS layer library (eecc_layers.h includes every part).
#ifndef EECC_CONV_H
#define EECC_CONV_H

#include "eecc_layer_common.h"
#include "eecc_host_kernels.h"

namespace eecc_hls {

/// Conv: output[m][oy][ox] = bias[m] + sum over the group's channels and the kernel.
template <class CONFIG, typename in_t, typename wstore_t, typename bstore_t, typename out_t>
void conv2d(const in_t input[], const wstore_t weight[], const bstore_t bias[], out_t output[]) {
#ifdef EECC_HOST_KERNELS
  if (host::conv2d<CONFIG>(input, weight, bias, output))
    return;
#endif
  typedef typename CONFIG::accum_t accum_t;
  typedef typename CONFIG::weight_t weight_t;
  typedef typename CONFIG::bias_t bias_t;
  const int filters_per_group = CONFIG::filters / CONFIG::groups;
  m: for (int m = 0; m < CONFIG::filters; ++m) {
    const int first_channel = (m / filters_per_group) * CONFIG::group_channels;
    oy: for (int oy = 0; oy < CONFIG::out_height; ++oy) {
      ox: for (int ox = 0; ox < CONFIG::out_width; ++ox) {
        accum_t sum = CONFIG::has_bias ? accum_t(weight_value<bias_t>(bias[m])) : accum_t(0);
        c: for (int c = 0; c < CONFIG::group_channels; ++c) {
          ky: for (int ky = 0; ky < CONFIG::kernel_height; ++ky) {
            const int y = oy * CONFIG::stride_height - CONFIG::pad_top + ky * CONFIG::dilation_height;
            if (y < 0 || y >= CONFIG::in_height)
              continue;
            kx: for (int kx = 0; kx < CONFIG::kernel_width; ++kx) {
EECC_PRAGMA(HLS PIPELINE II = CONFIG::pipeline_ii)
              const int x = ox * CONFIG::stride_width - CONFIG::pad_left + kx * CONFIG::dilation_width;
              if (x < 0 || x >= CONFIG::in_width)
                continue;
              sum += input[((first_channel + c) * CONFIG::in_height + y) * CONFIG::in_width + x] *
                     weight_value<weight_t>(
                         weight[((m * CONFIG::group_channels + c) * CONFIG::kernel_height + ky) *
                                    CONFIG::kernel_width + kx]);
            }
          }
        }
        output[(m * CONFIG::out_height + oy) * CONFIG::out_width + ox] = out_t(sum);
      }
    }
  }
}

} // namespace eecc_hls

#endif // EECC_CONV_H
