// eecc_activation.h: activations: ReLU, leaky ReLU, clip; sigmoid and tanh (float, or
// fixed point read from a ROM).
// Part of the eecc HLS layer library (eecc_layers.h includes every part).
#ifndef EECC_ACTIVATION_H
#define EECC_ACTIVATION_H

#include "eecc_layer_common.h"
#include "eecc_host_kernels.h"

namespace eecc_hls {

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
  i: for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = input[i] < in_t(0) ? out_t(0) : out_t(input[i]);
  }
}

/// The negative side is scaled in float (a float multiplier in fixed-point designs).
template <int N, typename in_t, typename out_t>
void leaky_relu(const in_t input[], out_t output[], float alpha) {
  i: for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = input[i] >= in_t(0) ? out_t(input[i]) : out_t(alpha * to_float(input[i]));
  }
}

/// The bounds are constants of the input's type (the emitter passes them clamped to its
/// range, so they convert exactly).
template <int N, typename in_t, typename out_t>
void clip(const in_t input[], out_t output[], double low, double high) {
  const in_t lo = in_t(low), hi = in_t(high);
  i: for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    const in_t v = input[i];
    output[i] = out_t(v < lo ? lo : v > hi ? hi : v);
  }
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
  i: for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = table[table_index<SHIFT, FIRST, ENTRIES>(raw_bits(input[i]))];
  }
}

/// Sigmoid and tanh of float designs (the reference interpreter's float expressions).
template <int N, typename in_t, typename out_t>
void sigmoid(const in_t input[], out_t output[]) {
  i: for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = out_t(1.0f / (1.0f + std::exp(-to_float(input[i]))));
  }
}
template <int N, typename in_t, typename out_t>
void tanh(const in_t input[], out_t output[]) {
  i: for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    output[i] = out_t(std::tanh(to_float(input[i])));
  }
}

} // namespace eecc_hls

#endif // EECC_ACTIVATION_H
