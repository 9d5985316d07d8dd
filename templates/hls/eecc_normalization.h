// eecc_normalization.h: normalizations in float: batch normalization, LRN, softmax
// and log-softmax.
// Part of the eecc HLS layer library (eecc_layers.h includes every part).
#ifndef EECC_NORMALIZATION_H
#define EECC_NORMALIZATION_H

#include "eecc_layer_common.h"

namespace eecc_hls {

/// Inference batch normalization over dimension 1 (`inner` cells per channel), in float
/// with float parameters (the ones nn-fold-batch-norm could not fold into a conv/dense).
template <int N, int CHANNELS, int INNER, typename in_t, typename out_t>
void batch_norm(const in_t input[], const float scale[], const float bias[],
                const float mean[], const float variance[], float epsilon, out_t output[]) {
  i: for (int i = 0; i < N; ++i) {
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

} // namespace eecc_hls

#endif // EECC_NORMALIZATION_H
