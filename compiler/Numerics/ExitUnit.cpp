// The division-free fixed-point exit decision (see ExitUnit.h).
#include "compiler/Numerics/ExitUnit.h"

#include "compiler/Numerics/FixedPoint.h"

#include <cmath>

namespace eecc::numerics {

namespace {
std::vector<uint32_t> tableOf(int size, double (*value)(int)) {
  std::vector<uint32_t> values(size);
  for (int i = 0; i < size; ++i)
    values[i] = static_cast<uint32_t>(std::llround(std::ldexp(value(i), ExitUnit::kOneBits)));
  return values;
}

/// The unit's integers for one set of logits.
struct Sums {
  int64_t sum = 0, second = 0, weighted = 0;
};

Sums sumsOf(llvm::ArrayRef<int64_t> raw, int frac) {
  size_t best = 0;
  for (size_t k = 1; k < raw.size(); ++k)
    if (raw[k] > raw[best])
      best = k;
  // index_k = round(d_k * 2^16), saturated (ap_fixed<32, 16, AP_RND, AP_SAT>).
  const FixedFormat indexFormat{ExitUnit::kIndexWidth, ExitUnit::kIndexIntBits, Quant::RND,
                                Overflow::SAT};
  Sums sums;
  for (size_t k = 0; k < raw.size(); ++k) {
    bool overflowed = false;
    int64_t index = convertRaw(static_cast<i128>(raw[best]) - raw[k], frac, indexFormat, overflowed);
    int64_t e = ExitUnit::expOfIndex(index);
    sums.sum += e;
    if (index < ExitUnit::kIndexLimit)
      sums.weighted += e * index;
    if (k != best && e > sums.second)
      sums.second = e;
  }
  return sums;
}
} // namespace

const std::vector<uint32_t> &ExitUnit::expCoarseTable() {
  static const std::vector<uint32_t> table =
      tableOf(kCoarseSize, [](int i) { return std::exp(-std::ldexp(i, kFineBits - kIndexFracBits)); });
  return table;
}

const std::vector<uint32_t> &ExitUnit::expFineTable() {
  static const std::vector<uint32_t> table =
      tableOf(kFineSize, [](int j) { return std::exp(-std::ldexp(j, -kIndexFracBits)); });
  return table;
}

const std::vector<uint32_t> &ExitUnit::logTable() {
  static const std::vector<uint32_t> table = tableOf(
      (1 << kLogTableBits) + 1, [](int m) { return std::log1p(std::ldexp(m, -kLogTableBits)); });
  return table;
}

int64_t ExitUnit::ln2() { return std::llround(std::ldexp(std::log(2.0), kOneBits)); }

int64_t ExitUnit::quantizeThreshold(double threshold) {
  // Verified thresholds lie in [0, ln C]; the clamp keeps t_q * S inside 64 bits anyway.
  if (!(threshold > 0.0))
    return 0;
  return std::llround(std::ldexp(std::min(threshold, 64.0), kOneBits));
}

int64_t ExitUnit::expOfIndex(int64_t index) {
  if (index < 0 || index >= kIndexLimit)
    return 0;
  const int64_t product = int64_t(expCoarseTable()[index >> kFineBits]) *
                          int64_t(expFineTable()[index & (kFineSize - 1)]);
  return (product + (int64_t(1) << (kOneBits - 1))) >> kOneBits;
}

int64_t ExitUnit::lnOfSum(int64_t sum) {
  int msb = 63 - __builtin_clzll(static_cast<uint64_t>(sum));
  // The kOneBits bits below the msb: f in [0, 1) in units of 2^-kOneBits.
  const int64_t below = sum - (int64_t(1) << msb);
  const int64_t f = msb >= kOneBits ? below >> (msb - kOneBits) : below << (kOneBits - msb);
  const int interpolationBits = kOneBits - kLogTableBits;
  const int64_t m = f >> interpolationBits, r = f & ((int64_t(1) << interpolationBits) - 1);
  const int64_t low = logTable()[m], high = logTable()[m + 1];
  const int64_t lnMantissa =
      low + (((high - low) * r + (int64_t(1) << (interpolationBits - 1))) >> interpolationBits);
  return (msb - kOneBits) * ln2() + lnMantissa;
}

bool ExitUnit::decide(ee::Criterion criterion, int64_t thresholdQ, llvm::ArrayRef<int64_t> raw,
                      int frac, bool strict) {
  const Sums s = sumsOf(raw, frac);
  const int64_t one = int64_t(1) << kOneBits;
  // larger >= smaller, or > when strict (a tie never exits then).
  auto passes = [strict](int64_t larger, int64_t smaller) {
    return strict ? larger > smaller : larger >= smaller;
  };
  switch (criterion) {
  case ee::Criterion::max_softmax:
    return passes(one * one, thresholdQ * s.sum);
  case ee::Criterion::margin:
    return passes((one - s.second) * one, thresholdQ * s.sum);
  case ee::Criterion::entropy:
    return passes(thresholdQ * s.sum,
                  s.sum * lnOfSum(s.sum) + (s.weighted << (kOneBits - kIndexFracBits)));
  }
  return false;
}

double ExitUnit::value(ee::Criterion criterion, llvm::ArrayRef<int64_t> raw, int frac) {
  const Sums s = sumsOf(raw, frac);
  const double one = std::ldexp(1.0, kOneBits), sum = static_cast<double>(s.sum);
  switch (criterion) {
  case ee::Criterion::max_softmax:
    return one / sum;
  case ee::Criterion::margin:
    return (one - static_cast<double>(s.second)) / sum;
  case ee::Criterion::entropy:
    return (static_cast<double>(lnOfSum(s.sum)) +
            std::ldexp(static_cast<double>(s.weighted), kOneBits - kIndexFracBits) / sum) /
           one;
  }
  return 0.0;
}

double ExitUnit::decisionErrorBound(ee::Criterion criterion, int64_t classes) {
  const double eps = std::expm1(std::ldexp(1.0, -kIndexFracBits - 1)) + 1e-9;
  const double unit = std::ldexp(1.0, -kOneBits);
  const double c = static_cast<double>(classes);
  const double sumError = eps + 2.0 * c * unit; // |S' - S| / S, S >= 1
  const double threshold = unit / 2;
  switch (criterion) {
  case ee::Criterion::max_softmax:
    return sumError + threshold;
  case ee::Criterion::margin:
    return 2.0 * eps + 2.0 * (c + 1.0) * unit + threshold;
  case ee::Criterion::entropy: {
    // ln S: sumError, plus the table's rounding and interpolation (2 units); sum e_k d_k / S:
    // each e_k off by eps * e_k + 2 units with d_k < 16, each d_k off by 2^-17, and S's
    // relative error times the term (at most ln C).
    const double lnC = std::log(std::max(c, 2.0));
    return sumError + 2.0 * unit + 16.0 * (eps + 2.0 * c * unit) + eps + sumError * lnC +
           threshold;
  }
  }
  return 0.0;
}

} // namespace eecc::numerics
