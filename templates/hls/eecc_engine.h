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
/// (the runtime passes one address to each): PORTS words per cycle. SWEEP_II is the II
/// the sweep earns (hls-set-directives: TN reads per pixel from the arena's two ports),
/// LOAD_II the weight tile's load (single-beat m_axi reads over the DDR latency).
/// INSTANCE tells engines apart that must be separate hardware (a parallel exit's,
/// beside the backbone's), even when their shapes agree.
template <int TM, int TN, int MAX_PIXELS, int PORTS, int SWEEP_II, int LOAD_II, int INSTANCE = 0>
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
  g: for (int g = 0; g < L.groups; ++g) {
    m0: for (int m0 = 0; m0 < per_group; m0 += TM) {
      init_mm: for (int mm = 0; mm < TM; ++mm) {
        const int m = g * per_group + m0 + mm;
        const acc_t start =
            L.has_bias && m0 + mm < per_group ? bias_of(w0, L.bias_offset + 4L * m) : acc_t(0);
        init_p: for (int p = 0; p < pixels; ++p) {
EECC_PRAGMA(HLS PIPELINE II = 1)
          psum[mm][p] = start;
        }
      }
      r0: for (int r0 = 0; r0 < reduction; r0 += TN) {
        load: for (int i = 0; i < TM * TN; i += PORTS) { // the weight tile: PORTS words per LOAD_II
EECC_PRAGMA(HLS PIPELINE II = LOAD_II)
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
        sweep: for (int p = 0; p < pixels; ++p) {
EECC_PRAGMA(HLS PIPELINE II = SWEEP_II)
          for (int rr = 0; rr < TN; ++rr) {
            if (r0 + rr >= reduction)
              break;
            const acc_t x = fetch(L, in, g, r0 + rr, p);
            for (int mm = 0; mm < TM; ++mm)
              psum[mm][p] += x * acc_t(weights[mm][rr]);
          }
        }
      }
      drain_mm: for (int mm = 0; mm < TM && m0 + mm < per_group; ++mm) {
        const int m = g * per_group + m0 + mm;
        drain_p: for (int p = 0; p < pixels; ++p) {
EECC_PRAGMA(HLS PIPELINE II = 1)
          const long long sum = wrap(wide_t(psum[mm][p]), L.accum_width);
          const int index = L.dense ? p * L.filters + m : m * pixels + p;
          out[index] = static_cast<word_t>(convert(sum, L.accum_frac, L.out));
        }
      }
    }
  }
}

#if defined(EECC_HOST_KERNELS)
/// The raw value, in a `width`-bit signed format with modes Q and O, of x * 2^-src where
/// shift = the format's fractional bits - src: convert() in 64-bit arithmetic, without
/// branches (loops of it vectorize). Needs |x| < 2^62, -62 <= shift, |x| * 2^shift < 2^62
/// and width <= 62.
template <eecc::Quant Q, eecc::Overflow O>
inline long long requantize(long long x, int shift, int width) {
  // the fixed type's own rounding (eecc/fixed.h), in 64 bits
  const long long q = shift < 0 ? eecc::detail::quantize<Q>(static_cast<std::int64_t>(x), -shift)
                                : static_cast<long long>(static_cast<unsigned long long>(x) << shift);
  const int low = 64 - width;
  const long long wrapped = static_cast<long long>(static_cast<unsigned long long>(q) << low) >> low;
  const long long max = (1LL << (width - 1)) - 1, min = -max - 1;
  long long over = wrapped; // the result when q is out of range
  if constexpr (O == eecc::Overflow::SAT)
    over = q < 0 ? min : max;
  else if constexpr (O == eecc::Overflow::SAT_ZERO)
    over = 0;
  else if constexpr (O == eecc::Overflow::SAT_SYM)
    over = q < 0 ? -max : max;
  const long long in_range = O == eecc::Overflow::SAT_SYM && q == min ? min + 1 : q;
  return wrapped != q ? over : in_range;
}

/// out[r * cols + i] = convert(wrap(v[r * pitch + i], accum_width), src_frac, f) for
/// `rows` rows of `cols` sums, Q and O fixed: requantize() when every step fits 64
/// bits, else convert().
template <eecc::Quant Q, eecc::Overflow O>
void convert_run(const long long *v, long rows, long cols, long pitch, int accum_width,
                 int src_frac, const format &f, word_t *out) {
  const int shift = f.frac - src_frac;
  const bool wide =
      accum_width > 61 || f.width > 62 || (shift < 0 ? -shift > 62 : accum_width + shift > 61);
  const int high = 64 - accum_width;
  for (long r = 0; r < rows; ++r, v += pitch, out += cols) {
    if (wide) {
      for (long i = 0; i < cols; ++i)
        out[i] = static_cast<word_t>(convert(wrap(v[i], accum_width), src_frac, f));
      continue;
    }
    for (long i = 0; i < cols; ++i) {
      const long long x = static_cast<long long>(static_cast<unsigned long long>(v[i]) << high) >> high;
      out[i] = static_cast<word_t>(requantize<Q, O>(x, shift, f.width));
    }
  }
}

template <eecc::Quant Q>
void convert_run(const long long *v, long rows, long cols, long pitch, int accum_width,
                 int src_frac, const format &f, word_t *out) {
  switch (f.overflow) {
  case eecc::Overflow::WRAP: return convert_run<Q, eecc::Overflow::WRAP>(v, rows, cols, pitch, accum_width, src_frac, f, out);
  case eecc::Overflow::SAT: return convert_run<Q, eecc::Overflow::SAT>(v, rows, cols, pitch, accum_width, src_frac, f, out);
  case eecc::Overflow::SAT_ZERO:
    return convert_run<Q, eecc::Overflow::SAT_ZERO>(v, rows, cols, pitch, accum_width, src_frac, f, out);
  case eecc::Overflow::SAT_SYM:
    return convert_run<Q, eecc::Overflow::SAT_SYM>(v, rows, cols, pitch, accum_width, src_frac, f, out);
  }
}

/// The output words of rows x cols exact sums (rows `pitch` apart): wrapped to the
/// accumulator, converted to `f`.
inline void convert_sums(const long long *v, long rows, long cols, long pitch, int accum_width,
                         int src_frac, const format &f, word_t *out) {
  using eecc::Quant;
  switch (f.quant) {
  case Quant::TRN: return convert_run<Quant::TRN>(v, rows, cols, pitch, accum_width, src_frac, f, out);
  case Quant::TRN_ZERO: return convert_run<Quant::TRN_ZERO>(v, rows, cols, pitch, accum_width, src_frac, f, out);
  case Quant::RND: return convert_run<Quant::RND>(v, rows, cols, pitch, accum_width, src_frac, f, out);
  case Quant::RND_ZERO: return convert_run<Quant::RND_ZERO>(v, rows, cols, pitch, accum_width, src_frac, f, out);
  case Quant::RND_MIN_INF: return convert_run<Quant::RND_MIN_INF>(v, rows, cols, pitch, accum_width, src_frac, f, out);
  case Quant::RND_INF: return convert_run<Quant::RND_INF>(v, rows, cols, pitch, accum_width, src_frac, f, out);
  case Quant::RND_CONV: return convert_run<Quant::RND_CONV>(v, rows, cols, pitch, accum_width, src_frac, f, out);
  }
}

/// Host C-simulation only (never synthesized): the same exact integer sums, a conv2d by
/// the dedicated kernels' host path (eecc_exact16::conv_exact16), a dense layer as
/// 64-bit dot products. Integer addition is associative, so every output is the tiled
/// engine's, bit for bit (test/fixed/engine_vs_layers.cpp checks both).
inline void mac_engine_host(const mac_layer &L, const word_t *in, const word_t *ddr, word_t *out) {
  static eecc_exact16::detail::scratch<long long> bias_buffer, sum_buffer;
  static eecc_exact16::detail::scratch<word_t> word_buffer;
  long long *biases = bias_buffer.get(L.filters);
  for (int m = 0; m < L.filters; ++m)
    biases[m] = L.has_bias ? static_cast<long long>(bias_of(ddr, L.bias_offset + 4L * m)) : 0;
  if (!L.dense) {
    const eecc_exact16::conv_geometry g = {
        L.in_channels,    L.in_height,     L.in_width,      L.filters,         L.groups,
        L.group_channels, L.kernel_height, L.kernel_width,  L.stride_height,   L.stride_width,
        L.pad_top,        L.pad_left,      L.dilation_height, L.dilation_width, L.out_height,
        L.out_width};
    const eecc_exact16::exact_sums result =
        eecc_exact16::conv_exact16(g, in, ddr + L.weight_offset, biases);
    // Whole rows at the sums' pitch (one long loop that vectorizes; the extra columns
    // are real sums too), then the output columns copied out.
    const long span = static_cast<long>(L.out_height) * result.pitch;
    word_t *words = word_buffer.get(span);
    for (int m = 0; m < L.filters; ++m) {
      convert_sums(&result.sums[m * result.stride], 1, span, span, L.accum_width, L.accum_frac,
                   L.out, words);
      word_t *plane = out + static_cast<long>(m) * L.out_height * L.out_width;
      for (int oy = 0; oy < L.out_height; ++oy)
        std::memcpy(plane + oy * L.out_width, words + oy * result.pitch, L.out_width * sizeof(word_t));
    }
    return;
  }
  const long count = static_cast<long>(L.rows) * L.filters;
  long long *sums = sum_buffer.get(count);
  for (int n = 0; n < L.rows; ++n)
    for (int m = 0; m < L.filters; ++m) {
      const word_t *w = ddr + L.weight_offset + static_cast<long>(m) * L.features;
      const word_t *x = in + static_cast<long>(n) * L.features;
      long long sum = biases[m];
      for (int k = 0; k < L.features; ++k)
        sum += static_cast<long long>(x[k]) * w[k];
      sums[n * L.filters + m] = sum;
    }
  convert_sums(sums, 1, count, count, L.accum_width, L.accum_frac, L.out, out);
}
#endif

/// The engine the generated design calls: the tiled loops under Vitis; on the host
/// (C-simulation) the host kernels (with eecc's own fixed type), same results.
template <int TM, int TN, int MAX_PIXELS, int PORTS, int SWEEP_II, int LOAD_II, int INSTANCE = 0>
void mac_engine(const mac_layer &L, const word_t *in, const word_t *w0, const word_t *w1,
                const word_t *w2, const word_t *w3, word_t *out) {
#if defined(EECC_HOST_KERNELS)
  (void)w1, (void)w2, (void)w3;
  mac_engine_host(L, in, w0, out);
#else
  mac_engine_tiled<TM, TN, MAX_PIXELS, PORTS, SWEEP_II, LOAD_II, INSTANCE>(L, in, w0, w1, w2, w3, out);
#endif
}

// ---------------------------------------------------------------------------------
// The layers between the MAC layers, on the arena's raw words: each reads its input
// words as its input type and writes its output type's words, with the dedicated
// kernel's expression in between (same results, no typed buffer of its own).
// ---------------------------------------------------------------------------------

/// The raw bits of a fixed-point value, sign-extended.
template <class T> long long word_of(const T &x) { return eecc_hls::raw_bits(x); }
template <class T> T value_of(word_t w) { return eecc::fixed_from_raw<T>(static_cast<long long>(w)); }
template <class T> word_t to_word(const T &x) { return static_cast<word_t>(word_of(x)); }

/// A float sample into the input type's words.
template <int N, class in_t> void load_input(const float input[], word_t out[]) {
  i: for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    out[i] = to_word(in_t(input[i]));
  }
}

/// An exit's logits out of the arena, as their type.
template <int N, class T> void read_logits(const word_t in[], T logits[]) {
  i: for (int i = 0; i < N; ++i)
    logits[i] = value_of<T>(in[i]);
}

#if defined(EECC_HOST_KERNELS)
namespace host {
/// Whether words of T are its signed raw values (the host paths below).
template <class T> constexpr bool signed_word() {
  if constexpr (eecc_hls::host::is_fixed<T>::value)
    return T::is_signed && T::width <= 16;
  else
    return false;
}
/// Whether a raw value of `from` (or a sum of two) moves into `to` within 64 bits.
template <class from, class to> constexpr bool near() {
  return to::frac_bits - from::frac_bits <= 40 && from::frac_bits - to::frac_bits <= 40;
}
/// The word of out_t for the exact value x * 2^-src_frac.
template <class out_t> inline word_t word_for(long long x, int src_frac) {
  return static_cast<word_t>(
      requantize<out_t::qmode, out_t::omode>(x, out_t::frac_bits - src_frac, out_t::width));
}
} // namespace host
#endif

template <int N, class in_t, class out_t> void relu(const word_t in[], word_t out[]) {
#if defined(EECC_HOST_KERNELS)
  if constexpr (host::signed_word<in_t>() && host::signed_word<out_t>() && host::near<in_t, out_t>()) {
    for (int i = 0; i < N; ++i)
      out[i] = host::word_for<out_t>(in[i] < 0 ? 0 : in[i], in_t::frac_bits);
    return;
  }
#endif
  i: for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    const in_t x = value_of<in_t>(in[i]);
    out[i] = to_word(x < in_t(0) ? out_t(0) : out_t(x));
  }
}

template <int N, class in_t, class out_t>
void clip(const word_t in[], word_t out[], double low, double high) {
  const in_t lo = in_t(low), hi = in_t(high);
  i: for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    const in_t v = value_of<in_t>(in[i]);
    out[i] = to_word(out_t(v < lo ? lo : v > hi ? hi : v));
  }
}

/// Max pooling; cells in the padding never win.
template <class CONFIG, class in_t, class out_t> void max_pool2d(const word_t in[], word_t out[]) {
  p: for (int p = 0; p < CONFIG::channels; ++p)
    oy: for (int oy = 0; oy < CONFIG::out_height; ++oy)
      ox: for (int ox = 0; ox < CONFIG::out_width; ++ox)
        out[(p * CONFIG::out_height + oy) * CONFIG::out_width + ox] = to_word(out_t(
            eecc_hls::window_max<CONFIG, in_t>([&](int i) { return value_of<in_t>(in[i]); }, p, oy, ox)));
}

/// Mean of each channel plane; reciprocal[0] = 1/area.
template <class CONFIG, class in_t, class out_t>
void global_avg_pool(const word_t in[], word_t out[], const typename CONFIG::recip_t reciprocal[]) {
  typedef typename CONFIG::accum_t accum_t;
  p: for (int p = 0; p < CONFIG::channels; ++p) {
    accum_t sum = accum_t(0);
    i: for (int i = 0; i < CONFIG::area; ++i) {
EECC_PRAGMA(HLS PIPELINE II = CONFIG::pipeline_ii)
      sum += value_of<in_t>(in[p * CONFIG::area + i]);
    }
    out[p] = to_word(eecc_hls::mean_of<out_t>(sum, CONFIG::area, reciprocal[0]));
  }
}

/// Element-wise sum, difference or product with broadcasting (strides 0 along
/// broadcast axes), as eecc_hls::binary.
template <int N, int RANK, int OP, class lhs_t, class rhs_t, class out_t, int II>
void binary(const word_t lhs[], const word_t rhs[], word_t out[], const int shape[],
            const int strides[]) {
  eecc_hls::index_walk<RANK, 2> walk;
  i: for (int flat = 0; flat < N; ++flat) {
EECC_PRAGMA(HLS PIPELINE II = II)
    out[flat] = to_word(out_t(eecc_hls::binary_op<OP>::apply(
        value_of<lhs_t>(lhs[walk.offset[0]]), value_of<rhs_t>(rhs[walk.offset[1]]))));
    walk.next(shape, strides);
  }
}

/// Element-wise addition with broadcasting (strides 0 along broadcast axes). II: what
/// hls-set-directives earns (both operands and the result in the arena's two ports: 2).
template <int N, int RANK, class lhs_t, class rhs_t, class out_t, int II>
void add(const word_t lhs[], const word_t rhs[], word_t out[], const int shape[],
         const int strides[]) {
#if defined(EECC_HOST_KERNELS)
  if constexpr (host::signed_word<lhs_t>() && host::signed_word<rhs_t>() &&
                host::signed_word<out_t>() && host::near<lhs_t, out_t>() &&
                host::near<rhs_t, out_t>() && host::near<lhs_t, rhs_t>()) {
    // The exact sum at the finer of the two scales, then one conversion.
    constexpr int F = lhs_t::frac_bits > rhs_t::frac_bits ? lhs_t::frac_bits : rhs_t::frac_bits;
    constexpr int ls = F - lhs_t::frac_bits, rs = F - rhs_t::frac_bits;
    bool plain = true; // no broadcasting: both operands have the output's strides
    for (int axis = RANK - 1, stride = 1; axis >= 0; stride *= shape[axis--])
      plain = plain && (shape[axis] == 1 ||
                        (strides[axis] == stride && strides[RANK + axis] == stride));
    if (plain) {
      for (int i = 0; i < N; ++i)
        out[i] = host::word_for<out_t>(static_cast<long long>(lhs[i]) * (1LL << ls) +
                                           static_cast<long long>(rhs[i]) * (1LL << rs), F);
      return;
    }
  }
#endif
  binary<N, RANK, eecc_hls::BINARY_ADD, lhs_t, rhs_t, out_t, II>(lhs, rhs, out, shape, strides);
}

/// A table activation on the words (as eecc_hls::table_activation).
template <int N, int SHIFT, long long FIRST, int ENTRIES, class in_t, class out_t>
void table_activation(const word_t in[], word_t out[], const out_t table[]) {
  i: for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    out[i] = to_word(table[eecc_hls::table_index<SHIFT, FIRST, ENTRIES>(in[i])]);
  }
}

/// A slice along one axis, as eecc_hls::slice_part.
template <int OUTER, int CHUNK, int TOTAL, class in_t, class out_t>
void slice_part(const word_t in[], word_t out[]) {
  for (int o = 0; o < OUTER; ++o)
    for (int i = 0; i < CHUNK; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
      out[o * CHUNK + i] = to_word(out_t(value_of<in_t>(in[o * TOTAL + i])));
    }
}

/// A box of the input (a slice; as eecc_hls::transpose with the input's strides).
template <int N, int RANK, class in_t, class out_t>
void slice(const word_t in[], word_t out[], const int out_shape[], const int strides[]) {
  eecc_hls::index_walk<RANK, 1> walk;
  i: for (int flat = 0; flat < N; ++flat) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    out[flat] = to_word(out_t(value_of<in_t>(in[walk.offset[0]])));
    walk.next(out_shape, strides);
  }
}

/// Padding (MODE 0: `value`, 1: reflect, 2: edge), as eecc_hls::pad.
template <int N, int RANK, int MODE, class in_t, class out_t>
void pad(const word_t in[], word_t out[], const int in_shape[], const int out_shape[],
         const int begin[], float value) {
  i: for (int flat = 0; flat < N; ++flat) {
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
