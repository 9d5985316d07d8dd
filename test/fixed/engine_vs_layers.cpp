// The shared MAC engine of engine binding (templates/hls/eecc_engine.h) against the
// dedicated kernels (templates/hls/eecc_layers.h): its run-time format conversion
// against the fixed type's compile-time one under all 28 quantization x overflow
// modes, and whole conv2d and dense layers (padding, strides, dilations, groups, bias,
// accumulator wrap-around, output saturation) on engines of several tile shapes, raw
// output for raw output.
#include "eecc_engine.h"
#include "eecc_layers.h"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

namespace {

using eecc::Overflow;
using eecc::Quant;
using eecc_engine::format;
using eecc_engine::word_t;

int failures = 0;

template <class T> format formatOf() { return {T::width, T::frac_bits, T::qmode, T::omode}; }

std::mt19937_64 rng(20261202);

long long randomRaw(int width) {
  std::uniform_int_distribution<long long> d(-(1LL << (width - 1)), (1LL << (width - 1)) - 1);
  return d(rng);
}

/// convert(): an accumulator value into a narrow type, with fewer and with more
/// fractional bits than the source.
template <Quant Q, Overflow O> void checkConvert() {
  typedef eecc::fixed<40, 12> wide_t;     // 28 fractional bits
  typedef eecc::fixed<12, 3, Q, O> narrow_t; // 9
  typedef eecc::fixed<20, 16> coarse_t;   // 4
  std::vector<long long> edges; // around narrow_t's limits, in wide_t's LSBs (2^19 each)
  for (long long k : {-2049LL, -2048LL, -2047LL, 2046LL, 2047LL, 2048LL})
    for (long long d : {-(1LL << 18), -1LL, 0LL, 1LL, 1LL << 18})
      edges.push_back(k * (1LL << 19) + d);
  for (long long v : edges)
    if (narrow_t(wide_t::from_raw(v)).raw() !=
        eecc_engine::convert(v, wide_t::frac_bits, formatOf<narrow_t>())) {
      std::printf("convert Q=%d O=%d: edge value %lld\n", int(Q), int(O), v);
      ++failures;
      return;
    }
  for (int i = 0; i < 20000; ++i) {
    // Every third value a multiple of 2^18: half an LSB of narrow_t exactly (ties).
    long long v = i % 3 == 0 ? randomRaw(20) * (1LL << 18) : randomRaw(i % 2 ? 40 : 24);
    long long expected = narrow_t(wide_t::from_raw(v)).raw();
    long long got = eecc_engine::convert(v, wide_t::frac_bits, formatOf<narrow_t>());
    long long c = randomRaw(20);
    long long expectedUp = narrow_t(coarse_t::from_raw(c)).raw();
    long long gotUp = eecc_engine::convert(c, coarse_t::frac_bits, formatOf<narrow_t>());
    if (got != expected || gotUp != expectedUp) {
      std::printf("convert Q=%d O=%d: %lld -> %lld, expected %lld (up: %lld -> %lld, expected %lld)\n",
                  int(Q), int(O), v, got, expected, c, gotUp, expectedUp);
      ++failures;
      return;
    }
  }
  // The host path's whole-layer conversion (convert_sums), the same values.
  std::vector<long long> sums = edges, coarse;
  for (int i = 0; i < 20000; ++i) {
    sums.push_back(i % 3 == 0 ? randomRaw(20) * (1LL << 18) : randomRaw(i % 2 ? 40 : 24));
    coarse.push_back(randomRaw(20));
  }
  std::vector<word_t> words(sums.size()), coarseWords(coarse.size());
  const long n = static_cast<long>(sums.size()), half = n / 2; // as two rows, then as one
  eecc_engine::convert_sums(sums.data(), 2, half, half, wide_t::width, wide_t::frac_bits,
                            formatOf<narrow_t>(), words.data());
  eecc_engine::convert_sums(sums.data() + 2 * half, 1, n - 2 * half, n, wide_t::width,
                            wide_t::frac_bits, formatOf<narrow_t>(), words.data() + 2 * half);
  eecc_engine::convert_sums(coarse.data(), 1, static_cast<long>(coarse.size()), 0, coarse_t::width,
                            coarse_t::frac_bits, formatOf<narrow_t>(), coarseWords.data());
  for (size_t i = 0; i < sums.size(); ++i)
    if (words[i] != narrow_t(wide_t::from_raw(sums[i])).raw()) {
      std::printf("convert_sums Q=%d O=%d: %lld -> %d, expected %lld\n", int(Q), int(O), sums[i],
                  int(words[i]), static_cast<long long>(narrow_t(wide_t::from_raw(sums[i])).raw()));
      ++failures;
      return;
    }
  for (size_t i = 0; i < coarse.size(); ++i)
    if (coarseWords[i] != narrow_t(coarse_t::from_raw(coarse[i])).raw()) {
      std::printf("convert_sums Q=%d O=%d: %lld (4 fractional bits) -> %d, expected %lld\n", int(Q),
                  int(O), coarse[i], int(coarseWords[i]),
                  static_cast<long long>(narrow_t(coarse_t::from_raw(coarse[i])).raw()));
      ++failures;
      return;
    }
}

/// The word kernels relu and add (no broadcasting) against the fixed types' own
/// expressions, into a type with fewer integer bits (saturation, wrap-around) and more
/// fractional bits, and into one with fewer fractional bits (rounding).
template <class out_t> void checkWordKernels(const char *what) {
  typedef eecc::fixed<16, 5> lhs_t;
  typedef eecc::fixed<16, 7> rhs_t;
  const int N = 4096;
  std::vector<word_t> lhs(N), rhs(N), relu(N), sum(N);
  for (int i = 0; i < N; ++i) {
    lhs[i] = static_cast<word_t>(randomRaw(16));
    rhs[i] = static_cast<word_t>(randomRaw(16));
  }
  const int shape[3] = {1, 16, N / 16}, strides[6] = {0, N / 16, 1, 0, N / 16, 1};
  eecc_engine::relu<N, lhs_t, out_t>(lhs.data(), relu.data());
  eecc_engine::add<N, 3, lhs_t, rhs_t, out_t, 2>(lhs.data(), rhs.data(), sum.data(), shape, strides);
  for (int i = 0; i < N; ++i) {
    const lhs_t a = lhs_t::from_raw(lhs[i]);
    const rhs_t b = rhs_t::from_raw(rhs[i]);
    const long long wantRelu = (a < lhs_t(0) ? out_t(0) : out_t(a)).raw();
    const long long wantSum = out_t(a + b).raw();
    if (relu[i] != wantRelu || sum[i] != wantSum) {
      std::printf("%s: relu(%d) = %d (expected %lld), %d + %d = %d (expected %lld)\n", what,
                  int(lhs[i]), int(relu[i]), wantRelu, int(lhs[i]), int(rhs[i]), int(sum[i]), wantSum);
      ++failures;
      return;
    }
  }
}

template <Quant Q> void checkConvertAllOverflows() {
  checkConvert<Q, Overflow::WRAP>();
  checkConvert<Q, Overflow::SAT>();
  checkConvert<Q, Overflow::SAT_ZERO>();
  checkConvert<Q, Overflow::SAT_SYM>();
  checkWordKernels<eecc::fixed<16, 3, Q, Overflow::WRAP>>("word kernels, WRAP");
  checkWordKernels<eecc::fixed<16, 3, Q, Overflow::SAT>>("word kernels, SAT");
  checkWordKernels<eecc::fixed<16, 3, Q, Overflow::SAT_ZERO>>("word kernels, SAT_ZERO");
  checkWordKernels<eecc::fixed<16, 3, Q, Overflow::SAT_SYM>>("word kernels, SAT_SYM");
  checkWordKernels<eecc::fixed<10, 6, Q, Overflow::SAT>>("word kernels, rounded");
  checkWordKernels<eecc::fixed<10, 6, Q, Overflow::SAT_SYM>>("word kernels, rounded, SAT_SYM");
}

/// The DDR image of a layer: its weights' raw words, then each bias as the
/// accumulator's raw value in 4 words.
template <class CONFIG>
std::vector<word_t> weightImage(const std::vector<short> &weights, const std::vector<short> &biases,
                                long &biasOffset) {
  std::vector<word_t> image(weights.begin(), weights.end());
  biasOffset = static_cast<long>(image.size());
  for (short b : biases) {
    unsigned long long raw = static_cast<unsigned long long>(
        eecc_hls::host::exact_bias<CONFIG>(b));
    for (int i = 0; i < 4; ++i)
      image.push_back(static_cast<word_t>(static_cast<unsigned short>(raw >> (16 * i))));
  }
  return image;
}

template <int TM, int TN, int PORTS, class CONFIG, class in_t, class out_t>
void runEngine(const char *what, const eecc_engine::mac_layer &L, const std::vector<in_t> &input,
               const std::vector<word_t> &image, const std::vector<out_t> &expected) {
  std::vector<word_t> in(input.size()), out(expected.size());
  for (size_t i = 0; i < input.size(); ++i)
    in[i] = static_cast<word_t>(input[i].raw());
  // Every port reads the same image; a port that reads another word shows.
  const word_t *w = image.data();
  eecc_engine::mac_engine_tiled<TM, TN, 256, PORTS, (TN + 1) / 2, 4>(L, in.data(), w, w, w, w, out.data());
  std::vector<word_t> host(expected.size()); // the C-simulation's plane-by-plane path
  eecc_engine::mac_engine<TM, TN, 256, PORTS, (TN + 1) / 2, 4>(L, in.data(), w, w, w, w, host.data());
  for (size_t i = 0; i < out.size(); ++i)
    if (out[i] != expected[i].raw() || host[i] != expected[i].raw()) {
      std::printf("%s on a %d x %d engine, %d ports: output %zu is %d (host path %d), the "
                  "dedicated kernel's %lld\n",
                  what, TM, TN, PORTS, i, int(out[i]), int(host[i]),
                  static_cast<long long>(expected[i].raw()));
      ++failures;
      return;
    }
}

/// A raw value, or (extremes 1) mostly the format's most negative and largest values:
/// products near 2^30 that make the host kernels cut their 32-bit partial sums often,
/// and pairs of -2^15 x -2^15 whose sum does not fit 32 bits at all.
long long sampleRaw(int width, int extremes) {
  if (!extremes)
    return randomRaw(width);
  if (extremes == 2) // all the largest value: sums as large as their bounds
    return (1LL << (width - 1)) - 1;
  switch (rng() % 4) {
  case 0: return -(1LL << (width - 1));
  case 1: return (1LL << (width - 1)) - 1;
  case 2: return -(1LL << (width - 1)) + 1;
  default: return randomRaw(width);
  }
}

template <class CONFIG, class in_t, class out_t>
void checkConv(const char *what, int extremes = 0) {
  const int C = CONFIG::in_channels, H = CONFIG::in_height, W = CONFIG::in_width;
  const int M = CONFIG::filters, R = CONFIG::group_channels * CONFIG::kernel_height * CONFIG::kernel_width;
  const int OH = CONFIG::out_height, OW = CONFIG::out_width;
  std::vector<in_t> input(C * H * W);
  for (in_t &x : input)
    x = in_t::from_raw(sampleRaw(in_t::width, extremes));
  std::vector<short> weights(M * R), biases(M);
  for (short &w : weights)
    w = static_cast<short>(sampleRaw(CONFIG::weight_t::width, extremes));
  for (short &b : biases)
    b = static_cast<short>(randomRaw(CONFIG::bias_t::width));
  std::vector<out_t> expected(M * OH * OW);
  eecc_hls::conv2d<CONFIG>(input.data(), weights.data(), biases.data(), expected.data());
  eecc_engine::mac_layer L = {};
  L.in_channels = C, L.in_height = H, L.in_width = W;
  L.filters = M, L.groups = CONFIG::groups, L.group_channels = CONFIG::group_channels;
  L.kernel_height = CONFIG::kernel_height, L.kernel_width = CONFIG::kernel_width;
  L.stride_height = CONFIG::stride_height, L.stride_width = CONFIG::stride_width;
  L.pad_top = CONFIG::pad_top, L.pad_left = CONFIG::pad_left;
  L.dilation_height = CONFIG::dilation_height, L.dilation_width = CONFIG::dilation_width;
  L.out_height = OH, L.out_width = OW;
  L.has_bias = CONFIG::has_bias;
  L.accum_width = CONFIG::accum_t::width, L.accum_frac = CONFIG::accum_t::frac_bits;
  L.out = formatOf<out_t>();
  std::vector<word_t> image = weightImage<CONFIG>(weights, biases, L.bias_offset);
  runEngine<1, 1, 1, CONFIG>(what, L, input, image, expected);
  runEngine<4, 3, 3, CONFIG>(what, L, input, image, expected);
  runEngine<8, 16, 4, CONFIG>(what, L, input, image, expected);
}

template <class CONFIG, class in_t, class out_t> void checkDense(const char *what) {
  const int N = CONFIG::rows, K = CONFIG::features, M = CONFIG::units;
  std::vector<in_t> input(N * K);
  for (in_t &x : input)
    x = in_t::from_raw(randomRaw(in_t::width));
  std::vector<short> weights(M * K), biases(M);
  for (short &w : weights)
    w = static_cast<short>(randomRaw(CONFIG::weight_t::width));
  for (short &b : biases)
    b = static_cast<short>(randomRaw(CONFIG::bias_t::width));
  std::vector<out_t> expected(N * M);
  eecc_hls::dense<CONFIG>(input.data(), weights.data(), biases.data(), expected.data());
  eecc_engine::mac_layer L = {};
  L.dense = 1, L.rows = N, L.features = K, L.filters = M, L.groups = 1;
  L.has_bias = CONFIG::has_bias;
  L.accum_width = CONFIG::accum_t::width, L.accum_frac = CONFIG::accum_t::frac_bits;
  L.out = formatOf<out_t>();
  std::vector<word_t> image = weightImage<CONFIG>(weights, biases, L.bias_offset);
  runEngine<1, 1, 1, CONFIG>(what, L, input, image, expected);
  runEngine<4, 3, 3, CONFIG>(what, L, input, image, expected);
  runEngine<8, 16, 4, CONFIG>(what, L, input, image, expected);
}

// 3 -> 8 channels, 3 x 3, padding 1 over 8 x 8; 16-bit data and weights, an exact
// 40-bit accumulator, output rounded and saturated.
struct conv_padded {
  static const int in_channels = 3, in_height = 8, in_width = 8;
  static const int filters = 8, groups = 1, group_channels = 3;
  static const int kernel_height = 3, kernel_width = 3;
  static const int stride_height = 1, stride_width = 1;
  static const int pad_top = 1, pad_left = 1, pad_bottom = 1, pad_right = 1;
  static const int dilation_height = 1, dilation_width = 1;
  static const int out_height = 8, out_width = 8;
  static const bool has_bias = true;
  static const int pipeline_ii = 1;
  typedef eecc::fixed<16, 1> weight_t;
  typedef eecc::fixed<16, 5> bias_t;
  typedef eecc::fixed<40, 40 - 12 - 15> accum_t; // 12 + 15 fractional bits
};
typedef eecc::fixed<16, 4> conv_padded_in;
typedef eecc::fixed<16, 6, Quant::RND, Overflow::SAT> conv_padded_out;

// Groups 2, stride 2, dilation 2, asymmetric padding, no bias; a 20-bit accumulator
// that wraps, 8-bit weights, an 8-bit output that saturates (so the accumulator's
// wrap-around shows).
struct conv_grouped {
  static const int in_channels = 4, in_height = 9, in_width = 7;
  static const int filters = 6, groups = 2, group_channels = 2;
  static const int kernel_height = 2, kernel_width = 3;
  static const int stride_height = 2, stride_width = 2;
  static const int pad_top = 1, pad_left = 0, pad_bottom = 0, pad_right = 2;
  static const int dilation_height = 2, dilation_width = 2;
  static const int out_height = 4, out_width = 3;
  static const bool has_bias = false;
  static const int pipeline_ii = 1;
  typedef eecc::fixed<8, 2> weight_t;
  typedef eecc::fixed<8, 2> bias_t;
  typedef eecc::fixed<20, 20 - 10 - 6> accum_t;
};
typedef eecc::fixed<12, 2> conv_grouped_in;
typedef eecc::fixed<8, 3, Quant::TRN, Overflow::SAT> conv_grouped_out;

// 24 -> 7 channels (filter blocks with a tail), 3 x 3, padding 1 over 12 x 10 (more
// output pixels than one block, rows of pitch 12); 16-bit data and weights; a 48-bit
// accumulator, so long sums of large products stay exact.
struct conv_deep {
  static const int in_channels = 24, in_height = 12, in_width = 10;
  static const int filters = 7, groups = 1, group_channels = 24;
  static const int kernel_height = 3, kernel_width = 3;
  static const int stride_height = 1, stride_width = 1;
  static const int pad_top = 1, pad_left = 1, pad_bottom = 1, pad_right = 1;
  static const int dilation_height = 1, dilation_width = 1;
  static const int out_height = 12, out_width = 10;
  static const bool has_bias = true;
  static const int pipeline_ii = 1;
  typedef eecc::fixed<16, 2> weight_t;
  typedef eecc::fixed<16, 6> bias_t;
  typedef eecc::fixed<48, 48 - 12 - 14> accum_t;
};
typedef eecc::fixed<16, 4> conv_deep_in;
typedef eecc::fixed<16, 10, Quant::RND, Overflow::SAT> conv_deep_out;

// The same with 10-bit weights: a channel's products stay far below 2^31 but a whole
// filter's may not, so the host kernels cut their partial sums between channels.
struct conv_mid : conv_deep {
  typedef eecc::fixed<10, 1> weight_t;
  typedef eecc::fixed<48, 48 - 12 - 9> accum_t;
};

// A residual network's down-sampling: 5 -> 9 channels, 3 x 3, stride 2, padding 1 over
// 15 x 15 (odd), 16-bit everything, an accumulator that wraps at 36 bits.
struct conv_down {
  static const int in_channels = 5, in_height = 15, in_width = 15;
  static const int filters = 9, groups = 1, group_channels = 5;
  static const int kernel_height = 3, kernel_width = 3;
  static const int stride_height = 2, stride_width = 2;
  static const int pad_top = 1, pad_left = 1, pad_bottom = 1, pad_right = 1;
  static const int dilation_height = 1, dilation_width = 1;
  static const int out_height = 8, out_width = 8;
  static const bool has_bias = true;
  static const int pipeline_ii = 1;
  typedef eecc::fixed<16, 1> weight_t;
  typedef eecc::fixed<16, 4> bias_t;
  typedef eecc::fixed<36, 36 - 12 - 15> accum_t;
};
typedef eecc::fixed<16, 4> conv_down_in;
typedef eecc::fixed<16, 6, Quant::RND_CONV, Overflow::SAT_SYM> conv_down_out;

// Dense, 3 rows of 37 features -> 5 units; round to even, symmetric saturation.
struct dense_rows {
  static const int rows = 3, units = 5, features = 37;
  static const bool has_bias = true;
  static const int pipeline_ii = 1;
  typedef eecc::fixed<16, 2> weight_t;
  typedef eecc::fixed<16, 8> bias_t;
  typedef eecc::fixed<48, 48 - 11 - 14> accum_t;
};
typedef eecc::fixed<16, 5> dense_rows_in;
typedef eecc::fixed<10, 4, Quant::RND_CONV, Overflow::SAT_SYM> dense_rows_out;

} // namespace

int main() {
  checkConvertAllOverflows<Quant::TRN>();
  checkConvertAllOverflows<Quant::TRN_ZERO>();
  checkConvertAllOverflows<Quant::RND>();
  checkConvertAllOverflows<Quant::RND_ZERO>();
  checkConvertAllOverflows<Quant::RND_MIN_INF>();
  checkConvertAllOverflows<Quant::RND_INF>();
  checkConvertAllOverflows<Quant::RND_CONV>();
  for (int trial = 0; trial < 5; ++trial) {
    checkConv<conv_padded, conv_padded_in, conv_padded_out>("conv2d 3x3 padded");
    checkConv<conv_grouped, conv_grouped_in, conv_grouped_out>("conv2d grouped, strided, dilated");
    checkDense<dense_rows, dense_rows_in, dense_rows_out>("dense 3 rows");
    checkConv<conv_deep, conv_deep_in, conv_deep_out>("conv2d 24 channels");
    checkConv<conv_deep, conv_deep_in, conv_deep_out>("conv2d 24 channels, extreme values", true);
    checkConv<conv_mid, conv_deep_in, conv_deep_out>("conv2d 24 channels, 10-bit weights");
    checkConv<conv_mid, conv_deep_in, conv_deep_out>("conv2d 24 channels, 10-bit weights, extreme values", 1);
    checkConv<conv_mid, conv_deep_in, conv_deep_out>("conv2d 24 channels, 10-bit weights, largest values", 2);
    checkConv<conv_down, conv_down_in, conv_down_out>("conv2d stride 2");
    checkConv<conv_down, conv_down_in, conv_down_out>("conv2d stride 2, extreme values", true);
    checkConv<conv_grouped, conv_grouped_in, conv_grouped_out>(
        "conv2d grouped, strided, dilated, extreme values", true);
  }
  if (failures) {
    std::printf("%d failures\n", failures);
    return 1;
  }
  std::printf("engine: 28 conversion modes and 11 layers x 3 tile shapes x 5 trials bit-exact\n");
  return 0;
}
