// eecc_exact16.h: the exact integer convolution of 16-bit raw values, host code only
// (never synthesized). The C-simulation's dedicated kernels (eecc_layers.h) and MAC
// engine (eecc_engine.h) run it, and so does eecc's reference interpreter
// (compiler/Interpreter), so all three compute a fixed-point convolution the same way.
// Needs only the C and C++ standard headers (the bare-metal runtime builds it too).
#ifndef EECC_EXACT16_H
#define EECC_EXACT16_H

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#if defined(__AVX2__)
#include <immintrin.h>
#endif

// Translation units built for different instruction sets (the interpreter's AVX2 and
// portable copies) name different inline namespaces, so their copies never merge.
#ifndef EECC_EXACT16_VARIANT
#define EECC_EXACT16_VARIANT native
#endif

namespace eecc_exact16 {
inline namespace EECC_EXACT16_VARIANT {

// ---------------------------------------------------------------------------------
// Layout: each input channel is split into stride_h x stride_w phase planes (phase
// (py, px) holds the padded input's rows py, py + stride_h, ... and columns px, px +
// stride_w, ...) of pitch PW, and the output pixels are kept at that pitch too. Then
// every kernel tap of every output pixel reads its phase plane at one offset: a tap is
// one contiguous run over all output pixels at once, whatever the stride and dilation
// (the PW - out_width extra columns of each row are computed and dropped). Two taps are
// multiplied at a time: a pair of 16-bit products added into a 32-bit lane (pmaddwd /
// vpdpwssd when the host has AVX2 / AVX-VNNI / AVX-512 VNNI), 32 output pixels x
// kFilters filters per block (8 with 512-bit registers, 4 with 256-bit ones and 32
// registers, else 2).
//
// Exactness: 32-bit lanes wrap modulo 2^32, so a partial sum is exact as long as its
// true value fits in 32 bits. A bound of it, sum over the taps so far of |w| x the
// largest |input| of the tap's channel (the same for every pixel), decides where the
// taps are cut into segments; after each segment the lanes are added into 64-bit sums.
// A pair whose own bound passes 2^31 - 1 (only -2^15 x -2^15 twice) makes the block
// take the 64-bit scalar loop.
// ---------------------------------------------------------------------------------
struct conv_geometry {
  int channels, height, width; // input
  int filters, groups, group_channels, kernel_height, kernel_width;
  int stride_height, stride_width, pad_top, pad_left, dilation_height, dilation_width;
  int out_height, out_width;
};

namespace detail {

constexpr int kPixels = 32; // output pixels per block
#if defined(__AVX512BW__) && defined(__AVX512VNNI__)
#define EECC_EXACT16_AVX512 1
constexpr int kFilters = 4; // 8 accumulators (512-bit) of 32 vector registers
#elif defined(__AVX2__) && defined(__AVX512VL__)
constexpr int kFilters = 4; // 16 accumulators (256-bit) of 32 vector registers
#else
constexpr int kFilters = 2; // 8 of 16
#endif
constexpr long long kLimit = (1LL << 31) - 1;

/// The weights of taps 2j and 2j + 1 of a filter row as one 32-bit word (the first in
/// the low half, as pmaddwd pairs them).
inline int32_t weight_pair(const short *row, int j) {
#if defined(__x86_64__) || defined(__i386__)
  int32_t pair; // little-endian: the two shorts are that word
  std::memcpy(&pair, row + 2 * j, sizeof pair);
  return pair;
#else
  return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint16_t>(row[2 * j])) |
                              static_cast<uint32_t>(static_cast<uint16_t>(row[2 * j + 1])) << 16);
#endif
}

/// part[f][i] = sum over the pairs [j0, j1) of the pair's two products for filter f and
/// pixel p0 + i, modulo 2^32. off: two source offsets per pair; row[f]: filter f's
/// weights, an even number of them.
inline void pair_block(const short *base, const int *off, const short *const row[kFilters], int j0,
                       int j1, int p0, int32_t part[kFilters][kPixels]) {
#if defined(EECC_EXACT16_AVX512)
  static_assert(kFilters == 4, "the accumulators below are named, four filters");
  // Named accumulators (not an array): GCC then keeps each in one register instead of
  // copying it around every vpdpwssd.
  __m512i a0 = _mm512_setzero_si512(), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0,
          d1 = a0;
  const short *const r0 = row[0], *const r1 = row[1], *const r2 = row[2], *const r3 = row[3];
  for (int j = j0; j < j1; ++j) {
    const __m512i a = _mm512_loadu_si512(base + off[2 * j] + p0);
    const __m512i b = _mm512_loadu_si512(base + off[2 * j + 1] + p0);
    // pixel pairs (a_p, b_p): lo pixels 0-3, 8-11, 16-19, 24-27; hi the others
    const __m512i lo = _mm512_unpacklo_epi16(a, b), hi = _mm512_unpackhi_epi16(a, b);
    const __m512i w0 = _mm512_set1_epi32(weight_pair(r0, j)), w1 = _mm512_set1_epi32(weight_pair(r1, j));
    const __m512i w2 = _mm512_set1_epi32(weight_pair(r2, j)), w3 = _mm512_set1_epi32(weight_pair(r3, j));
    a0 = _mm512_dpwssd_epi32(a0, lo, w0);
    a1 = _mm512_dpwssd_epi32(a1, hi, w0);
    b0 = _mm512_dpwssd_epi32(b0, lo, w1);
    b1 = _mm512_dpwssd_epi32(b1, hi, w1);
    c0 = _mm512_dpwssd_epi32(c0, lo, w2);
    c1 = _mm512_dpwssd_epi32(c1, hi, w2);
    d0 = _mm512_dpwssd_epi32(d0, lo, w3);
    d1 = _mm512_dpwssd_epi32(d1, hi, w3);
  }
  const __m512i acc[kFilters][2] = {{a0, a1}, {b0, b1}, {c0, c1}, {d0, d1}};
  for (int f = 0; f < kFilters; ++f) {
    int32_t low[16], high[16];
    _mm512_storeu_si512(low, acc[f][0]);
    _mm512_storeu_si512(high, acc[f][1]);
    for (int q = 0; q < 4; ++q) { // back to pixel order, 4 pixels at a time
      std::memcpy(part[f] + 8 * q, low + 4 * q, 4 * sizeof(int32_t));
      std::memcpy(part[f] + 8 * q + 4, high + 4 * q, 4 * sizeof(int32_t));
    }
  }
#elif defined(__AVX2__)
  __m256i acc[kFilters][4];
  for (int f = 0; f < kFilters; ++f)
    for (int q = 0; q < 4; ++q)
      acc[f][q] = _mm256_setzero_si256();
  for (int j = j0; j < j1; ++j) {
    const short *a = base + off[2 * j] + p0, *b = base + off[2 * j + 1] + p0;
    const __m256i a0 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(a));
    const __m256i a1 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(a + 16));
    const __m256i b0 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(b));
    const __m256i b1 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(b + 16));
    // pixel pairs (a_p, b_p): x[0] pixels 0-3 and 8-11, x[1] 4-7 and 12-15, x[2], x[3] +16
    const __m256i x[4] = {_mm256_unpacklo_epi16(a0, b0), _mm256_unpackhi_epi16(a0, b0),
                          _mm256_unpacklo_epi16(a1, b1), _mm256_unpackhi_epi16(a1, b1)};
    for (int f = 0; f < kFilters; ++f) {
      const __m256i w = _mm256_set1_epi32(weight_pair(row[f], j));
      for (int q = 0; q < 4; ++q)
#if defined(__AVX512VNNI__) && defined(__AVX512VL__)
        acc[f][q] = _mm256_dpwssd_epi32(acc[f][q], x[q], w);
#elif defined(__AVXVNNI__)
        acc[f][q] = _mm256_dpwssd_avx_epi32(acc[f][q], x[q], w);
#else
        acc[f][q] = _mm256_add_epi32(acc[f][q], _mm256_madd_epi16(x[q], w));
#endif
    }
  }
  for (int f = 0; f < kFilters; ++f)
    for (int h = 0; h < 2; ++h) { // back to pixel order: 0-7, 8-15 (of each 16)
      const __m256i lo = acc[f][2 * h], hi = acc[f][2 * h + 1];
      _mm256_storeu_si256(reinterpret_cast<__m256i *>(part[f] + 16 * h),
                          _mm256_permute2x128_si256(lo, hi, 0x20));
      _mm256_storeu_si256(reinterpret_cast<__m256i *>(part[f] + 16 * h + 8),
                          _mm256_permute2x128_si256(lo, hi, 0x31));
    }
#else
  // Portable: the same sums in unsigned 32-bit arithmetic (defined wrap-around).
  uint32_t acc[kFilters][kPixels] = {};
  for (int j = j0; j < j1; ++j) {
    const short *a = base + off[2 * j] + p0, *b = base + off[2 * j + 1] + p0;
    for (int f = 0; f < kFilters; ++f) {
      const uint32_t lo = static_cast<uint32_t>(row[f][2 * j]);
      const uint32_t hi = static_cast<uint32_t>(row[f][2 * j + 1]);
      for (int i = 0; i < kPixels; ++i)
        acc[f][i] += static_cast<uint32_t>(a[i]) * lo + static_cast<uint32_t>(b[i]) * hi;
    }
  }
  for (int f = 0; f < kFilters; ++f)
    for (int i = 0; i < kPixels; ++i)
      part[f][i] = static_cast<int32_t>(acc[f][i]);
#endif
}

/// A buffer of at least `size` elements that the next call may reuse (host-only code
/// runs single-threaded; plain malloc, so the bare-metal runtime needs no C++ library).
template <class T> struct scratch {
  T *data = nullptr;
  std::size_t capacity = 0;
  T *get(std::size_t size) {
    if (capacity < size) {
      std::free(data);
      data = static_cast<T *>(std::malloc(size * sizeof(T)));
      if (!data)
        std::abort();
      capacity = size;
    }
    return data;
  }
};

} // namespace detail

/// Every filter's sum of |w| over each channel's taps, [filters][group_channels]: the
/// weights' share of the partial-sum bounds. A layer's weights do not change between
/// calls, so (keep) the sums are kept per weight array (up to kEntries of them), with a
/// copy of the weights that each call compares against (memcmp: a new array at a reused
/// address is recomputed, never trusted). Callers whose weight arrays are temporary
/// pass keep = false.
inline const int *weight_magnitudes(const short *weight, int filters, int group_channels,
                                    int taps, bool keep) {
  struct entry {
    const short *address = nullptr;
    long count = 0;
    int group_channels = 0;
    detail::scratch<short> copy;
    detail::scratch<int> sums;
  };
  constexpr int kEntries = 256;
  static entry entries[kEntries];
  static int next = 0;
  const long count = static_cast<long>(filters) * group_channels * taps;
  static detail::scratch<int> unkept;
  for (entry &e : entries)
    if (e.address == weight && e.count == count && e.group_channels == group_channels &&
        std::memcmp(e.copy.data, weight, count * sizeof(short)) == 0)
      return e.sums.data;
  int *sums = unkept.get(static_cast<long>(filters) * group_channels);
  if (keep) {
    entry &e = entries[next];
    next = (next + 1) % kEntries;
    e.address = weight;
    e.count = count;
    e.group_channels = group_channels;
    std::memcpy(e.copy.get(count), weight, count * sizeof(short));
    sums = e.sums.get(static_cast<long>(filters) * group_channels);
  }
  for (long fc = 0; fc < static_cast<long>(filters) * group_channels; ++fc) {
    int magnitude = 0;
    for (int t = 0; t < taps; ++t) {
      const int w = weight[fc * taps + t];
      magnitude += w < 0 ? -w : w;
    }
    sums[fc] = magnitude;
  }
  return sums;
}

/// Where conv_exact16 leaves its sums: output pixel (oy, ox) of filter m at
/// sums[m * stride + oy * pitch + ox] (the rows keep the phase planes' pitch).
struct exact_sums {
  const long long *sums;
  int pitch;
  long stride;
  long long at(int m, int oy, int ox) const { return sums[m * stride + oy * pitch + ox]; }
};

/// bias[m] (0 without biases) + the exact integer sum of input x weight over the group's
/// channels and the kernel, for every filter m and output pixel (oy, ox). input:
/// [channels][height][width]; weight: [filters][group_channels][kernel_height]
/// [kernel_width]; bias: one raw sum per filter, or null; stable_weights: the weight
/// array stays as it is between calls (the C-simulation's). The sums stay valid until
/// the next call.
inline exact_sums conv_exact16(const conv_geometry &g, const short *input, const short *weight,
                               const long long *bias, bool stable_weights = true) {
  using namespace detail;
  const int SH = g.stride_height, SW = g.stride_width, OH = g.out_height, OW = g.out_width;
  const int PW = OW + (g.kernel_width - 1) * g.dilation_width / SW; // phase plane pitch
  const int PH = OH + (g.kernel_height - 1) * g.dilation_height / SH;
  const long plane = static_cast<long>(PH) * PW;
  const int phases = SH * SW;
  const int span = ((OH - 1) * PW + OW + kPixels - 1) / kPixels * kPixels;
  static scratch<short> phase_buffer, packed;
  static scratch<int> offsets, largest, bounds, cuts;
  static scratch<long long> sum_buffer, channel_terms;
  const long words = g.channels * phases * plane + kPixels;
  short *planes = phase_buffer.get(static_cast<std::size_t>(words));
  int *channel_max = largest.get(static_cast<std::size_t>(g.channels));
  long long *sums = sum_buffer.get(static_cast<std::size_t>(g.filters) * span);
  for (int c = 0; c < g.channels; ++c) {
    const short *source = input + static_cast<long>(c) * g.height * g.width;
    int most = 0;
    for (int i = 0; i < g.height * g.width; ++i)
      most = std::max(most, source[i] < 0 ? -int(source[i]) : int(source[i]));
    channel_max[c] = most;
    for (int py = 0; py < SH; ++py)
      for (int px = 0; px < SW; ++px) {
        short *target = planes + (static_cast<long>(c) * phases + py * SW + px) * plane;
        // the columns x whose input column x * SW + px - pad_left lies in the plane
        const int shift = px - g.pad_left;
        const int x0 = std::min(PW, shift >= 0 ? 0 : (-shift + SW - 1) / SW);
        const int x1 = std::max(x0, std::min(PW, g.width - 1 - shift < 0 ? 0 : (g.width - 1 - shift) / SW + 1));
        for (int y = 0; y < PH; ++y) {
          const int iy = y * SH + py - g.pad_top;
          short *line = target + y * PW;
          if (iy < 0 || iy >= g.height) {
            for (int x = 0; x < PW; ++x)
              line[x] = 0;
            continue;
          }
          const short *in_row = source + static_cast<long>(iy) * g.width + shift;
          for (int x = 0; x < x0; ++x)
            line[x] = 0;
          if (SW == 1)
            for (int x = x0; x < x1; ++x)
              line[x] = in_row[x];
          else
            for (int x = x0; x < x1; ++x)
              line[x] = in_row[x * SW];
          for (int x = x1; x < PW; ++x)
            line[x] = 0;
        }
      }
  }
  for (long i = words - kPixels; i < words; ++i)
    planes[i] = 0;
  const int taps = g.kernel_height * g.kernel_width, K = g.group_channels * taps;
  const int pairs = (K + 1) / 2;
  int *off = offsets.get(static_cast<std::size_t>(2 * pairs));
  int *tap_channel = bounds.get(static_cast<std::size_t>(2 * pairs));
  for (int k = 0; k < 2 * pairs; ++k) {
    const int kk = k < K ? k : K - 1; // an odd reduction's last pair: weight 0
    const int c = kk / taps, ky = kk % taps / g.kernel_width, kx = kk % g.kernel_width;
    const int dy = ky * g.dilation_height, dx = kx * g.dilation_width;
    off[k] = static_cast<int>((static_cast<long>(c) * phases + dy % SH * SW + dx % SW) * plane +
                              dy / SH * PW + dx / SW);
    tap_channel[k] = c;
  }
  // Rows of weights with an even length: the filters' own when K is even, else copies
  // with a zero after; a tail block's missing filters read zeros.
  short *even = nullptr;
  if (K % 2) {
    even = packed.get(static_cast<std::size_t>(g.filters + 1) * 2 * pairs);
    for (int m = 0; m < g.filters; ++m) {
      for (int k = 0; k < K; ++k)
        even[static_cast<long>(m) * 2 * pairs + k] = weight[static_cast<long>(m) * K + k];
      even[static_cast<long>(m) * 2 * pairs + K] = 0;
    }
  } else {
    even = packed.get(static_cast<std::size_t>(2 * pairs));
  }
  short *zeros = K % 2 ? even + static_cast<long>(g.filters) * 2 * pairs : even;
  for (int k = 0; k < 2 * pairs; ++k)
    zeros[k] = 0;
  const int *magnitudes =
      weight_magnitudes(weight, g.filters, g.group_channels, taps, stable_weights);
  int *cut = cuts.get(static_cast<std::size_t>(std::max(pairs, g.group_channels) + 2));
  const int per_group = g.filters / g.groups;
  for (int gi = 0; gi < g.groups; ++gi) {
    const short *base = planes + static_cast<long>(gi) * g.group_channels * phases * plane;
    const int *group_max = channel_max + gi * g.group_channels;
    for (int m0 = gi * per_group; m0 < (gi + 1) * per_group; m0 += kFilters) {
      const int count = std::min(kFilters, (gi + 1) * per_group - m0);
      const short *row[kFilters];
      for (int f = 0; f < kFilters; ++f)
        row[f] = f >= count ? zeros
                 : K % 2    ? even + static_cast<long>(m0 + f) * 2 * pairs
                            : weight + static_cast<long>(m0 + f) * K;
      // Bounds per channel: its largest |input| x the filter's sum of |w| over the
      // channel's taps. Within 2^31 - 1 in all (the usual case): one segment.
      long long *term = channel_terms.get(static_cast<std::size_t>(kFilters) * g.group_channels);
      bool whole = true;
      for (int f = 0; f < kFilters; ++f) {
        long long bound = 0;
        const int *magnitude = magnitudes + static_cast<long>(m0 + f) * g.group_channels;
        for (int c = 0; c < g.group_channels; ++c) {
          term[f * g.group_channels + c] =
              f < count ? static_cast<long long>(magnitude[c]) * group_max[c] : 0;
          bound += term[f * g.group_channels + c];
        }
        whole = whole && bound <= kLimit;
      }
      int segments = 0;
      bool scalar = false;
      cut[0] = 0;
      bool cut_by_channel = !whole;
      if (!whole) {
        // Segments of whole channels: pairs [c0 * taps / 2, c1 * taps / 2) read taps of
        // channels c0 - 1 (a pair across the boundary) to c1 - 1, whose terms bound it.
        for (int c0 = 0; c0 < g.group_channels && cut_by_channel;) {
          long long used[kFilters];
          bool fits = true;
          for (int f = 0; f < kFilters; ++f) {
            used[f] = (c0 > 0 ? term[f * g.group_channels + c0 - 1] : 0) + term[f * g.group_channels + c0];
            fits = fits && used[f] <= kLimit;
          }
          if (!fits) { // one channel is too much: cut pair by pair
            cut_by_channel = false;
            break;
          }
          int c1 = c0 + 1;
          for (; c1 < g.group_channels; ++c1) {
            bool room = true;
            for (int f = 0; f < kFilters; ++f)
              room = room && used[f] + term[f * g.group_channels + c1] <= kLimit;
            if (!room)
              break;
            for (int f = 0; f < kFilters; ++f)
              used[f] += term[f * g.group_channels + c1];
          }
          if (c1 < g.group_channels)
            cut[++segments] = c1 * taps / 2;
          c0 = c1;
        }
        if (!cut_by_channel)
          segments = 0;
      }
      if (!whole && !cut_by_channel) { // pair by pair
        long long used[kFilters] = {};
        for (int j = 0; j < pairs; ++j) {
          bool full = false;
          long long pair_term[kFilters] = {};
          const long long x0 = group_max[tap_channel[2 * j]], x1 = group_max[tap_channel[2 * j + 1]];
          for (int f = 0; f < kFilters; ++f) {
            const int w0 = row[f][2 * j], w1 = row[f][2 * j + 1];
            pair_term[f] = (w0 < 0 ? -w0 : w0) * x0 + (w1 < 0 ? -w1 : w1) * x1;
            scalar = scalar || pair_term[f] > kLimit;
            full = full || used[f] + pair_term[f] > kLimit;
          }
          if (full) {
            cut[++segments] = j;
            for (int f = 0; f < kFilters; ++f)
              used[f] = 0;
          }
          for (int f = 0; f < kFilters; ++f)
            used[f] += pair_term[f];
        }
      }
      cut[++segments] = pairs;
      for (int p0 = 0; p0 < span; p0 += kPixels) {
        long long *block[kFilters];
        static long long spare[kPixels]; // a tail block's missing filters
        for (int f = 0; f < kFilters; ++f) {
          block[f] = f < count ? sums + static_cast<long>(m0 + f) * span + p0 : spare;
          const long long start = bias && f < count ? bias[m0 + f] : 0;
          for (int i = 0; i < kPixels; ++i)
            block[f][i] = start;
        }
        if (scalar) {
          for (int j = 0; j < pairs; ++j)
            for (int f = 0; f < count; ++f)
              for (int h = 0; h < 2 && 2 * j + h < K; ++h) {
                const long long w = row[f][2 * j + h];
                const short *x = base + off[2 * j + h] + p0;
                for (int i = 0; i < kPixels; ++i)
                  block[f][i] += w * x[i];
              }
        } else {
          for (int s = 0; s < segments; ++s) {
            int32_t part[kFilters][kPixels];
            pair_block(base, off, row, cut[s], cut[s + 1], p0, part);
            for (int f = 0; f < kFilters; ++f)
              for (int i = 0; i < kPixels; ++i)
                block[f][i] += part[f][i];
          }
        }
      }
    }
  }
  return {sums, PW, span};
}

} // namespace EECC_EXACT16_VARIANT
} // namespace eecc_exact16

#endif // EECC_EXACT16_H
