// The fixed-point interpreter's run-time formats against eecc::fixed's compile-time
// types (which test/fixed checks against SystemC), and the exit decision unit against
// the double-precision softmax it approximates.
#include "compiler/Interpreter/ExitUnit.h"
#include "compiler/Interpreter/FixedPoint.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace eecc;
using namespace eecc::interp;

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

// The unit decides as the exact softmax would, except within a small band around the
// threshold (table steps of 1/256 in the logit differences, 2^-16 in probabilities).
TEST(ExitUnit, AgreesWithTheSoftmaxAwayFromTheThreshold) {
  std::mt19937_64 random(11);
  std::normal_distribution<double> spread(0.0, 3.0);
  const int frac = 10;
  struct Case {
    ee::Criterion criterion;
    double threshold, band;
  } cases[] = {{ee::Criterion::max_softmax, 0.9, 0.01},
               {ee::Criterion::margin, 0.5, 0.01},
               {ee::Criterion::entropy, 0.4, 0.02}};
  for (const Case &c : cases) {
    int decided = 0, checked = 0;
    for (int trial = 0; trial < 20000; ++trial) {
      std::vector<int64_t> raw(10);
      std::vector<double> logits(10);
      for (int k = 0; k < 10; ++k) {
        raw[k] = std::llround(spread(random) * (1 << frac));
        logits[k] = std::ldexp(static_cast<double>(raw[k]), -frac);
      }
      double value = softmaxDecisionValue(c.criterion, logits);
      bool reference = c.criterion == ee::Criterion::entropy ? value <= c.threshold
                                                             : value >= c.threshold;
      if (std::fabs(value - c.threshold) < c.band)
        continue;
      ++checked;
      bool unit = ExitUnit::decide(c.criterion, ExitUnit::quantizeThreshold(c.threshold), raw, frac);
      EXPECT_EQ(unit, reference) << "criterion " << static_cast<int>(c.criterion) << " value "
                                 << value;
      decided += unit;
    }
    EXPECT_GT(checked, 10000);
    EXPECT_GT(decided, 100); // both outcomes occur
    EXPECT_LT(decided, checked - 100);
  }
}

TEST(ExitUnit, Tables) {
  EXPECT_EQ(ExitUnit::expTable().front(), 65536u);
  EXPECT_EQ(ExitUnit::expTable().size(), 4096u);
  EXPECT_EQ(ExitUnit::expTable()[256], static_cast<uint32_t>(std::llround(65536 * std::exp(-1.0))));
  EXPECT_EQ(ExitUnit::ln2(), 45426);
  EXPECT_EQ(ExitUnit::logTable().size(), 256u);
  // All logits equal: max-softmax 1/C, margin 0, entropy ln C (ln 4 = 1.3863; the log
  // table's midpoints put the unit within 0.002 of it).
  std::vector<int64_t> flat(4, 100);
  EXPECT_TRUE(ExitUnit::decide(ee::Criterion::max_softmax, ExitUnit::quantizeThreshold(0.25), flat, 4));
  EXPECT_FALSE(ExitUnit::decide(ee::Criterion::max_softmax, ExitUnit::quantizeThreshold(0.26), flat, 4));
  EXPECT_FALSE(ExitUnit::decide(ee::Criterion::margin, ExitUnit::quantizeThreshold(0.01), flat, 4));
  EXPECT_TRUE(ExitUnit::decide(ee::Criterion::entropy, ExitUnit::quantizeThreshold(1.39), flat, 4));
  EXPECT_FALSE(ExitUnit::decide(ee::Criterion::entropy, ExitUnit::quantizeThreshold(1.38), flat, 4));
}

} // namespace
