// eecc HLS layer library: one function template per nn op, configured by a struct of
// compile-time constants per layer (generated into eecc_top.cpp). Arrays are flat,
// row-major, NCHW, batch 1. The loop order and the arithmetic are those of eecc's
// reference interpreter (compiler/Interpreter/Kernels.cpp), so the C-simulation
// reproduces `eecc run` exactly for the same number types.
#ifndef EECC_LAYERS_H
#define EECC_LAYERS_H

#include <cmath>

#include "eecc_fixed.h"

#ifdef __SYNTHESIS__
#include <hls_stream.h>
#endif

// Vitis HLS reads the directives; g++ (C-simulation) does not see them, so -Wall
// stays quiet about unknown pragmas.
#ifdef __SYNTHESIS__
#define EECC_PRAGMA(x) _Pragma(#x)
#else
#define EECC_PRAGMA(x)
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

/// Conv: output[m][oy][ox] = bias[m] + sum over the group's channels and the kernel.
template <class CONFIG, typename in_t, typename wstore_t, typename bstore_t, typename out_t>
void conv2d(const in_t input[], const wstore_t weight[], const bstore_t bias[], out_t output[]) {
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

/// Max pooling; cells in the padding never win.
template <class CONFIG, typename in_t, typename out_t>
void max_pool2d(const in_t input[], out_t output[]) {
  for (int p = 0; p < CONFIG::channels; ++p)
    for (int oy = 0; oy < CONFIG::out_height; ++oy)
      for (int ox = 0; ox < CONFIG::out_width; ++ox) {
        bool any = false;
        in_t best = in_t(0);
        for (int ky = 0; ky < CONFIG::kernel_height; ++ky)
          for (int kx = 0; kx < CONFIG::kernel_width; ++kx) {
EECC_PRAGMA(HLS PIPELINE II = CONFIG::pipeline_ii)
            const int y = oy * CONFIG::stride_height - CONFIG::pad_top + ky * CONFIG::dilation_height;
            const int x = ox * CONFIG::stride_width - CONFIG::pad_left + kx * CONFIG::dilation_width;
            if (y < 0 || y >= CONFIG::in_height || x < 0 || x >= CONFIG::in_width)
              continue;
            const in_t value = input[(p * CONFIG::in_height + y) * CONFIG::in_width + x];
            if (!any || value > best)
              best = value;
            any = true;
          }
        output[(p * CONFIG::out_height + oy) * CONFIG::out_width + ox] = out_t(best);
      }
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
template <int CHANNELS, int AREA, int SIZE, typename in_t, typename out_t>
void lrn(const in_t input[], out_t output[], float alpha, float beta, float bias) {
  const int before = (SIZE - 1) / 2, after = SIZE - 1 - before;
  for (int c = 0; c < CHANNELS; ++c)
    for (int i = 0; i < AREA; ++i) {
      float squares = 0.0f;
      const int first = c - before > 0 ? c - before : 0;
      const int last = c + after < CHANNELS - 1 ? c + after : CHANNELS - 1;
      for (int k = first; k <= last; ++k) {
        const float v = to_float(input[k * AREA + i]);
        squares += v * v;
      }
      output[c * AREA + i] = out_t(to_float(input[c * AREA + i]) /
                                   std::pow(bias + alpha / float(SIZE) * squares, beta));
    }
}

/// Element-wise sum; the generated code passes per-dimension strides (0 = broadcast).
template <int N, int RANK, typename lhs_t, typename rhs_t, typename out_t>
void add(const lhs_t lhs[], const rhs_t rhs[], out_t output[], const int shape[],
         const int lhs_strides[], const int rhs_strides[]) {
  for (int flat = 0; flat < N; ++flat) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    int rest = flat, l = 0, r = 0;
    for (int axis = RANK - 1; axis >= 0; --axis) {
      const int index = rest % shape[axis];
      rest /= shape[axis];
      l += index * lhs_strides[axis];
      r += index * rhs_strides[axis];
    }
    output[flat] = out_t(lhs[l] + rhs[r]);
  }
}

/// Padding; `in_shape`/`out_shape` are the dims, `begin` the leading pads. MODE 0 fills
/// with `value`, 1 reflects (without repeating the border), 2 repeats the border.
template <int N, int RANK, int MODE, typename in_t, typename out_t>
void pad(const in_t input[], out_t output[], const int in_shape[], const int out_shape[],
         const int begin[], float value) {
  for (int flat = 0; flat < N; ++flat) {
    int rest = flat, source = 0, scale = 1;
    bool inside = true;
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
    output[flat] = inside ? out_t(input[source]) : out_t(value);
  }
}

/// Transpose: output dim `a` (of `out_shape[a]` elements) walks the input with stride
/// `strides[a]`.
template <int N, int RANK, typename in_t, typename out_t>
void transpose(const in_t input[], out_t output[], const int out_shape[], const int strides[]) {
  for (int flat = 0; flat < N; ++flat) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    int rest = flat, source = 0;
    for (int axis = RANK - 1; axis >= 0; --axis) {
      source += (rest % out_shape[axis]) * strides[axis];
      rest /= out_shape[axis];
    }
    output[flat] = out_t(input[source]);
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

template <int N, typename in_t, typename out_t>
void copy(const in_t input[], out_t output[]) {
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = out_t(input[i]);
  }
}

/// Softmax along the last axis of `outer` rows of `length` values, in float.
template <int OUTER, int LENGTH, int INNER, typename in_t, typename out_t>
void softmax(const in_t input[], out_t output[]) {
  for (int o = 0; o < OUTER; ++o)
    for (int i = 0; i < INNER; ++i) {
      // the LENGTH values of one softmax are INNER apart
      const int base = o * LENGTH * INNER + i;
      float largest = to_float(input[base]);
      for (int k = 1; k < LENGTH; ++k)
        largest = to_float(input[base + k * INNER]) > largest ? to_float(input[base + k * INNER])
                                                               : largest;
      float exps[LENGTH];
      float sum = 0.0f;
      for (int k = 0; k < LENGTH; ++k)
        sum += exps[k] = std::exp(to_float(input[base + k * INNER]) - largest);
      for (int k = 0; k < LENGTH; ++k)
        output[base + k * INNER] = out_t(exps[k] / sum);
    }
}

enum criterion_t { CRITERION_ENTROPY = 0, CRITERION_MAX_SOFTMAX = 1, CRITERION_MARGIN = 2 };

/// Behavioural exit decision on float logits (the reference's double-precision
/// softmax); the division-free hardware units come with fixed point.
template <int CLASSES, typename data_t>
bool exit_decision(const data_t logits[], criterion_t criterion, double threshold) {
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
    return first >= threshold;
  case CRITERION_ENTROPY:
    return entropy <= threshold;
  case CRITERION_MARGIN:
    return first - second >= threshold;
  }
  return false;
}

/// The division-free exit decision unit of fixed-point designs (eecc's reference
/// interpreter decides with the same integer arithmetic, compiler/Interpreter/ExitUnit).
/// With d_k = max logit - logit_k, index_k = floor(d_k * 2^INDEX_FRAC_BITS) (index_t
/// truncates and saturates), e_k = exp_table[index_k] (exp(-d_k) in units of 2^-16; 0
/// past the table) and S = sum e_k:
///   max-softmax  1/S >= t            <=>  2^16 * 2^16 >= t_q * S
///   margin       (1 - e_2)/S >= t    <=>  (2^16 - e_2) * 2^16 >= t_q * S
///   entropy      ln S + sum e_k d_k / S <= t
///                <=>  S * ln(S) + 2^(16 - INDEX_FRAC_BITS) * sum e_k index_k <= t_q * S
/// where ln(S) = (msb(S) - 16) * ln2_q + log_table[8 bits below the msb], all in units of
/// 2^-16, and t_q = round(t * 2^16).
template <int CLASSES, int TABLE_SIZE, int INDEX_FRAC_BITS, typename index_t, typename logit_t>
bool exit_decision_fixed(const logit_t logits[], criterion_t criterion, long long threshold_q,
                         const unsigned exp_table[], const unsigned log_table[], long long ln2_q) {
  int best = 0;
  for (int k = 1; k < CLASSES; ++k)
    if (logits[k] > logits[best])
      best = k;
  long long sum = 0, second = 0, weighted = 0;
  for (int k = 0; k < CLASSES; ++k) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    const index_t d = logits[best] - logits[k];
    const long long index = (d * (1 << INDEX_FRAC_BITS)).to_int64();
    const long long e = index < TABLE_SIZE ? (long long)exp_table[index] : 0;
    sum += e;
    weighted += e * index;
    if (k != best && e > second)
      second = e;
  }
  const long long one = 1LL << 16;
  switch (criterion) {
  case CRITERION_MAX_SOFTMAX:
    return one * one >= threshold_q * sum;
  case CRITERION_MARGIN:
    return (one - second) * one >= threshold_q * sum;
  case CRITERION_ENTROPY: {
    int msb = 16;
    for (int b = 62; b > 16; --b)
      if (msb == 16 && ((sum >> b) & 1))
        msb = b;
    const long long mantissa = (sum >> (msb - 8)) & 255;
    const long long ln_sum = (msb - 16) * ln2_q + (long long)log_table[mantissa];
    return sum * ln_sum + (weighted << (16 - INDEX_FRAC_BITS)) <= threshold_q * sum;
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

/// The abort channel of a parallel exit: the exit's decision unit writes one flag, the
/// next backbone stage (running beside it) polls it without blocking at every layer
/// boundary and abandons its remaining layers once it is raised. Under Vitis it is a
/// depth-1 hls::stream between two tasks of a DATAFLOW region (both always run: no
/// conditional tasks); in C-simulation the tasks run in order, so the stage sees the
/// decision before its first layer.
#ifdef __SYNTHESIS__
struct abort_channel {
  hls::stream<bool> flag;
  bool raised = false;
  void send(bool abort) { flag.write(abort); }
  bool poll() {
    bool value;
    if (!raised && flag.read_nb(value))
      raised = value;
    return raised;
  }
};
#else
struct abort_channel {
  bool sent = false, value = false, raised = false;
  void send(bool abort) { sent = true, value = abort; }
  bool poll() {
    if (!raised && sent)
      raised = value;
    return raised;
  }
};
#endif

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
