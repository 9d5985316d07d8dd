// eecc_host_kernels.h: the host-only fast paths of the layer library (C-simulation with
// eecc's own fixed type; never synthesized, never compiled with ap_fixed).
#ifndef EECC_HOST_KERNELS_H
#define EECC_HOST_KERNELS_H

#include "eecc_layer_common.h"
#if !defined(__SYNTHESIS__) && !defined(EECC_USE_AP_FIXED)
#include "eecc_exact16.h" // the host-only fast paths
#endif

namespace eecc_hls {

#if !defined(__SYNTHESIS__) && !defined(EECC_USE_AP_FIXED)
// ---------------------------------------------------------------------------------
// Host-only fast paths (C-simulation with eecc's own fixed type; never synthesized).
// Float conv2d: the loops reordered so that g++ vectorizes over output pixels; every
// output still receives the same terms in the same order (bias, then channel, ky, kx),
// so the results are bit-identical. In fixed point the accumulator is exact (its
// fractional bits are the input's plus the weight's, AP_WRAP): it holds the integer
// sum of raw products modulo 2^W, which integer arithmetic computes in any order:
// 16-bit layers take conv_exact16 (pairs of products in 32-bit vector lanes), dense
// layers a vectorized reduction. Other formats take the generic loops below.
// ---------------------------------------------------------------------------------
#define EECC_HOST_KERNELS 1
namespace host {

template <class T> struct is_fixed : std::false_type {};
template <int W, int I, bool S, eecc::Quant Q, eecc::Overflow O>
struct is_fixed<eecc::basic_fixed<W, I, S, Q, O>> : std::true_type {};

/// Whether the layer's arithmetic is an exact integer multiply-accumulate of raw values.
template <class CONFIG, class in_t> constexpr bool exact_integer_mac() {
  typedef typename CONFIG::accum_t accum_t;
  typedef typename CONFIG::weight_t weight_t;
  if constexpr (is_fixed<in_t>::value && is_fixed<accum_t>::value && is_fixed<weight_t>::value)
    return accum_t::frac_bits == in_t::frac_bits + weight_t::frac_bits &&
           accum_t::omode == eecc::Overflow::WRAP && accum_t::is_signed && in_t::width <= 31 &&
           weight_t::width <= 31;
  else
    return false;
}

/// ... with raw inputs and weights that are 16-bit signed integers.
template <class CONFIG, class in_t> constexpr bool narrow_integer_mac() {
  typedef typename CONFIG::weight_t weight_t;
  if constexpr (exact_integer_mac<CONFIG, in_t>())
    return in_t::width <= (in_t::is_signed ? 16 : 15) &&
           weight_t::width <= (weight_t::is_signed ? 16 : 15);
  else
    return false;
}

template <class CONFIG, class in_t, class wstore_t> constexpr bool float_mac() {
  return std::is_same_v<in_t, float> && std::is_same_v<typename CONFIG::accum_t, float> &&
         std::is_same_v<typename CONFIG::weight_t, float> && std::is_same_v<wstore_t, float>;
}

/// A stored weight's raw bits (stored as an integer, or as its fixed type).
template <class S> long long raw_of(const S &w) {
  if constexpr (std::is_integral_v<S>)
    return w;
  else
    return static_cast<long long>(w.raw());
}

/// [first, last) of the output positions whose input position o * stride - pad + k
/// lies inside [0, size).
inline void valid_range(int pad_minus_k, int stride, int size, int outputs, int &first, int &last) {
  first = pad_minus_k <= 0 ? 0 : (pad_minus_k + stride - 1) / stride;
  const int top = size - 1 + pad_minus_k;
  last = top < 0 ? 0 : top / stride + 1;
  if (last > outputs)
    last = outputs;
}

/// conv2d over whole output planes: V is the input value type (int for raw fixed
/// values, float), A the accumulator (long long, float), P the product type.
template <class CONFIG, class V, class A, class P, class in_t, class wstore_t, class bstore_t,
          class out_t, class InValue, class WeightValue, class BiasValue, class Finish>
void conv2d_planes(const in_t input[], const wstore_t weight[], const bstore_t bias[],
                   out_t output[], InValue in_value, WeightValue weight_value_of,
                   BiasValue bias_value, Finish finish) {
  const int H = CONFIG::in_height, W = CONFIG::in_width, GC = CONFIG::group_channels;
  const int OH = CONFIG::out_height, OW = CONFIG::out_width;
  const int KH = CONFIG::kernel_height, KW = CONFIG::kernel_width;
  static V plane[CONFIG::in_channels * CONFIG::in_height * CONFIG::in_width];
  static A acc[CONFIG::out_height * CONFIG::out_width];
  for (int i = 0; i < CONFIG::in_channels * H * W; ++i)
    plane[i] = in_value(input[i]);
  const int per_group = CONFIG::filters / CONFIG::groups;
  for (int m = 0; m < CONFIG::filters; ++m) {
    const int first_channel = (m / per_group) * GC;
    const A init = CONFIG::has_bias ? bias_value(bias[m]) : A(0);
    for (int i = 0; i < OH * OW; ++i)
      acc[i] = init;
    for (int c = 0; c < GC; ++c)
      for (int ky = 0; ky < KH; ++ky) {
        int oy0, oy1;
        valid_range(CONFIG::pad_top - ky * CONFIG::dilation_height, CONFIG::stride_height, H, OH,
                    oy0, oy1);
        for (int kx = 0; kx < KW; ++kx) {
          int ox0, ox1;
          valid_range(CONFIG::pad_left - kx * CONFIG::dilation_width, CONFIG::stride_width, W,
                      OW, ox0, ox1);
          const P w = static_cast<P>(weight_value_of(weight[((m * GC + c) * KH + ky) * KW + kx]));
          for (int oy = oy0; oy < oy1; ++oy) {
            const int y = oy * CONFIG::stride_height - CONFIG::pad_top + ky * CONFIG::dilation_height;
            const V *row = plane + ((first_channel + c) * H + y) * W + kx * CONFIG::dilation_width -
                           CONFIG::pad_left;
            A *out_row = acc + oy * OW;
            if (CONFIG::stride_width == 1) {
              for (int ox = ox0; ox < ox1; ++ox)
                out_row[ox] += static_cast<A>(static_cast<P>(row[ox]) * w);
            } else {
              for (int ox = ox0; ox < ox1; ++ox)
                out_row[ox] += static_cast<A>(static_cast<P>(row[ox * CONFIG::stride_width]) * w);
            }
          }
        }
      }
    for (int i = 0; i < OH * OW; ++i)
      output[m * OH * OW + i] = finish(acc[i]);
  }
}

/// The accumulator's raw value of a bias, and an output from the accumulator's raw sum,
/// for the exact integer paths.
template <class CONFIG, class bstore_t> long long exact_bias(const bstore_t &b) {
  typedef typename CONFIG::accum_t accum_t;
  return static_cast<long long>(accum_t(weight_value<typename CONFIG::bias_t>(b)).raw());
}
template <class CONFIG, class out_t> out_t exact_output(long long sum) {
  return out_t(CONFIG::accum_t::from_raw(sum));
}

/// max_pool2d of a fixed type into the same type: the raw integers compare as the
/// values do, and the winner is copied unchanged.
template <class CONFIG, typename in_t, typename out_t>
bool max_pool2d(const in_t input[], out_t output[]) {
  if constexpr (is_fixed<in_t>::value && std::is_same_v<in_t, out_t>) {
    typedef typename in_t::raw_type raw_t;
    const int H = CONFIG::in_height, W = CONFIG::in_width;
    for (int p = 0; p < CONFIG::channels; ++p)
      for (int oy = 0; oy < CONFIG::out_height; ++oy) {
        for (int ox = 0; ox < CONFIG::out_width; ++ox) {
          bool any = false;
          raw_t best = 0;
          for (int ky = 0; ky < CONFIG::kernel_height; ++ky) {
            const int y = oy * CONFIG::stride_height - CONFIG::pad_top + ky * CONFIG::dilation_height;
            if (y < 0 || y >= H)
              continue;
            const in_t *row = input + (p * H + y) * W;
            for (int kx = 0; kx < CONFIG::kernel_width; ++kx) {
              const int x = ox * CONFIG::stride_width - CONFIG::pad_left + kx * CONFIG::dilation_width;
              if (x < 0 || x >= W)
                continue;
              const raw_t value = row[x].raw();
              if (!any || value > best)
                best = value;
              any = true;
            }
          }
          output[(p * CONFIG::out_height + oy) * CONFIG::out_width + ox] = in_t::from_raw(best);
        }
      }
    return true;
  }
  return false;
}

/// True when a fast path computed the layer.
template <class CONFIG, typename in_t, typename wstore_t, typename bstore_t, typename out_t>
bool conv2d(const in_t input[], const wstore_t weight[], const bstore_t bias[], out_t output[]) {
  typedef typename CONFIG::bias_t bias_t;
  if constexpr (narrow_integer_mac<CONFIG, in_t>()) {
    const int OH = CONFIG::out_height, OW = CONFIG::out_width;
    static short in16[CONFIG::in_channels * CONFIG::in_height * CONFIG::in_width];
    static long long b64[CONFIG::filters];
    for (int i = 0; i < CONFIG::in_channels * CONFIG::in_height * CONFIG::in_width; ++i)
      in16[i] = static_cast<short>(input[i].raw());
    const short *w16 = nullptr; // the stored weights themselves when they are shorts
    if constexpr (std::is_same_v<wstore_t, short>) {
      w16 = weight;
    } else {
      static short copy[CONFIG::filters * CONFIG::group_channels * CONFIG::kernel_height *
                        CONFIG::kernel_width];
      for (int i = 0; i < CONFIG::filters * CONFIG::group_channels * CONFIG::kernel_height *
                              CONFIG::kernel_width; ++i)
        copy[i] = static_cast<short>(raw_of(weight[i]));
      w16 = copy;
    }
    for (int m = 0; m < CONFIG::filters; ++m)
      b64[m] = CONFIG::has_bias ? exact_bias<CONFIG>(bias[m]) : 0;
    const eecc_exact16::conv_geometry g = {CONFIG::in_channels,    CONFIG::in_height,       CONFIG::in_width,
                             CONFIG::filters,        CONFIG::groups,          CONFIG::group_channels,
                             CONFIG::kernel_height,  CONFIG::kernel_width,    CONFIG::stride_height,
                             CONFIG::stride_width,   CONFIG::pad_top,         CONFIG::pad_left,
                             CONFIG::dilation_height, CONFIG::dilation_width, OH,
                             OW};
    const eecc_exact16::exact_sums sums = eecc_exact16::conv_exact16(g, in16, w16, b64);
    for (int m = 0; m < CONFIG::filters; ++m)
      for (int oy = 0; oy < OH; ++oy)
        for (int ox = 0; ox < OW; ++ox)
          output[(m * OH + oy) * OW + ox] = exact_output<CONFIG, out_t>(sums.at(m, oy, ox));
    return true;
  } else if constexpr (exact_integer_mac<CONFIG, in_t>()) {
    // Products fit 32 bits when both widths add up to at most 32.
    typedef std::conditional_t<in_t::width + CONFIG::weight_t::width <= 32, int, long long> P;
    conv2d_planes<CONFIG, int, long long, P>(
        input, weight, bias, output, [](const in_t &x) { return static_cast<int>(x.raw()); },
        [](const wstore_t &w) { return raw_of(w); },
        [](const bstore_t &b) { return exact_bias<CONFIG>(b); },
        [](long long a) { return exact_output<CONFIG, out_t>(a); });
    return true;
  } else if constexpr (float_mac<CONFIG, in_t, wstore_t>()) {
    conv2d_planes<CONFIG, float, float, float>(
        input, weight, bias, output, [](float x) { return x; }, [](float w) { return w; },
        [](const bstore_t &b) { return static_cast<float>(weight_value<bias_t>(b)); },
        [](float a) { return out_t(a); });
    return true;
  }
  return false;
}

/// dense in fixed point: the exact integer reduction, vectorized.
template <class CONFIG, typename in_t, typename wstore_t, typename bstore_t, typename out_t>
bool dense(const in_t input[], const wstore_t weight[], const bstore_t bias[], out_t output[]) {
  if constexpr (exact_integer_mac<CONFIG, in_t>() && std::is_integral_v<wstore_t>) {
    static int row[CONFIG::features];
    for (int n = 0; n < CONFIG::rows; ++n) {
      for (int k = 0; k < CONFIG::features; ++k)
        row[k] = static_cast<int>(input[n * CONFIG::features + k].raw());
      for (int m = 0; m < CONFIG::units; ++m) {
        long long sum = CONFIG::has_bias ? exact_bias<CONFIG>(bias[m]) : 0;
        const wstore_t *w = weight + m * CONFIG::features;
        for (int k = 0; k < CONFIG::features; ++k)
          sum += static_cast<long long>(row[k]) * static_cast<long long>(w[k]);
        output[n * CONFIG::units + m] = exact_output<CONFIG, out_t>(sum);
      }
    }
    return true;
  }
  return false;
}

} // namespace host
#endif

} // namespace eecc_hls

#endif // EECC_HOST_KERNELS_H
