// eecc engine library: the shared, tiled multiply-accumulate engine of engine binding.
// One engine serves every conv2d and dense of a design, so it cannot take per-layer
// number types: it works on raw fixed-point words (16 bits) and receives each layer's
// shape, weight location and number formats at run time (mac_layer). Weights and biases
// stream from DDR (an m_axi port over one weight image); the reduction of one output (a
// filter's channels x taps, or a dense row's features) is cut into tiles of TN entries,
// the outputs into tiles of TM channels, and each (output tile, reduction tile) sweeps
// the output pixels at one per cycle with TM x TN multiply-accumulates in parallel.
//
// The arithmetic is the dedicated kernels' (eecc_layers.h) for layers whose accumulator
// is exact (its fractional bits are the input's plus the weight's, AP_WRAP): the integer
// sum of raw products modulo 2^accum_width, plus the bias, then one conversion to the
// output format with its rounding and overflow modes. The results are bit-identical to
// the dedicated design (test/fixed/engine_vs_layers.cpp).
#ifndef EECC_ENGINE_H
#define EECC_ENGINE_H

#include <algorithm>

#include "eecc_fixed.h"
#include "eecc_layers.h"

#ifdef __SYNTHESIS__
#include <ap_int.h>
#endif

namespace eecc_engine {

#ifdef __SYNTHESIS__
typedef short word_t;     // a raw activation or weight (the m_axi port's element)
typedef ap_int<64> acc_t; // an exact partial sum
typedef ap_int<128> wide_t;
#else
typedef short word_t;
typedef long long acc_t;
typedef __int128 wide_t;
#endif

/// A signed fixed-point format known at run time: `width` bits, `frac` of them after the
/// binary point (negative: the LSB is above 1), and the ap_fixed modes of a conversion
/// into it.
struct format {
  int width;
  int frac;
  eecc::Quant quant;
  eecc::Overflow overflow;
};

/// v * 2^-d (d >= 1) rounded to an integer with mode q (ap_fixed's quantization modes).
inline wide_t round_shift(wide_t v, int d, eecc::Quant q) {
  if (d > 96)
    d = 96;
  const wide_t floor = v >> d;
  const bool guard = ((v >> (d - 1)) & 1) != 0;
  const bool sticky = (v & ((wide_t(1) << (d - 1)) - 1)) != 0;
  const bool neg = v < 0;
  bool up = false;
  switch (q) {
  case eecc::Quant::TRN: up = false; break;
  case eecc::Quant::TRN_ZERO: up = neg && (guard || sticky); break;
  case eecc::Quant::RND: up = guard; break;
  case eecc::Quant::RND_ZERO: up = guard && (sticky || neg); break;
  case eecc::Quant::RND_MIN_INF: up = guard && sticky; break;
  case eecc::Quant::RND_INF: up = guard && (sticky || !neg); break;
  case eecc::Quant::RND_CONV: up = guard && (sticky || (floor & 1) != 0); break;
  }
  return floor + (up ? 1 : 0);
}

/// The low `width` bits of v, sign-extended.
inline long long wrap(wide_t v, int width) {
  const unsigned long long low = static_cast<unsigned long long>(v);
  return static_cast<long long>(low << (64 - width)) >> (64 - width);
}

/// The raw value of an out-of-range integer (negative or not) in `f`, with its wrapped
/// low bits.
inline long long on_overflow(bool negative, long long wrapped, const format &f) {
  const long long max = static_cast<long long>((static_cast<unsigned long long>(1) << (f.width - 1)) - 1);
  switch (f.overflow) {
  case eecc::Overflow::WRAP: return wrapped;
  case eecc::Overflow::SAT: return negative ? -max - 1 : max;
  case eecc::Overflow::SAT_ZERO: return 0;
  case eecc::Overflow::SAT_SYM: return negative ? -max : max;
  }
  return wrapped;
}

/// The raw value in `f` of the integer q (already quantized): in range, or overflowed.
inline long long fit(wide_t q, const format &f) {
  const long long wrapped = wrap(q, f.width);
  if (wide_t(wrapped) != q)
    return on_overflow(q < 0, wrapped, f);
  const long long min = -static_cast<long long>(static_cast<unsigned long long>(1) << (f.width - 1));
  if (f.overflow == eecc::Overflow::SAT_SYM && wrapped == min)
    return min + 1; // SAT_SYM treats -2^(W-1) as an overflow too
  return wrapped;
}

/// The raw value in `f` of the exact value v * 2^-src_frac (ap_fixed assignment).
inline long long convert(acc_t v, int src_frac, const format &f) {
  const int shift = f.frac - src_frac;
  if (shift < 0)
    return fit(round_shift(wide_t(v), -shift, f.quant), f);
  if (shift > 63)
    return v == 0 ? 0 : on_overflow(v < 0, 0, f);
  return fit(wide_t(v) << shift, f);
}

/// One conv2d or dense layer as the engine runs it. Weights: `filters` rows of
/// `reduction` words from `weight_offset` (a conv2d's [M][C/groups][KH][KW] flattened; a
/// dense layer's [units][features]); biases: the accumulator's raw value of each, 4
/// words (64 bits, little-endian) from `bias_offset`.
struct mac_layer {
  int dense;
  int in_channels, in_height, in_width;
  int filters, groups, group_channels, kernel_height, kernel_width;
  int stride_height, stride_width, pad_top, pad_left, dilation_height, dilation_width;
  int out_height, out_width;
  int rows, features; // dense only
  int has_bias;
  long weight_offset, bias_offset;
  int accum_width; // the accumulator wraps modulo 2^accum_width
  int accum_frac;
  format out;
};

inline acc_t bias_of(const word_t *ddr, long offset) {
  unsigned long long raw = 0;
  for (int i = 0; i < 4; ++i)
    raw |= static_cast<unsigned long long>(static_cast<unsigned short>(ddr[offset + i])) << (16 * i);
  return static_cast<acc_t>(static_cast<long long>(raw));
}

/// The input word that reduction entry r of output pixel p (group g) reads: 0 in the
/// padding.
inline word_t fetch(const mac_layer &L, const word_t *in, int g, int r, int p) {
  if (L.dense)
    return in[p * L.features + r];
  const int taps = L.kernel_height * L.kernel_width;
  const int c = r / taps, t = r % taps;
  const int ky = t / L.kernel_width, kx = t % L.kernel_width;
  const int oy = p / L.out_width, ox = p % L.out_width;
  const int y = oy * L.stride_height - L.pad_top + ky * L.dilation_height;
  const int x = ox * L.stride_width - L.pad_left + kx * L.dilation_width;
  if (y < 0 || y >= L.in_height || x < 0 || x >= L.in_width)
    return 0;
  return in[((g * L.group_channels + c) * L.in_height + y) * L.in_width + x];
}

/// The engine: TM output channels x TN reduction entries per cycle; MAX_PIXELS bounds
/// the output plane (a dense layer's rows) of every layer it serves. The weight tiles
/// arrive over PORTS (1 to 4) m_axi bundles w0..w3 that all see the same weight image
/// (the runtime passes one address to each): PORTS words per cycle. INSTANCE tells
/// engines apart that must be separate hardware (a parallel exit's, beside the
/// backbone's), even when their shapes agree.
template <int TM, int TN, int MAX_PIXELS, int PORTS, int INSTANCE = 0>
void mac_engine_tiled(const mac_layer &L, const word_t *in, const word_t *w0, const word_t *w1,
                      const word_t *w2, const word_t *w3, word_t *out) {
  static_assert(PORTS >= 1 && PORTS <= 4, "1 to 4 weight ports");
  static acc_t psum[TM][MAX_PIXELS];
EECC_PRAGMA(HLS ARRAY_PARTITION variable = psum complete dim = 1)
  word_t weights[TM][TN];
EECC_PRAGMA(HLS ARRAY_PARTITION variable = weights complete dim = 0)
  const int reduction =
      L.dense ? L.features : L.group_channels * L.kernel_height * L.kernel_width;
  const int pixels = L.dense ? L.rows : L.out_height * L.out_width;
  const int per_group = L.filters / L.groups;
  for (int g = 0; g < L.groups; ++g) {
    for (int m0 = 0; m0 < per_group; m0 += TM) {
      for (int mm = 0; mm < TM; ++mm) {
        const int m = g * per_group + m0 + mm;
        const acc_t start =
            L.has_bias && m0 + mm < per_group ? bias_of(w0, L.bias_offset + 4L * m) : acc_t(0);
        for (int p = 0; p < pixels; ++p) {
EECC_PRAGMA(HLS PIPELINE II = 1)
          psum[mm][p] = start;
        }
      }
      for (int r0 = 0; r0 < reduction; r0 += TN) {
        for (int i = 0; i < TM * TN; i += PORTS) { // the weight tile: PORTS words per cycle
EECC_PRAGMA(HLS PIPELINE II = 1)
          for (int port = 0; port < PORTS; ++port) {
            const int j = i + port;
            if (j >= TM * TN)
              break;
            const int mm = j / TN, rr = j % TN;
            const int m = g * per_group + m0 + mm;
            const bool valid = m0 + mm < per_group && r0 + rr < reduction;
            const long address = L.weight_offset + static_cast<long>(m) * reduction + r0 + rr;
            const word_t *source = port == 0 ? w0 : port == 1 ? w1 : port == 2 ? w2 : w3;
            weights[mm][rr] = valid ? source[address] : word_t(0);
          }
        }
        for (int p = 0; p < pixels; ++p) {
EECC_PRAGMA(HLS PIPELINE II = 1)
          for (int rr = 0; rr < TN; ++rr) {
            if (r0 + rr >= reduction)
              break;
            const acc_t x = fetch(L, in, g, r0 + rr, p);
            for (int mm = 0; mm < TM; ++mm)
              psum[mm][p] += x * acc_t(weights[mm][rr]);
          }
        }
      }
      for (int mm = 0; mm < TM && m0 + mm < per_group; ++mm) {
        const int m = g * per_group + m0 + mm;
        for (int p = 0; p < pixels; ++p) {
EECC_PRAGMA(HLS PIPELINE II = 1)
          const long long sum = wrap(wide_t(psum[mm][p]), L.accum_width);
          const int index = L.dense ? p * L.filters + m : m * pixels + p;
          out[index] = static_cast<word_t>(convert(sum, L.accum_frac, L.out));
        }
      }
    }
  }
}

#if !defined(__SYNTHESIS__)
/// Host C-simulation only (never synthesized): the same exact integer sums computed
/// output plane by output plane, the innermost loop over contiguous output pixels (the
/// compiler vectorizes it). Integer addition is associative, so every output is the
/// tiled engine's, bit for bit (test/fixed/engine_vs_layers.cpp checks both).
inline void mac_engine_host(const mac_layer &L, const word_t *in, const word_t *ddr, word_t *out) {
  const int taps = L.kernel_height * L.kernel_width;
  if (L.dense) {
    for (int n = 0; n < L.rows; ++n)
      for (int m = 0; m < L.filters; ++m) {
        const word_t *w = ddr + L.weight_offset + static_cast<long>(m) * L.features;
        const word_t *x = in + static_cast<long>(n) * L.features;
        long long sum = L.has_bias ? static_cast<long long>(bias_of(ddr, L.bias_offset + 4L * m)) : 0;
        for (int k = 0; k < L.features; ++k)
          sum += static_cast<long long>(x[k]) * w[k];
        out[n * L.filters + m] = static_cast<word_t>(convert(wrap(sum, L.accum_width), L.accum_frac, L.out));
      }
    return;
  }
  const int OH = L.out_height, OW = L.out_width, H = L.in_height, W = L.in_width;
  const int per_group = L.filters / L.groups;
  // Stride 1: each channel zero-padded into a plane of pitch PW, so that every kernel tap
  // is one contiguous multiply-add over the output rows (at pitch PW; the extra columns
  // are dropped). Other strides: per output row, the valid columns.
  const bool unit = L.stride_height == 1 && L.stride_width == 1;
  const int PW = unit ? OW + (L.kernel_width - 1) * L.dilation_width : 0;
  const int PH = unit ? OH + (L.kernel_height - 1) * L.dilation_height : 0;
  const int area = unit ? OH * PW : OH * OW;
  // 64-bit sums, and 32-bit partial sums that take products (at most |w| x the
  // channel's largest |input| each) while their budget lasts, then are added in: the
  // vector lanes of 32-bit arithmetic, the exact sum.
  static thread_local long long *plane = nullptr;
  static thread_local int *partial = nullptr;
  static thread_local word_t *padded = nullptr;
  static thread_local int capacity = 0, padded_capacity = 0;
  if (capacity < area) {
    delete[] plane;
    delete[] partial;
    plane = new long long[area];
    partial = new int[area];
    capacity = area;
  }
  const int channels = L.group_channels * L.groups;
  if (unit && padded_capacity < channels * PH * PW) {
    delete[] padded;
    padded = new word_t[static_cast<long>(channels) * PH * PW];
    padded_capacity = channels * PH * PW;
  }
  if (unit)
    for (int c = 0; c < channels; ++c)
      for (int y = 0; y < PH; ++y)
        for (int x = 0; x < PW; ++x) {
          const int iy = y - L.pad_top, ix = x - L.pad_left;
          padded[(static_cast<long>(c) * PH + y) * PW + x] =
              iy >= 0 && iy < H && ix >= 0 && ix < W ? in[(static_cast<long>(c) * H + iy) * W + ix]
                                                     : word_t(0);
        }
  long long used = 0;
  auto flush = [&] {
    for (int i = 0; i < area; ++i) {
      plane[i] += partial[i];
      partial[i] = 0;
    }
    used = 0;
  };
  for (int m = 0; m < L.filters; ++m) {
    const int g = m / per_group;
    const long long start = L.has_bias ? static_cast<long long>(bias_of(ddr, L.bias_offset + 4L * m)) : 0;
    for (int i = 0; i < area; ++i) {
      plane[i] = start;
      partial[i] = 0;
    }
    used = 0;
    const word_t *filter = ddr + L.weight_offset + static_cast<long>(m) * L.group_channels * taps;
    for (int c = 0; c < L.group_channels; ++c) {
      const int channel_index = g * L.group_channels + c;
      const word_t *channel = in + static_cast<long>(channel_index) * H * W;
      int largest = 0; // the largest |input| of the channel bounds every product's size
      for (int i = 0; i < H * W; ++i)
        largest = std::max(largest, channel[i] < 0 ? -int(channel[i]) : int(channel[i]));
      if (largest == 0)
        continue;
      for (int ky = 0; ky < L.kernel_height; ++ky)
        for (int kx = 0; kx < L.kernel_width; ++kx) {
          const int w = filter[(c * L.kernel_height + ky) * L.kernel_width + kx];
          if (w == 0)
            continue;
          const long long term = static_cast<long long>(w < 0 ? -w : w) * largest;
          if (used + term > (1LL << 31) - 1)
            flush();
          used += term;
          if (unit) {
            const word_t *source = padded + (static_cast<long>(channel_index) * PH +
                                             ky * L.dilation_height) * PW + kx * L.dilation_width;
            const int count = (OH - 1) * PW + OW; // the last row's extra columns stay out
            for (int i = 0; i < count; ++i)
              partial[i] += w * source[i];
            continue;
          }
          // the output columns whose input column lies inside the plane
          const int shift = kx * L.dilation_width - L.pad_left;
          int first = shift >= 0 ? 0 : (-shift + L.stride_width - 1) / L.stride_width;
          int last = (W - 1 - shift) < 0 ? 0 : (W - 1 - shift) / L.stride_width + 1;
          if (last > OW)
            last = OW;
          for (int oy = 0; oy < OH; ++oy) {
            const int y = oy * L.stride_height - L.pad_top + ky * L.dilation_height;
            if (y < 0 || y >= H)
              continue;
            const long base = static_cast<long>(y) * W + shift; // + ox * stride >= y * W
            int *sums = partial + oy * OW;
            for (int ox = first; ox < last; ++ox)
              sums[ox] += w * channel[base + static_cast<long>(ox) * L.stride_width];
          }
        }
    }
    flush();
    for (int oy = 0; oy < OH; ++oy)
      for (int ox = 0; ox < OW; ++ox)
        out[(static_cast<long>(m) * OH + oy) * OW + ox] = static_cast<word_t>(
            convert(wrap(plane[oy * (unit ? PW : OW) + ox], L.accum_width), L.accum_frac, L.out));
  }
}
#endif

/// The engine the generated design calls: the tiled loops under Vitis; on the host
/// (C-simulation) the plane-by-plane sums, same results.
template <int TM, int TN, int MAX_PIXELS, int PORTS, int INSTANCE = 0>
void mac_engine(const mac_layer &L, const word_t *in, const word_t *w0, const word_t *w1,
                const word_t *w2, const word_t *w3, word_t *out) {
#if defined(__SYNTHESIS__)
  mac_engine_tiled<TM, TN, MAX_PIXELS, PORTS, INSTANCE>(L, in, w0, w1, w2, w3, out);
#else
  (void)w1, (void)w2, (void)w3;
  mac_engine_host(L, in, w0, out);
#endif
}

// ---------------------------------------------------------------------------------
// The layers between the MAC layers, on the arena's raw words: each reads its input
// words as its input type and writes its output type's words, with the dedicated
// kernel's expression in between (same results, no typed buffer of its own).
// ---------------------------------------------------------------------------------

/// The raw bits of a fixed-point value, sign-extended.
template <class T> long long word_of(const T &x) {
#if defined(__SYNTHESIS__) || defined(EECC_USE_AP_FIXED)
  ap_int<T::width> bits;
  bits.range(T::width - 1, 0) = x.range(T::width - 1, 0);
  return bits.to_int64();
#else
  return static_cast<long long>(x.raw());
#endif
}
template <class T> T value_of(word_t w) { return eecc::fixed_from_raw<T>(static_cast<long long>(w)); }
template <class T> word_t to_word(const T &x) { return static_cast<word_t>(word_of(x)); }

/// A float sample into the input type's words.
template <int N, class in_t> void load_input(const float input[], word_t out[]) {
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    out[i] = to_word(in_t(input[i]));
  }
}

/// An exit's logits out of the arena, as their type.
template <int N, class T> void read_logits(const word_t in[], T logits[]) {
  for (int i = 0; i < N; ++i)
    logits[i] = value_of<T>(in[i]);
}

template <int N, class in_t, class out_t> void relu(const word_t in[], word_t out[]) {
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    const in_t x = value_of<in_t>(in[i]);
    out[i] = to_word(x < in_t(0) ? out_t(0) : out_t(x));
  }
}

template <int N, class in_t, class out_t>
void clip(const word_t in[], word_t out[], double low, double high) {
  const in_t lo = in_t(low), hi = in_t(high);
  for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    const in_t v = value_of<in_t>(in[i]);
    out[i] = to_word(out_t(v < lo ? lo : v > hi ? hi : v));
  }
}

/// Max pooling; cells in the padding never win.
template <class CONFIG, class in_t, class out_t> void max_pool2d(const word_t in[], word_t out[]) {
  for (int p = 0; p < CONFIG::channels; ++p)
    for (int oy = 0; oy < CONFIG::out_height; ++oy)
      for (int ox = 0; ox < CONFIG::out_width; ++ox)
        out[(p * CONFIG::out_height + oy) * CONFIG::out_width + ox] = to_word(out_t(
            eecc_hls::window_max<CONFIG, in_t>([&](int i) { return value_of<in_t>(in[i]); }, p, oy, ox)));
}

/// Mean of each channel plane; reciprocal[0] = 1/area.
template <class CONFIG, class in_t, class out_t>
void global_avg_pool(const word_t in[], word_t out[], const typename CONFIG::recip_t reciprocal[]) {
  typedef typename CONFIG::accum_t accum_t;
  for (int p = 0; p < CONFIG::channels; ++p) {
    accum_t sum = accum_t(0);
    for (int i = 0; i < CONFIG::area; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
      sum += value_of<in_t>(in[p * CONFIG::area + i]);
    }
    out[p] = to_word(eecc_hls::mean_of<out_t>(sum, CONFIG::area, reciprocal[0]));
  }
}

/// Element-wise addition with broadcasting (strides 0 along broadcast axes).
template <int N, int RANK, class lhs_t, class rhs_t, class out_t>
void add(const word_t lhs[], const word_t rhs[], word_t out[], const int shape[],
         const int lhs_strides[], const int rhs_strides[]) {
  for (int flat = 0; flat < N; ++flat) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    int l, r;
    eecc_hls::broadcast_sources<RANK>(flat, shape, lhs_strides, rhs_strides, l, r);
    out[flat] = to_word(out_t(value_of<lhs_t>(lhs[l]) + value_of<rhs_t>(rhs[r])));
  }
}

/// Padding (MODE 0: `value`, 1: reflect, 2: edge), as eecc_hls::pad.
template <int N, int RANK, int MODE, class in_t, class out_t>
void pad(const word_t in[], word_t out[], const int in_shape[], const int out_shape[],
         const int begin[], float value) {
  for (int flat = 0; flat < N; ++flat) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    int source;
    const bool inside = eecc_hls::pad_source<RANK, MODE>(flat, in_shape, out_shape, begin, source);
    out[flat] = to_word(inside ? out_t(value_of<in_t>(in[source])) : out_t(value));
  }
}

/// Local response normalization across channels, in float (as eecc_hls::lrn).
template <int CHANNELS, int AREA, int SIZE, class in_t, class out_t>
void lrn(const word_t in[], word_t out[], float alpha, float beta, float bias) {
  for (int c = 0; c < CHANNELS; ++c)
    for (int i = 0; i < AREA; ++i)
      out[c * AREA + i] = to_word(out_t(eecc_hls::lrn_value<CHANNELS, AREA, SIZE>(
          [&](int k) { return eecc_hls::to_float(value_of<in_t>(in[k])); }, c, i, alpha, beta,
          bias)));
}

} // namespace eecc_engine

#endif // EECC_ENGINE_H
