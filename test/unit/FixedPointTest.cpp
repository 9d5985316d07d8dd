// The fixed-point interpreter's run-time formats against eecc::fixed's compile-time
// types (which test/fixed checks against SystemC), and the exit decision unit against
// the double-precision softmax it approximates.
#include "compiler/Numerics/ExitUnit.h"
#include "compiler/Interpreter/FixedKernels.h"
#include "compiler/Numerics/FixedPoint.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace eecc;
using namespace eecc::interp;
using namespace eecc::numerics;

namespace {

template <int W, int I, Quant Q, Overflow O> void checkFormat(std::mt19937_64 &random) {
  using T = fixed<W, I, Q, O>;
  const FixedFormat format{W, I, Q, O};
  std::uniform_real_distribution<double> wide(-std::ldexp(1.0, I + 1), std::ldexp(1.0, I + 1));
  std::uniform_int_distribution<int64_t> raws(-(int64_t(1) << 40), int64_t(1) << 40);
  std::uniform_int_distribution<int> fracs(-8, 40);
  for (int i = 0; i < 20000; ++i) {
    // from double (including values past the range)
    double value = wide(random);
    bool overflowed = false;
    EXPECT_EQ(convertDouble(value, format, overflowed), static_cast<int64_t>(T(value).raw()))
        << value;
    // from another format: a raw value with srcFrac fractional bits
    int64_t raw = raws(random);
    int frac = fracs(random);
    int64_t expected = 0;
    switch (frac % 3) { // three source formats the template can name
    case 0:
      expected = static_cast<int64_t>(T(fixed<48, 8>::from_raw(raw)).raw());
      frac = 40;
      break;
    case 1:
      expected = static_cast<int64_t>(T(fixed<48, 48>::from_raw(raw)).raw());
      frac = 0;
      break;
    default:
      expected = static_cast<int64_t>(T(fixed<48, 56>::from_raw(raw)).raw());
      frac = -8;
      break;
    }
    EXPECT_EQ(convertRaw(raw, frac, format, overflowed), expected) << raw << " frac " << frac;
    EXPECT_EQ(rawToFloat(expected, W - I), T::from_raw(expected).to_float());
  }
}

TEST(FixedPoint, ConversionsMatchTheFixedType) {
  std::mt19937_64 random(7);
  checkFormat<16, 6, Quant::RND, Overflow::SAT>(random);
  checkFormat<16, 6, Quant::TRN, Overflow::WRAP>(random);
  checkFormat<12, -2, Quant::RND_CONV, Overflow::SAT_SYM>(random);
  checkFormat<8, 10, Quant::RND_ZERO, Overflow::SAT_ZERO>(random);
  checkFormat<32, 12, Quant::RND_INF, Overflow::SAT>(random);
  checkFormat<40, 8, Quant::TRN_ZERO, Overflow::WRAP>(random);
  checkFormat<64, 20, Quant::RND_MIN_INF, Overflow::SAT>(random);
}

TEST(FixedPoint, OverflowIsReported) {
  const FixedFormat format{8, 4, Quant::RND, Overflow::SAT}; // [-8, 8 - 1/16]
  bool overflowed = false;
  EXPECT_EQ(convertDouble(7.9375, format, overflowed), 127);
  EXPECT_FALSE(overflowed);
  EXPECT_EQ(convertDouble(7.97, format, overflowed), 127); // rounds up to 8: saturates
  EXPECT_TRUE(overflowed);
  EXPECT_EQ(convertDouble(-9.0, format, overflowed), -128);
  EXPECT_TRUE(overflowed);
  EXPECT_EQ(convertDouble(std::nan(""), format, overflowed), 127);
  EXPECT_TRUE(overflowed);
  EXPECT_EQ(format.apType(), "ap_fixed<8, 4, AP_RND, AP_SAT>");
  EXPECT_EQ(format.cppType(), "eecc::fixed<8, 4, eecc::Quant::RND, eecc::Overflow::SAT>");
}

double softmaxDecisionValue(ee::Criterion criterion, const std::vector<double> &logits) {
  double top = *std::max_element(logits.begin(), logits.end()), sum = 0.0;
  std::vector<double> p;
  for (double v : logits)
    sum += std::exp(v - top);
  for (double v : logits)
    p.push_back(std::exp(v - top) / sum);
  std::sort(p.rbegin(), p.rend());
  if (criterion == ee::Criterion::max_softmax)
    return p[0];
  if (criterion == ee::Criterion::margin)
    return p[0] - p[1];
  double entropy = 0.0;
  for (double q : p)
    if (q > 0)
      entropy -= q * std::log(q);
  return entropy;
}

// The unit's criterion is within its stated bound of the exact softmax criterion of the
// same logits, so its decisions agree whenever the exact value is farther than the bound
// from the threshold: random logits of every spread (untrained networks have logits
// within a few hundredths of each other), thresholds placed right at the exact values.
TEST(ExitUnit, WithinItsStatedBoundOfTheSoftmax) {
  std::mt19937_64 random(11);
  const int frac = 24;
  for (ee::Criterion criterion :
       {ee::Criterion::max_softmax, ee::Criterion::margin, ee::Criterion::entropy}) {
    for (int classes : {2, 10, 100, 1000}) {
      const double bound = ExitUnit::decisionErrorBound(criterion, classes);
      double largest = 0.0;
      int agreed = 0, checked = 0;
      for (int trial = 0; trial < 2000; ++trial) {
        std::normal_distribution<double> spread(0.0, trial % 4 == 0 ? 0.02 : trial % 4 == 1 ? 0.5 : 4.0);
        std::vector<int64_t> raw(classes);
        std::vector<double> logits(classes);
        for (int k = 0; k < classes; ++k) {
          raw[k] = std::llround(spread(random) * (1 << frac));
          logits[k] = std::ldexp(static_cast<double>(raw[k]), -frac);
        }
        const double exact = softmaxDecisionValue(criterion, logits);
        largest = std::max(largest, std::fabs(ExitUnit::value(criterion, raw, frac) - exact));
        // A threshold just beyond the bound on either side: the decision must agree.
        for (double side : {-1.0, 1.0}) {
          double threshold = exact + side * 1.01 * bound;
          if (threshold <= 0.0)
            continue;
          bool reference = criterion == ee::Criterion::entropy ? exact <= threshold
                                                               : exact >= threshold;
          ++checked;
          agreed += ExitUnit::decide(criterion, ExitUnit::quantizeThreshold(threshold), raw,
                                     frac) == reference;
        }
      }
      EXPECT_LE(largest, bound) << "criterion " << static_cast<int>(criterion) << ", "
                                << classes << " classes";
      EXPECT_EQ(agreed, checked) << "criterion " << static_cast<int>(criterion) << ", "
                                 << classes << " classes";
      EXPECT_GT(checked, 2000);
    }
  }
}

// The old unit truncated the table index, so its max-softmax was ~2e-4 low on average;
// the rounded index leaves no bias: the mean error is far below the bound.
TEST(ExitUnit, Unbiased) {
  std::mt19937_64 random(5);
  std::normal_distribution<double> spread(0.0, 0.05);
  const int frac = 20;
  double total = 0.0;
  const int trials = 20000;
  for (int trial = 0; trial < trials; ++trial) {
    std::vector<int64_t> raw(10);
    std::vector<double> logits(10);
    for (int k = 0; k < 10; ++k) {
      raw[k] = std::llround(spread(random) * (1 << frac));
      logits[k] = std::ldexp(static_cast<double>(raw[k]), -frac);
    }
    total += ExitUnit::value(ee::Criterion::max_softmax, raw, frac) -
             softmaxDecisionValue(ee::Criterion::max_softmax, logits);
  }
  EXPECT_LT(std::fabs(total / trials), 2e-6);
}

TEST(ExitUnit, Tables) {
  EXPECT_EQ(ExitUnit::expCoarseTable().front(), 1u << 20);
  EXPECT_EQ(ExitUnit::expCoarseTable().size(), 4096u);
  EXPECT_EQ(ExitUnit::expCoarseTable()[256],
            static_cast<uint32_t>(std::llround(std::ldexp(std::exp(-1.0), 20))));
  EXPECT_EQ(ExitUnit::expFineTable().size(), 256u);
  EXPECT_EQ(ExitUnit::expFineTable()[255],
            static_cast<uint32_t>(std::llround(std::ldexp(std::exp(-255.0 / 65536), 20))));
  EXPECT_EQ(ExitUnit::expOfIndex(0), 1 << 20);
  EXPECT_EQ(ExitUnit::expOfIndex(ExitUnit::kIndexLimit), 0);
  EXPECT_EQ(ExitUnit::ln2(), 726817);
  EXPECT_EQ(ExitUnit::logTable().size(), 1025u);
  EXPECT_EQ(ExitUnit::lnOfSum(1 << 20), 0);
  EXPECT_EQ(ExitUnit::lnOfSum(1 << 22), 2 * ExitUnit::ln2());
  EXPECT_NEAR(ExitUnit::lnOfSum(3 << 20), std::ldexp(std::log(3.0), 20), 2.0);
  // All logits equal: max-softmax 1/C, margin 0, entropy ln C (ln 4 = 1.386294).
  std::vector<int64_t> flat(4, 100);
  EXPECT_TRUE(ExitUnit::decide(ee::Criterion::max_softmax, ExitUnit::quantizeThreshold(0.25), flat, 4));
  EXPECT_FALSE(ExitUnit::decide(ee::Criterion::max_softmax, ExitUnit::quantizeThreshold(0.2501), flat, 4));
  EXPECT_FALSE(ExitUnit::decide(ee::Criterion::max_softmax, ExitUnit::quantizeThreshold(0.25), flat, 4,
                                /*strict=*/true));
  EXPECT_FALSE(ExitUnit::decide(ee::Criterion::margin, ExitUnit::quantizeThreshold(0.0001), flat, 4));
  EXPECT_TRUE(ExitUnit::decide(ee::Criterion::entropy, ExitUnit::quantizeThreshold(1.3863), flat, 4));
  EXPECT_FALSE(ExitUnit::decide(ee::Criterion::entropy, ExitUnit::quantizeThreshold(1.3862), flat, 4));
}

} // namespace

namespace {
/// The largest error of a table activation against the exact function over every raw
/// value of the input format (sampled when it has more than 2^20 values).
double worstTableError(TableFunction function, const FixedFormat &in, const FixedFormat &out) {
  ActivationTable table = activationTable(function, in, out);
  const int64_t lowest = -(int64_t(1) << (in.width - 1)), highest = (int64_t(1) << (in.width - 1)) - 1;
  const int64_t stride = in.width > 20 ? int64_t(1) << (in.width - 20) : 1;
  double worst = 0.0;
  for (int64_t raw = lowest; raw <= highest; raw += stride) {
    double x = rawToDouble(raw, in.frac());
    double exact = function == TableFunction::Sigmoid ? 1.0 / (1.0 + std::exp(-x)) : std::tanh(x);
    double y = rawToDouble(table.entries[static_cast<size_t>(table.index(raw))], out.frac());
    worst = std::max(worst, std::fabs(y - exact));
  }
  return worst;
}
} // namespace

// ActivationTable's stated bound: max|f'| * (step - input LSB) / 2 + half an output LSB
// inside the span, and the end entries' distance to the function's limits beyond it.
TEST(ActivationTable, WithinItsStatedBound) {
  const FixedFormat out{16, 2, Quant::TRN, Overflow::WRAP};
  const double halfLsb = std::ldexp(1.0, -out.frac() - 1);
  for (int intBits : {2, 4, 6, 8}) {
    const FixedFormat in{16, intBits, Quant::TRN, Overflow::WRAP};
    const double lsb = std::ldexp(1.0, -in.frac());
    ActivationTable sigmoid = activationTable(TableFunction::Sigmoid, in, out);
    ActivationTable tanh = activationTable(TableFunction::Tanh, in, out);
    EXPECT_LE(sigmoid.entries.size(), 1024u);
    EXPECT_LE(tanh.entries.size(), 1024u);
    double sigmoidBound = 0.25 * (std::ldexp(1.0, -sigmoid.stepBits) - lsb) / 2 + halfLsb;
    double tanhBound = 1.0 * (std::ldexp(1.0, -tanh.stepBits) - lsb) / 2 + halfLsb;
    // Beyond the span: 1 - sigmoid(8) = 3.4e-4, 1 - tanh(4) = 6.7e-4 (+ the step there).
    EXPECT_LE(worstTableError(TableFunction::Sigmoid, in, out), std::max(sigmoidBound, 3.4e-4 + halfLsb))
        << "input " << in.apType();
    EXPECT_LE(worstTableError(TableFunction::Tanh, in, out), std::max(tanhBound, 6.8e-4 + halfLsb))
        << "input " << in.apType();
  }
}

// An input no finer than the table's step indexes it exactly: every entry is the
// function at that input, rounded to the nearest output value.
TEST(ActivationTable, ExactForCoarseInputs) {
  const FixedFormat in{8, 4, Quant::TRN, Overflow::WRAP}; // step 1/16, range [-8, 8)
  const FixedFormat out{16, 2, Quant::TRN, Overflow::WRAP};
  ActivationTable table = activationTable(TableFunction::Sigmoid, in, out);
  EXPECT_EQ(table.shift, 0);
  EXPECT_EQ(table.entries.size(), 256u); // every raw value of the input
  for (int64_t raw = -128; raw < 128; ++raw) {
    double x = rawToDouble(raw, in.frac());
    double exact = 1.0 / (1.0 + std::exp(-x));
    EXPECT_LE(std::fabs(rawToDouble(table.entries[static_cast<size_t>(table.index(raw))], out.frac()) - exact),
              std::ldexp(1.0, -out.frac() - 1) + 1e-15);
  }
}

// Raw inputs drop their low bits by an arithmetic shift (floor), also below zero, and
// clamp at the table's ends.
TEST(ActivationTable, IndexFloorsAndClamps) {
  const FixedFormat in{16, 6, Quant::TRN, Overflow::WRAP}; // 10 fractional bits
  const FixedFormat out{16, 2, Quant::TRN, Overflow::WRAP};
  ActivationTable table = activationTable(TableFunction::Tanh, in, out); // step 2^-7, [-4, 4)
  EXPECT_EQ(table.stepBits, 7);
  EXPECT_EQ(table.shift, 3);
  EXPECT_EQ(table.first, -512);
  EXPECT_EQ(table.index(-1), 511);        // -2^-10 lies in [-2^-7, 0)
  EXPECT_EQ(table.index(0), 512);
  EXPECT_EQ(table.index(-32768), 0);      // -32: clamped
  EXPECT_EQ(table.index(32767), 1023);
  EXPECT_LT(rawToDouble(table.entries[511], out.frac()), 0.0);
  EXPECT_GT(rawToDouble(table.entries[512], out.frac()), 0.0);
}
