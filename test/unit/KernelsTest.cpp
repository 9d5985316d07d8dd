// The interpreter's conv2d fast paths against the reference loops written out here:
// float (register-blocked over zero-padded planes) bit for bit, signed zeros included,
// and fixed point (the C-simulation's exact 16-bit kernel) raw value for raw value.
#include "compiler/Interpreter/FixedKernels.h"
#include "compiler/Interpreter/Kernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

using namespace eecc;
using namespace eecc::interp;

namespace {

struct ConvCase {
  int64_t channels, height, width, filters, groups, kernelH, kernelW;
  int64_t strideH, strideW, padTop, padLeft, padBottom, padRight, dilationH, dilationW;
  int64_t outH() const { return (height + padTop + padBottom - (kernelH - 1) * dilationH - 1) / strideH + 1; }
  int64_t outW() const { return (width + padLeft + padRight - (kernelW - 1) * dilationW - 1) / strideW + 1; }
};

// Padding, dilation, groups, a filter count that is no multiple of the kernels' blocks,
// output rows that are no multiple of their pixel blocks, strides.
const ConvCase kCases[] = {
    {3, 9, 11, 5, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
    {4, 7, 6, 6, 2, 3, 2, 1, 1, 2, 0, 1, 3, 2, 1},
    {6, 12, 12, 9, 3, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1},
    {2, 13, 10, 7, 1, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1},
    {5, 15, 15, 9, 1, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1},
};

/// output[n][m][oy][ox] = bias[m], then + input x weight over (c, ky, kx), padding skipped.
template <class T, class Acc, class Visit>
void reference(const ConvCase &k, int64_t n, Visit visit) {
  const int64_t perGroup = k.filters / k.groups, gc = k.channels / k.groups;
  for (int64_t m = 0; m < k.filters; ++m)
    for (int64_t oy = 0; oy < k.outH(); ++oy)
      for (int64_t ox = 0; ox < k.outW(); ++ox)
        for (int64_t c = 0; c < gc; ++c)
          for (int64_t ky = 0; ky < k.kernelH; ++ky)
            for (int64_t kx = 0; kx < k.kernelW; ++kx) {
              const int64_t y = oy * k.strideH - k.padTop + ky * k.dilationH;
              const int64_t x = ox * k.strideW - k.padLeft + kx * k.dilationW;
              if (y >= 0 && y < k.height && x >= 0 && x < k.width)
                visit(m, oy, ox, (((n * k.channels + (m / perGroup) * gc + c) * k.height + y) * k.width + x),
                      ((m * gc + c) * k.kernelH + ky) * k.kernelW + kx);
            }
}

TEST(Kernels, FloatConvMatchesTheReferenceLoopsBitForBit) {
  std::mt19937_64 random(7);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  for (const ConvCase &k : kCases)
    for (int negativeZeroBias = 0; negativeZeroBias < 2; ++negativeZeroBias) {
      const int64_t batch = 2;
      Tensor input({batch, k.channels, k.height, k.width});
      Tensor weight({k.filters, k.channels / k.groups, k.kernelH, k.kernelW});
      const int64_t biasShape[] = {k.filters};
      Tensor bias(biasShape);
      for (float &x : input.data)
        x = random() % 5 == 0 ? -0.0f : normal(random);
      for (float &w : weight.data)
        w = random() % 7 == 0 ? 0.0f : normal(random);
      for (size_t m = 0; m < bias.data.size(); ++m)
        bias.data[m] = negativeZeroBias && m % 2 ? -0.0f : (m % 3 ? normal(random) : 0.0f);
      const Tensor got = conv2d(input, weight, &bias, {k.strideH, k.strideW},
                                {k.padTop, k.padLeft, k.padBottom, k.padRight},
                                {k.dilationH, k.dilationW}, k.groups,
                                {batch, k.filters, k.outH(), k.outW()});
      Tensor want({batch, k.filters, k.outH(), k.outW()});
      for (int64_t n = 0; n < batch; ++n) {
        float *out = want.data.data() + n * k.filters * k.outH() * k.outW();
        for (int64_t i = 0; i < k.filters * k.outH() * k.outW(); ++i)
          out[i] = bias.data[i / (k.outH() * k.outW())];
        reference<float, float>(k, n, [&](int64_t m, int64_t oy, int64_t ox, int64_t in, int64_t w) {
          out[(m * k.outH() + oy) * k.outW() + ox] += input.data[in] * weight.data[w];
        });
      }
      ASSERT_EQ(got.size(), want.size());
      for (size_t i = 0; i < got.size(); ++i)
        if (std::memcmp(&got.data[i], &want.data[i], sizeof(float))) {
          ADD_FAILURE() << "output " << i << ": " << got.data[i] << ", expected " << want.data[i];
          break;
        }
      EXPECT_EQ(std::memcmp(got.data.data(), want.data.data(), got.size() * sizeof(float)), 0)
          << "case with " << k.channels << " channels, kernel " << k.kernelH << "x" << k.kernelW
          << (negativeZeroBias ? ", biases of -0" : "");
    }
}

TEST(Kernels, FixedConvMatchesExactSums) {
  std::mt19937_64 random(11);
  const FixedFormat in{16, 4, Quant::TRN, Overflow::WRAP}, w{16, 1, Quant::TRN, Overflow::WRAP};
  const FixedFormat acc{40, 40 - 12 - 15, Quant::TRN, Overflow::WRAP};
  const FixedFormat out{16, 6, Quant::RND, Overflow::SAT};
  for (const ConvCase &k : kCases)
    for (int extremes = 0; extremes < 2; ++extremes) {
      auto sample = [&] {
        const int64_t pick = static_cast<int64_t>(random() % 4);
        if (extremes && pick == 0)
          return int64_t{-32768};
        if (extremes && pick == 1)
          return int64_t{32767};
        return static_cast<int64_t>(random() % 65536) - 32768;
      };
      FixedTensor input({1, k.channels, k.height, k.width}, in);
      FixedTensor weight({k.filters, k.channels / k.groups, k.kernelH, k.kernelW}, w);
      const int64_t biasShape[] = {k.filters};
      FixedTensor bias(biasShape, FixedFormat{16, 5, Quant::TRN, Overflow::WRAP});
      for (int64_t &x : input.raw)
        x = sample();
      for (int64_t &x : weight.raw)
        x = sample();
      for (int64_t &x : bias.raw)
        x = sample();
      int64_t accOverflows = 0, outOverflows = 0;
      const FixedSink accSink{acc, &accOverflows}, outSink{out, &outOverflows};
      const FixedTensor got = fixedConv2d(input, weight, &bias, {k.strideH, k.strideW},
                                          {k.padTop, k.padLeft, k.padBottom, k.padRight},
                                          {k.dilationH, k.dilationW}, k.groups,
                                          {1, k.filters, k.outH(), k.outW()}, accSink, outSink);
      std::vector<i128> sums(k.filters * k.outH() * k.outW());
      int64_t ignored = 0;
      const FixedSink quiet{acc, &ignored};
      for (size_t i = 0; i < sums.size(); ++i)
        sums[i] = quiet(bias.raw[i / (k.outH() * k.outW())], bias.format.frac());
      reference<int64_t, i128>(k, 0, [&](int64_t m, int64_t oy, int64_t ox, int64_t i, int64_t j) {
        sums[(m * k.outH() + oy) * k.outW() + ox] += static_cast<i128>(input.raw[i]) * weight.raw[j];
      });
      for (size_t i = 0; i < sums.size(); ++i) {
        bool overflowed = false;
        const int64_t wrapped = convertRaw(sums[i], acc.frac(), acc, overflowed);
        int64_t none = 0;
        ASSERT_EQ(got.raw[i], (FixedSink{out, &none}(wrapped, acc.frac())))
            << "output " << i << (extremes ? " (extreme values)" : "");
      }
    }
}

} // namespace
