// The division-free fixed-point exit decision (see ExitUnit.h).
#include "ExitUnit.h"

#include "FixedPoint.h"

#include <cmath>

namespace eecc::interp {

const std::vector<uint32_t> &ExitUnit::expTable() {
  static const std::vector<uint32_t> table = [] {
    std::vector<uint32_t> values(kTableSize);
    for (int i = 0; i < kTableSize; ++i)
      values[i] = static_cast<uint32_t>(
          std::llround(std::ldexp(std::exp(-std::ldexp(i, -kIndexFracBits)), kOneBits)));
    return values;
  }();
  return table;
}

const std::vector<uint32_t> &ExitUnit::logTable() {
  static const std::vector<uint32_t> table = [] {
    std::vector<uint32_t> values(1 << kLogTableBits);
    for (int m = 0; m < (1 << kLogTableBits); ++m)
      values[m] = static_cast<uint32_t>(std::llround(
          std::ldexp(std::log1p(std::ldexp(m + 0.5, -kLogTableBits)), kOneBits)));
    return values;
  }();
  return table;
}

int64_t ExitUnit::ln2() { return std::llround(std::ldexp(std::log(2.0), kOneBits)); }

int64_t ExitUnit::quantizeThreshold(double threshold) {
  // Verified thresholds lie in [0, ln C]; the clamp keeps t_q * S inside 64 bits anyway.
  if (!(threshold > 0.0))
    return 0;
  return std::llround(std::ldexp(std::min(threshold, 256.0), kOneBits));
}

bool ExitUnit::decide(ee::Criterion criterion, int64_t thresholdQ, llvm::ArrayRef<int64_t> raw,
                      int frac, bool strict) {
  size_t best = 0;
  for (size_t k = 1; k < raw.size(); ++k)
    if (raw[k] > raw[best])
      best = k;
  // The index of d_k: floor(d_k * 2^8), saturated (ap_fixed<24, 16, AP_TRN, AP_SAT>).
  const FixedFormat indexFormat{24, 24 - kIndexFracBits, Quant::TRN, Overflow::SAT};
  const std::vector<uint32_t> &exps = expTable();
  int64_t sum = 0, second = 0, weighted = 0;
  for (size_t k = 0; k < raw.size(); ++k) {
    bool overflowed = false;
    int64_t index = convertRaw(static_cast<i128>(raw[best]) - raw[k], frac, indexFormat, overflowed);
    int64_t e = index < kTableSize ? exps[index] : 0;
    sum += e;
    weighted += e * index;
    if (k != best && e > second)
      second = e;
  }
  const int64_t one = int64_t(1) << kOneBits;
  // larger >= smaller, or > when strict (a tie never exits then).
  auto passes = [strict](int64_t larger, int64_t smaller) {
    return strict ? larger > smaller : larger >= smaller;
  };
  switch (criterion) {
  case ee::Criterion::max_softmax:
    return passes(one * one, thresholdQ * sum);
  case ee::Criterion::margin:
    return passes((one - second) * one, thresholdQ * sum);
  case ee::Criterion::entropy: {
    int msb = 63 - __builtin_clzll(static_cast<uint64_t>(sum));
    int64_t mantissa = (sum >> (msb - kLogTableBits)) & ((1 << kLogTableBits) - 1);
    int64_t lnSum = (msb - kOneBits) * ln2() + logTable()[mantissa];
    return passes(thresholdQ * sum, sum * lnSum + (weighted << (kOneBits - kIndexFracBits)));
  }
  }
  return false;
}

} // namespace eecc::interp
