// eecc HLS layer library: one function template per nn op, configured by a struct of
// compile-time constants per layer (generated into eecc_top.cpp). Arrays are flat,
// row-major, NCHW, batch 1. The loop order and the arithmetic are those of eecc's
// reference interpreter (compiler/Interpreter/Kernels.cpp), so the C-simulation
// reproduces `eecc run` exactly for the same number types.
#ifndef EECC_LAYERS_H
#define EECC_LAYERS_H

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "eecc_fixed.h"

#ifdef __SYNTHESIS__
#include <hls_stream.h>
#else
#include <cstdio>  // the C-simulation's abort channel reports a broken protocol
#include <cstdlib>
#endif
#if !defined(__SYNTHESIS__) && !defined(EECC_USE_AP_FIXED)
#include "eecc_exact16.h" // the host-only fast paths
#endif

// Vitis HLS reads the directives; g++ (C-simulation) does not see them, so -Wall
// stays quiet about unknown pragmas.
#ifdef __SYNTHESIS__
#define EECC_PRAGMA(x) _Pragma(#x)
#else
#define EECC_PRAGMA(x)
#endif

// The channels of a DATAFLOW region are its local arrays (one producer, one consumer);
// the C-simulation keeps them static (a feature map would overflow the stack).
#ifdef __SYNTHESIS__
#define EECC_CHANNEL
#else
#define EECC_CHANNEL static
#endif

namespace eecc_hls {

/// A weight as its layer's weight type: float weights are stored as floats; fixed-point
/// weights as the integers of their raw bits (compact headers that compile fast).
template <class T> inline T weight_value(float w) { return w; }
template <class T> inline T weight_value(const T &w) { return w; }
template <class T> inline T weight_value(long long raw) { return eecc::fixed_from_raw<T>(raw); }
template <class T> inline T weight_value(int raw) { return eecc::fixed_from_raw<T>(raw); }
template <class T> inline T weight_value(short raw) { return eecc::fixed_from_raw<T>(raw); }
template <class T> inline T weight_value(signed char raw) { return eecc::fixed_from_raw<T>(raw); }

/// The float value of a number: float itself, or a fixed type's to_float().
inline float to_float(float x) { return x; }
template <typename T> float to_float(const T &x) { return x.to_float(); }


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
  for (int m = 0; m < CONFIG::filters; ++m) {
    const int first_channel = (m / filters_per_group) * CONFIG::group_channels;
    for (int oy = 0; oy < CONFIG::out_height; ++oy) {
      for (int ox = 0; ox < CONFIG::out_width; ++ox) {
        accum_t sum = CONFIG::has_bias ? accum_t(weight_value<bias_t>(bias[m])) : accum_t(0);
        for (int c = 0; c < CONFIG::group_channels; ++c) {
          for (int ky = 0; ky < CONFIG::kernel_height; ++ky) {
            const int y = oy * CONFIG::stride_height - CONFIG::pad_top + ky * CONFIG::dilation_height;
            if (y < 0 || y >= CONFIG::in_height)
              continue;
            for (int kx = 0; kx < CONFIG::kernel_width; ++kx) {
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
  for (int n = 0; n < CONFIG::rows; ++n)
    for (int m = 0; m < CONFIG::units; ++m) {
      accum_t sum = CONFIG::has_bias ? accum_t(weight_value<bias_t>(bias[m])) : accum_t(0);
      for (int k = 0; k < CONFIG::features; ++k) {
EECC_PRAGMA(HLS PIPELINE II = CONFIG::pipeline_ii)
        sum += input[n * CONFIG::features + k] *
               weight_value<weight_t>(weight[m * CONFIG::features + k]);
      }
      output[n * CONFIG::units + m] = out_t(sum);
    }
}

/// The largest input of one max-pooling window (`load(i)`: input i as in_t); cells in
/// the padding never win.
template <class CONFIG, typename in_t, class Load>
in_t window_max(Load load, int p, int oy, int ox) {
  bool any = false;
  in_t best = in_t(0);
  for (int ky = 0; ky < CONFIG::kernel_height; ++ky)
    for (int kx = 0; kx < CONFIG::kernel_width; ++kx) {
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
  for (int p = 0; p < CONFIG::channels; ++p)
    for (int oy = 0; oy < CONFIG::out_height; ++oy)
      for (int ox = 0; ox < CONFIG::out_width; ++ox)
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
  for (int p = 0; p < CONFIG::channels; ++p)
    for (int oy = 0; oy < CONFIG::out_height; ++oy)
      for (int ox = 0; ox < CONFIG::out_width; ++ox) {
        accum_t sum = accum_t(0);
        int count = 0;
        for (int ky = 0; ky < CONFIG::kernel_height; ++ky)
          for (int kx = 0; kx < CONFIG::kernel_width; ++kx) {
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
  for (int p = 0; p < CONFIG::channels; ++p) {
    accum_t sum = accum_t(0);
    for (int i = 0; i < CONFIG::area; ++i) {
EECC_PRAGMA(HLS PIPELINE II = CONFIG::pipeline_ii)
      sum += input[p * CONFIG::area + i];
    }
    output[p] = mean_of<out_t>(sum, CONFIG::area, reciprocal[0]);
  }
}

template <int N, typename in_t, typename out_t>
void relu(const in_t input[], out_t output[]) {
#ifdef EECC_HOST_KERNELS
  if constexpr (host::is_fixed<in_t>::value && std::is_same_v<in_t, out_t>) {
    // The raw values compare as the values do; a copy needs no conversion (vectorizes).
    for (int i = 0; i < N; ++i) {
      const auto raw = input[i].raw();
      output[i] = in_t::from_raw(raw < 0 ? 0 : raw);
    }
    return;
  }
#endif
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = input[i] < in_t(0) ? out_t(0) : out_t(input[i]);
  }
}

/// The negative side is scaled in float (a float multiplier in fixed-point designs).
template <int N, typename in_t, typename out_t>
void leaky_relu(const in_t input[], out_t output[], float alpha) {
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = input[i] >= in_t(0) ? out_t(input[i]) : out_t(alpha * to_float(input[i]));
  }
}

/// The bounds are constants of the input's type (the emitter passes them clamped to its
/// range, so they convert exactly).
template <int N, typename in_t, typename out_t>
void clip(const in_t input[], out_t output[], double low, double high) {
  const in_t lo = in_t(low), hi = in_t(high);
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    const in_t v = input[i];
    output[i] = out_t(v < lo ? lo : v > hi ? hi : v);
  }
}

/// Inference batch normalization over dimension 1 (`inner` cells per channel), in float
/// with float parameters (the ones nn-fold-batch-norm could not fold into a conv/dense).
template <int N, int CHANNELS, int INNER, typename in_t, typename out_t>
void batch_norm(const in_t input[], const float scale[], const float bias[],
                const float mean[], const float variance[], float epsilon, out_t output[]) {
  for (int i = 0; i < N; ++i) {
    const int c = (i / INNER) % CHANNELS;
    output[i] = out_t(scale[c] * (to_float(input[i]) - mean[c]) /
                          std::sqrt(variance[c] + epsilon) +
                      bias[c]);
  }
}

/// Local response normalization across channels.
/// Computed in float (a float datapath in fixed-point designs).
/// One output of local response normalization across channels, in float
/// (`load(k)`: input k as a float).
template <int CHANNELS, int AREA, int SIZE, class Load>
float lrn_value(Load load, int c, int i, float alpha, float beta, float bias) {
  const int before = (SIZE - 1) / 2, after = SIZE - 1 - before;
  float squares = 0.0f;
  const int first = c - before > 0 ? c - before : 0;
  const int last = c + after < CHANNELS - 1 ? c + after : CHANNELS - 1;
  for (int k = first; k <= last; ++k) {
    const float v = load(k * AREA + i);
    squares += v * v;
  }
  return load(c * AREA + i) / std::pow(bias + alpha / float(SIZE) * squares, beta);
}

template <int CHANNELS, int AREA, int SIZE, typename in_t, typename out_t>
void lrn(const in_t input[], out_t output[], float alpha, float beta, float bias) {
  for (int c = 0; c < CHANNELS; ++c)
    for (int i = 0; i < AREA; ++i)
      output[c * AREA + i] = out_t(lrn_value<CHANNELS, AREA, SIZE>(
          [&](int k) { return to_float(input[k]); }, c, i, alpha, beta, bias));
}

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
  for (int flat = 0; flat < N; ++flat) {
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

/// The raw bits of a fixed-point value, sign-extended.
template <class T> long long raw_bits(const T &x) {
#if defined(__SYNTHESIS__) || defined(EECC_USE_AP_FIXED)
  ap_int<T::width> bits;
  bits.range(T::width - 1, 0) = x.range(T::width - 1, 0);
  return bits.to_int64();
#else
  return static_cast<long long>(x.raw());
#endif
}

/// The entry of an activation table that a raw input reads: (raw >> SHIFT) - FIRST,
/// clamped to the table (see compiler/Interpreter/FixedKernels.h, ActivationTable).
template <int SHIFT, long long FIRST, int ENTRIES> int table_index(long long raw) {
  const long long j = (raw >> SHIFT) - FIRST;
  return j < 0 ? 0 : j > ENTRIES - 1 ? ENTRIES - 1 : static_cast<int>(j);
}

/// A fixed-point activation (sigmoid, tanh) read from its ROM: one lookup per element,
/// no arithmetic but the index's shift and clamp.
template <int N, int SHIFT, long long FIRST, int ENTRIES, typename in_t, typename out_t>
void table_activation(const in_t input[], out_t output[], const out_t table[]) {
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = table[table_index<SHIFT, FIRST, ENTRIES>(raw_bits(input[i]))];
  }
}

/// Sigmoid and tanh of float designs (the reference interpreter's float expressions).
template <int N, typename in_t, typename out_t>
void sigmoid(const in_t input[], out_t output[]) {
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = out_t(1.0f / (1.0f + std::exp(-to_float(input[i]))));
  }
}
template <int N, typename in_t, typename out_t>
void tanh(const in_t input[], out_t output[]) {
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = out_t(std::tanh(to_float(input[i])));
  }
}

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
  for (int flat = 0; flat < N; ++flat) {
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
  for (int flat = 0; flat < N; ++flat) {
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
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = out_t(input[i]);
  }
}

/// The largest of the LENGTH values of one softmax row (INNER apart from `base`), in float.
template <int LENGTH, int INNER, typename in_t> float row_max(const in_t input[], int base) {
  float largest = to_float(input[base]);
  for (int k = 1; k < LENGTH; ++k)
    largest = to_float(input[base + k * INNER]) > largest ? to_float(input[base + k * INNER])
                                                           : largest;
  return largest;
}

/// Softmax along the last axis of `outer` rows of `length` values, in float.
template <int OUTER, int LENGTH, int INNER, typename in_t, typename out_t>
void softmax(const in_t input[], out_t output[]) {
  for (int o = 0; o < OUTER; ++o)
    for (int i = 0; i < INNER; ++i) {
      // the LENGTH values of one softmax are INNER apart
      const int base = o * LENGTH * INNER + i;
      const float largest = row_max<LENGTH, INNER>(input, base);
      float exps[LENGTH];
      float sum = 0.0f;
      for (int k = 0; k < LENGTH; ++k)
        sum += exps[k] = std::exp(to_float(input[base + k * INNER]) - largest);
      for (int k = 0; k < LENGTH; ++k)
        output[base + k * INNER] = out_t(exps[k] / sum);
    }
}

/// Log-softmax along the last axis of `outer` rows of `length` values, in float.
template <int OUTER, int LENGTH, int INNER, typename in_t, typename out_t>
void log_softmax(const in_t input[], out_t output[]) {
  for (int o = 0; o < OUTER; ++o)
    for (int i = 0; i < INNER; ++i) {
      const int base = o * LENGTH * INNER + i;
      const float largest = row_max<LENGTH, INNER>(input, base);
      float sum = 0.0f;
      for (int k = 0; k < LENGTH; ++k)
        sum += std::exp(to_float(input[base + k * INNER]) - largest);
      const float log_sum = std::log(sum);
      for (int k = 0; k < LENGTH; ++k)
        output[base + k * INNER] = out_t(to_float(input[base + k * INNER]) - largest - log_sum);
    }
}

enum criterion_t { CRITERION_ENTROPY = 0, CRITERION_MAX_SOFTMAX = 1, CRITERION_MARGIN = 2 };

/// Behavioural exit decision on float logits (the reference's double-precision
/// softmax); the division-free hardware units come with fixed point.
template <int CLASSES, typename data_t>
bool exit_decision(const data_t logits[], criterion_t criterion, double threshold,
                   bool strict = false) {
  double largest = double(logits[0]);
  for (int k = 1; k < CLASSES; ++k)
    largest = double(logits[k]) > largest ? double(logits[k]) : largest;
  double p[CLASSES];
  double sum = 0.0;
  for (int k = 0; k < CLASSES; ++k)
    sum += p[k] = std::exp(double(logits[k]) - largest);
  double first = 0.0, second = 0.0, entropy = 0.0;
  for (int k = 0; k < CLASSES; ++k) {
    p[k] /= sum;
    if (p[k] > first) {
      second = first;
      first = p[k];
    } else if (p[k] > second) {
      second = p[k];
    }
    if (p[k] != p[k])
      return false; // NaN logits are never confident
    if (p[k] > 0.0)
      entropy -= p[k] * std::log(p[k]);
  }
  switch (criterion) {
  case CRITERION_MAX_SOFTMAX:
    return strict ? first > threshold : first >= threshold;
  case CRITERION_ENTROPY:
    return strict ? entropy < threshold : entropy <= threshold;
  case CRITERION_MARGIN:
    return strict ? first - second > threshold : first - second >= threshold;
  }
  return false;
}

/// The division-free exit decision unit of fixed-point designs (eecc's reference
/// interpreter decides with the same integer arithmetic, compiler/Interpreter/ExitUnit.h,
/// which also states its error against the exact softmax). With d_k = max logit -
/// logit_k, index_k = round(d_k * 2^INDEX_FRAC_BITS) (index_t rounds and saturates),
/// e_k = exp(-d_k) in units of 2^-ONE_BITS as the product of a coarse and a fine table
/// entry (0 for d_k >= COARSE_SIZE / 2^(INDEX_FRAC_BITS - FINE_BITS)), S = sum e_k, and
/// t_q = round(t * 2^ONE_BITS):
///   max-softmax  1/S >= t            <=>  2^ONE_BITS * 2^ONE_BITS >= t_q * S
///   margin       (1 - e_2)/S >= t    <=>  (2^ONE_BITS - e_2) * 2^ONE_BITS >= t_q * S
///   entropy      ln S + sum e_k d_k / S <= t
///                <=>  S * ln(S) + 2^(ONE_BITS - INDEX_FRAC_BITS) * sum e_k index_k <= t_q * S
/// where ln(S) = (msb(S) - ONE_BITS) * ln2_q + ln(1 + f) (f: the ONE_BITS bits below the
/// msb; log_table[m] = ln(1 + m / 2^LOG_BITS), interpolated linearly in the rest of f).
/// `strict` (an ONNX Greater/Less exit) compares with > and <.
template <int CLASSES, int INDEX_FRAC_BITS, int FINE_BITS, int COARSE_SIZE, int ONE_BITS,
          int LOG_BITS, typename index_t, typename logit_t>
bool exit_decision_fixed(const logit_t logits[], criterion_t criterion, long long threshold_q,
                         const unsigned exp_coarse[], const unsigned exp_fine[],
                         const unsigned log_table[], long long ln2_q, bool strict = false) {
  const long long index_limit = (long long)COARSE_SIZE << FINE_BITS;
  int best = 0;
  for (int k = 1; k < CLASSES; ++k)
    if (logits[k] > logits[best])
      best = k;
  long long sum = 0, second = 0, weighted = 0;
  for (int k = 0; k < CLASSES; ++k) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    const index_t d = logits[best] - logits[k];
    const long long index = (d * (1 << INDEX_FRAC_BITS)).to_int64();
    const long long e =
        index < index_limit
            ? ((long long)exp_coarse[index >> FINE_BITS] *
                   (long long)exp_fine[index & ((1 << FINE_BITS) - 1)] +
               (1LL << (ONE_BITS - 1))) >> ONE_BITS
            : 0;
    sum += e;
    weighted += index < index_limit ? e * index : 0;
    if (k != best && e > second)
      second = e;
  }
  const long long one = 1LL << ONE_BITS;
  switch (criterion) {
  case CRITERION_MAX_SOFTMAX:
    return strict ? one * one > threshold_q * sum : one * one >= threshold_q * sum;
  case CRITERION_MARGIN:
    return strict ? (one - second) * one > threshold_q * sum
                  : (one - second) * one >= threshold_q * sum;
  case CRITERION_ENTROPY: {
    int msb = ONE_BITS; // S >= 2^ONE_BITS: e_best is exactly one
    for (int b = 62; b > ONE_BITS; --b)
      if (msb == ONE_BITS && ((sum >> b) & 1))
        msb = b;
    const long long f = (sum - (1LL << msb)) >> (msb - ONE_BITS);
    const int rest = ONE_BITS - LOG_BITS;
    const long long m = f >> rest, r = f & ((1LL << rest) - 1);
    const long long low = log_table[m], high = log_table[m + 1];
    const long long ln_mantissa = low + (((high - low) * r + (1LL << (rest - 1))) >> rest);
    const long long ln_sum = (msb - ONE_BITS) * ln2_q + ln_mantissa;
    const long long entropy_q = sum * ln_sum + (weighted << (ONE_BITS - INDEX_FRAC_BITS));
    return strict ? entropy_q < threshold_q * sum : entropy_q <= threshold_q * sum;
  }
  }
  return false;
}

/// Index of the largest logit (first one on ties).
template <int CLASSES, typename data_t>
int argmax(const data_t logits[]) {
  int best = 0;
  for (int k = 1; k < CLASSES; ++k)
    if (logits[k] > logits[best])
      best = k;
  return best;
}

/// The abort channel of a parallel exit: the exit's decision unit writes exactly one
/// token per sample (true: the exit is taken); the next backbone stage, running beside it
/// in a DATAFLOW region, polls it without blocking before every layer and abandons its
/// remaining layers once a true token arrives; a stage that reaches its end without
/// having read the token reads it then (blocking), so no token is ever left in the FIFO to
/// abort the next sample's stage. Under Vitis it is a local depth-2 hls::stream between
/// the two tasks (both always run: no conditional tasks); the stage's polling state is in
/// two plain locals of the stage.
#ifdef __SYNTHESIS__
typedef hls::stream<bool> abort_stream;
#else
/// C-simulation's model of that FIFO. The tasks of a DATAFLOW region run in call order
/// (the exit's first), so one place suffices; it checks the protocol on every sample:
/// one token written and one read, never a read of an empty channel (a deadlock on the
/// board), or the simulation stops with a message. Built with
/// -DEECC_CSIM_LATE_DECISIONS, it models the other order of the hardware race: the
/// decision arrives after the stage's last poll (no poll sees it; only the stage's final
/// blocking read does), so a stage that would leave the token unread is caught too.
class abort_stream {
public:
  abort_stream() = default;
  abort_stream(const abort_stream &) = delete;
  abort_stream &operator=(const abort_stream &) = delete;
  ~abort_stream() {
    if (writes != 1 || reads != 1)
      fail("a sample ended without exactly one decision token written and read");
  }
  void write(bool value) {
    if (full)
      fail("a second decision token was written before the first was read");
    full = true;
    token = value;
    ++writes;
  }
  bool read_nb(bool &value) {
#ifdef EECC_CSIM_LATE_DECISIONS
    (void)value;
    return false;
#endif
    if (!full)
      return false;
    full = false;
    value = token;
    ++reads;
    return true;
  }
  bool read() {
    if (!full)
      fail("the stage read the decision before the exit wrote it (a deadlock on the board)");
    full = false;
    ++reads;
    return token;
  }

private:
  static void fail(const char *what) {
    std::fprintf(stderr, "eecc C-simulation: abort channel: %s\n", what);
    std::abort();
  }
  bool full = false, token = false;
  int writes = 0, reads = 0;
};
#endif

/// The stage's poll before a layer: reads the token if it has come (once), and says
/// whether the exit was taken.
inline bool abort_poll(abort_stream &abort, bool &received, bool &raised) {
  bool value = false;
  if (!received && abort.read_nb(value)) {
    received = true;
    raised = value;
  }
  return raised;
}

/// The stage's end: the token is read exactly once per sample.
inline void abort_drain(abort_stream &abort, bool &received) {
  if (!received) {
    (void)abort.read();
    received = true;
  }
}

/// Two copies of a buffer, for two tasks of a DATAFLOW region that both read it (each
/// channel has one producer and one consumer).
template <int N, typename T>
void fork(const T input[], T first[], T second[]) {
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    first[i] = input[i];
    second[i] = input[i];
  }
}

} // namespace eecc_hls

#endif // EECC_LAYERS_H
