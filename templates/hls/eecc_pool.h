// eecc_pool.h: pooling: max, average and global average.
// Part of the eecc HLS layer library (eecc_layers.h includes every part).
#ifndef EECC_POOL_H
#define EECC_POOL_H

#include "eecc_layer_common.h"
#include "eecc_host_kernels.h"

namespace eecc_hls {

/// The largest input of one max-pooling window (`load(i)`: input i as in_t); cells in
/// the padding never win.
template <class CONFIG, typename in_t, class Load>
in_t window_max(Load load, int p, int oy, int ox) {
  bool any = false;
  in_t best = in_t(0);
  ky: for (int ky = 0; ky < CONFIG::kernel_height; ++ky)
    kx: for (int kx = 0; kx < CONFIG::kernel_width; ++kx) {
EECC_PRAGMA(HLS PIPELINE II = CONFIG::pipeline_ii)
      const int y = oy * CONFIG::stride_height - CONFIG::pad_top + ky * CONFIG::dilation_height;
      const int x = ox * CONFIG::stride_width - CONFIG::pad_left + kx * CONFIG::dilation_width;
      if (y < 0 || y >= CONFIG::in_height || x < 0 || x >= CONFIG::in_width)
        continue;
      const in_t value = load((p * CONFIG::in_height + y) * CONFIG::in_width + x);
      if (!any || value > best)
        best = value;
      any = true;
    }
  return best;
}

/// Max pooling; cells in the padding never win.
template <class CONFIG, typename in_t, typename out_t>
void max_pool2d(const in_t input[], out_t output[]) {
#ifdef EECC_HOST_KERNELS
  if (host::max_pool2d<CONFIG>(input, output))
    return;
#endif
  p: for (int p = 0; p < CONFIG::channels; ++p)
    oy: for (int oy = 0; oy < CONFIG::out_height; ++oy)
      ox: for (int ox = 0; ox < CONFIG::out_width; ++ox)
        output[(p * CONFIG::out_height + oy) * CONFIG::out_width + ox] = out_t(
            window_max<CONFIG, in_t>([&](int i) { return input[i]; }, p, oy, ox));
}

/// sum / divisor: a division in float; in fixed point a multiplication by the
/// reciprocal of the divisor, a constant of CONFIG::recip_t (no divider in hardware).
template <class out_t, class accum_t, class recip_t>
out_t mean_of(const accum_t &sum, int /*divisor*/, const recip_t &reciprocal) {
  return out_t(sum * reciprocal);
}
template <class out_t> out_t mean_of(float sum, int divisor, float) {
  return out_t(sum / float(divisor));
}

/// Average pooling; with count_include_pad the divisor includes padding cells (but
/// not cells beyond the end padding), otherwise only the cells inside the input.
/// reciprocal[d] = 1/d for every divisor d the windows can have.
template <class CONFIG, typename in_t, typename out_t>
void avg_pool2d(const in_t input[], out_t output[], const typename CONFIG::recip_t reciprocal[]) {
  typedef typename CONFIG::accum_t accum_t;
  p: for (int p = 0; p < CONFIG::channels; ++p)
    oy: for (int oy = 0; oy < CONFIG::out_height; ++oy)
      ox: for (int ox = 0; ox < CONFIG::out_width; ++ox) {
        accum_t sum = accum_t(0);
        int count = 0;
        ky: for (int ky = 0; ky < CONFIG::kernel_height; ++ky)
          kx: for (int kx = 0; kx < CONFIG::kernel_width; ++kx) {
EECC_PRAGMA(HLS PIPELINE II = CONFIG::pipeline_ii)
            const int y = oy * CONFIG::stride_height - CONFIG::pad_top + ky;
            const int x = ox * CONFIG::stride_width - CONFIG::pad_left + kx;
            if (y < 0 || y >= CONFIG::in_height || x < 0 || x >= CONFIG::in_width)
              continue;
            sum += input[(p * CONFIG::in_height + y) * CONFIG::in_width + x];
            ++count;
          }
        int divisor = count;
        if (CONFIG::count_include_pad) {
          const int y0 = oy * CONFIG::stride_height - CONFIG::pad_top;
          const int x0 = ox * CONFIG::stride_width - CONFIG::pad_left;
          const int y1 = y0 + CONFIG::kernel_height < CONFIG::in_height + CONFIG::pad_bottom
                             ? y0 + CONFIG::kernel_height
                             : CONFIG::in_height + CONFIG::pad_bottom;
          const int x1 = x0 + CONFIG::kernel_width < CONFIG::in_width + CONFIG::pad_right
                             ? x0 + CONFIG::kernel_width
                             : CONFIG::in_width + CONFIG::pad_right;
          divisor = (y1 - y0) * (x1 - x0);
        }
        output[(p * CONFIG::out_height + oy) * CONFIG::out_width + ox] =
            divisor ? mean_of<out_t>(sum, divisor, reciprocal[divisor]) : out_t(0);
      }
}

/// Mean of each channel plane; reciprocal[0] = 1/area.
template <class CONFIG, typename in_t, typename out_t>
void global_avg_pool(const in_t input[], out_t output[],
                     const typename CONFIG::recip_t reciprocal[]) {
  typedef typename CONFIG::accum_t accum_t;
  p: for (int p = 0; p < CONFIG::channels; ++p) {
    accum_t sum = accum_t(0);
    i: for (int i = 0; i < CONFIG::area; ++i) {
EECC_PRAGMA(HLS PIPELINE II = CONFIG::pipeline_ii)
      sum += input[p * CONFIG::area + i];
    }
    output[p] = mean_of<out_t>(sum, CONFIG::area, reciprocal[0]);
  }
}

} // namespace eecc_hls

#endif // EECC_POOL_H
