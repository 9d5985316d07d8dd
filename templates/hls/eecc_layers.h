// eecc HLS layer library: one function template per nn op, configured by a struct of
// compile-time constants per layer (generated into eecc_top.cpp). Arrays are flat,
// row-major, NCHW, batch 1. The loop order and the arithmetic are those of eecc's
// reference interpreter (compiler/Interpreter/Kernels.cpp), so the C-simulation
// reproduces `eecc run` exactly for the same number types.
#ifndef EECC_LAYERS_H
#define EECC_LAYERS_H

#include <cmath>

// Vitis HLS reads the directives; g++ (C-simulation) does not see them, so -Wall
// stays quiet about unknown pragmas.
#ifdef __SYNTHESIS__
#define EECC_PRAGMA(x) _Pragma(#x)
#else
#define EECC_PRAGMA(x)
#endif

namespace eecc_hls {

/// Conv: output[m][oy][ox] = bias[m] + sum over the group's channels and the kernel.
template <class CONFIG, typename data_t, typename weight_t>
void conv2d(const data_t input[], const weight_t weight[], const weight_t bias[],
            data_t output[]) {
  typedef typename CONFIG::accum_t accum_t;
  const int filters_per_group = CONFIG::filters / CONFIG::groups;
  for (int m = 0; m < CONFIG::filters; ++m) {
    const int first_channel = (m / filters_per_group) * CONFIG::group_channels;
    for (int oy = 0; oy < CONFIG::out_height; ++oy) {
      for (int ox = 0; ox < CONFIG::out_width; ++ox) {
        accum_t sum = CONFIG::has_bias ? accum_t(bias[m]) : accum_t(0);
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
                     weight[((m * CONFIG::group_channels + c) * CONFIG::kernel_height + ky) *
                                CONFIG::kernel_width + kx];
            }
          }
        }
        output[(m * CONFIG::out_height + oy) * CONFIG::out_width + ox] = data_t(sum);
      }
    }
  }
}

/// Dense: output[m] = bias[m] + sum_k input[k] * weight[m][k].
template <class CONFIG, typename data_t, typename weight_t>
void dense(const data_t input[], const weight_t weight[], const weight_t bias[], data_t output[]) {
  typedef typename CONFIG::accum_t accum_t;
  for (int m = 0; m < CONFIG::units; ++m) {
    accum_t sum = CONFIG::has_bias ? accum_t(bias[m]) : accum_t(0);
    for (int k = 0; k < CONFIG::features; ++k) {
EECC_PRAGMA(HLS PIPELINE II = CONFIG::pipeline_ii)
      sum += input[k] * weight[m * CONFIG::features + k];
    }
    output[m] = data_t(sum);
  }
}

/// Max pooling; cells in the padding never win.
template <class CONFIG, typename data_t>
void max_pool2d(const data_t input[], data_t output[]) {
  for (int p = 0; p < CONFIG::channels; ++p)
    for (int oy = 0; oy < CONFIG::out_height; ++oy)
      for (int ox = 0; ox < CONFIG::out_width; ++ox) {
        bool any = false;
        data_t best = data_t(0);
        for (int ky = 0; ky < CONFIG::kernel_height; ++ky)
          for (int kx = 0; kx < CONFIG::kernel_width; ++kx) {
EECC_PRAGMA(HLS PIPELINE II = CONFIG::pipeline_ii)
            const int y = oy * CONFIG::stride_height - CONFIG::pad_top + ky * CONFIG::dilation_height;
            const int x = ox * CONFIG::stride_width - CONFIG::pad_left + kx * CONFIG::dilation_width;
            if (y < 0 || y >= CONFIG::in_height || x < 0 || x >= CONFIG::in_width)
              continue;
            const data_t value = input[(p * CONFIG::in_height + y) * CONFIG::in_width + x];
            if (!any || value > best)
              best = value;
            any = true;
          }
        output[(p * CONFIG::out_height + oy) * CONFIG::out_width + ox] = best;
      }
}

/// Average pooling; with count_include_pad the divisor includes padding cells (but
/// not cells beyond the end padding), otherwise only the cells inside the input.
template <class CONFIG, typename data_t>
void avg_pool2d(const data_t input[], data_t output[]) {
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
            divisor ? data_t(sum / accum_t(divisor)) : data_t(0);
      }
}

/// Mean of each channel plane.
template <class CONFIG, typename data_t>
void global_avg_pool(const data_t input[], data_t output[]) {
  typedef typename CONFIG::accum_t accum_t;
  for (int p = 0; p < CONFIG::channels; ++p) {
    accum_t sum = accum_t(0);
    for (int i = 0; i < CONFIG::area; ++i) {
EECC_PRAGMA(HLS PIPELINE II = CONFIG::pipeline_ii)
      sum += input[p * CONFIG::area + i];
    }
    output[p] = data_t(sum / accum_t(CONFIG::area));
  }
}

template <int N, typename data_t>
void relu(const data_t input[], data_t output[]) {
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = input[i] < data_t(0) ? data_t(0) : input[i];
  }
}

template <int N, typename data_t>
void leaky_relu(const data_t input[], data_t output[], float alpha) {
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = input[i] >= data_t(0) ? input[i] : data_t(alpha * input[i]);
  }
}

template <int N, typename data_t>
void clip(const data_t input[], data_t output[], float low, float high) {
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    const data_t v = input[i];
    output[i] = v < data_t(low) ? data_t(low) : v > data_t(high) ? data_t(high) : v;
  }
}

/// Inference batch normalization over dimension 1 (`inner` cells per channel).
template <int N, int CHANNELS, int INNER, typename data_t, typename weight_t>
void batch_norm(const data_t input[], const weight_t scale[], const weight_t bias[],
                const weight_t mean[], const weight_t variance[], float epsilon,
                data_t output[]) {
  for (int i = 0; i < N; ++i) {
    const int c = (i / INNER) % CHANNELS;
    output[i] = data_t(scale[c] * (input[i] - mean[c]) / std::sqrt(variance[c] + epsilon) + bias[c]);
  }
}

/// Local response normalization across channels.
template <int CHANNELS, int AREA, int SIZE, typename data_t>
void lrn(const data_t input[], data_t output[], float alpha, float beta, float bias) {
  const int before = (SIZE - 1) / 2, after = SIZE - 1 - before;
  for (int c = 0; c < CHANNELS; ++c)
    for (int i = 0; i < AREA; ++i) {
      float squares = 0.0f;
      const int first = c - before > 0 ? c - before : 0;
      const int last = c + after < CHANNELS - 1 ? c + after : CHANNELS - 1;
      for (int k = first; k <= last; ++k) {
        const float v = float(input[k * AREA + i]);
        squares += v * v;
      }
      output[c * AREA + i] = data_t(float(input[c * AREA + i]) /
                                    std::pow(bias + alpha / float(SIZE) * squares, beta));
    }
}

/// Element-wise sum; the generated code passes per-dimension strides (0 = broadcast).
template <int N, int RANK, typename data_t>
void add(const data_t lhs[], const data_t rhs[], data_t output[], const int shape[],
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
    output[flat] = lhs[l] + rhs[r];
  }
}

/// Constant padding; `in_shape`/`out_shape` are the dims, `begin` the leading pads.
template <int N, int RANK, typename data_t>
void pad(const data_t input[], data_t output[], const int in_shape[], const int out_shape[],
         const int begin[], float value) {
  for (int flat = 0; flat < N; ++flat) {
    int rest = flat, source = 0, scale = 1;
    bool inside = true;
    for (int axis = RANK - 1; axis >= 0; --axis) {
      const int i = rest % out_shape[axis] - begin[axis];
      rest /= out_shape[axis];
      inside = inside && i >= 0 && i < in_shape[axis];
      source += i * scale;
      scale *= in_shape[axis];
    }
    output[flat] = inside ? input[source] : data_t(value);
  }
}

/// One input of a concatenation: OUTER blocks of CHUNK values, placed at `offset`
/// inside output blocks of TOTAL values.
template <int OUTER, int CHUNK, int TOTAL, typename data_t>
void concat_part(const data_t input[], data_t output[], int offset) {
  for (int o = 0; o < OUTER; ++o)
    for (int i = 0; i < CHUNK; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
      output[o * TOTAL + offset + i] = input[o * CHUNK + i];
    }
}

template <int N, typename data_t>
void copy(const data_t input[], data_t output[]) {
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = input[i];
  }
}

/// Softmax along the last axis of `outer` rows of `length` values.
template <int OUTER, int LENGTH, typename data_t>
void softmax(const data_t input[], data_t output[]) {
  for (int o = 0; o < OUTER; ++o) {
    float largest = float(input[o * LENGTH]);
    for (int k = 1; k < LENGTH; ++k)
      largest = float(input[o * LENGTH + k]) > largest ? float(input[o * LENGTH + k]) : largest;
    float exps[LENGTH];
    float sum = 0.0f;
    for (int k = 0; k < LENGTH; ++k)
      sum += exps[k] = std::exp(float(input[o * LENGTH + k]) - largest);
    for (int k = 0; k < LENGTH; ++k)
      output[o * LENGTH + k] = data_t(exps[k] / sum);
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

/// Index of the largest logit (first one on ties).
template <int CLASSES, typename data_t>
int argmax(const data_t logits[]) {
  int best = 0;
  for (int k = 1; k < CLASSES; ++k)
    if (logits[k] > logits[best])
      best = k;
  return best;
}

} // namespace eecc_hls

#endif // EECC_LAYERS_H
