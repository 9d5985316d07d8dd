// eecc_dense.h: dense (fully connected): the loops n, m, k.
// Part of the eecc HLS layer library (eecc_layers.h includes every part).
#ifndef EECC_DENSE_H
#define EECC_DENSE_H

#include "eecc_layer_common.h"
#include "eecc_host_kernels.h"

namespace eecc_hls {

/// Dense: output[n][m] = bias[m] + sum_k input[n][k] * weight[m][k], for each of the
/// `rows` rows (1 for a network's sample; more when the leading dimension is data).
template <class CONFIG, typename in_t, typename wstore_t, typename bstore_t, typename out_t>
void dense(const in_t input[], const wstore_t weight[], const bstore_t bias[], out_t output[]) {
#ifdef EECC_HOST_KERNELS
  if (host::dense<CONFIG>(input, weight, bias, output))
    return;
#endif
  typedef typename CONFIG::accum_t accum_t;
  typedef typename CONFIG::weight_t weight_t;
  typedef typename CONFIG::bias_t bias_t;
  n: for (int n = 0; n < CONFIG::rows; ++n)
    m: for (int m = 0; m < CONFIG::units; ++m) {
      accum_t sum = CONFIG::has_bias ? accum_t(weight_value<bias_t>(bias[m])) : accum_t(0);
      k: for (int k = 0; k < CONFIG::features; ++k) {
EECC_PRAGMA(HLS PIPELINE II = CONFIG::pipeline_ii)
        sum += input[n * CONFIG::features + k] *
               weight_value<weight_t>(weight[m * CONFIG::features + k]);
      }
      output[n * CONFIG::units + m] = out_t(sum);
    }
}

} // namespace eecc_hls

#endif // EECC_DENSE_H
