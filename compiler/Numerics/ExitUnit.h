// The division-free exit decision of fixed-point designs, shared by the reference
// interpreter and the HLS emitter (which prints the same tables for the hardware).
//
// With d_k = max(logits) - logits_k >= 0, the unit rounds d_k to the nearest multiple of
// 2^-16 (index_k = round(d_k * 2^16), saturated) and reads e_k = exp(-d_k) as the product
// of two table entries, exp(-index_hi / 2^8) * exp(-index_lo / 2^16) (index_hi the upper
// bits of index_k, index_lo its low 8 bits), rounded to units of 2^-20 (e_k = 0 for
// d_k >= 16). S = sum e_k (e_best = 2^20 exactly). Then, with t_q = round(t * 2^20):
//   max-softmax  max p = 1/S >= t          <=>  2^20 * 2^20 >= t_q * S
//   margin       p1 - p2 = (1 - e2)/S >= t  <=>  (2^20 - e2) * 2^20 >= t_q * S
//   entropy      H = ln S + sum e_k d_k / S <= t
//                <=>  S * lnS + 2^(20 - 16) * sum e_k index_k <= t_q * S
// with ln S = (msb(S) - 20) * ln 2 + ln(1 + f), f the 20 bits below the msb, from a
// 1025-entry table of ln(1 + m/1024) and linear interpolation in the next 10 bits. A
// strict exit (ee.exit `strict`) compares with > and <. Everything is integer arithmetic
// on at most 64 bits, so hardware and reference decide bit for bit alike.
//
// Error against the exact softmax of the same fixed-point logits (decisionErrorBound):
// the rounded index is unbiased and within 2^-17 of d_k (relative error of e_k at most
// eps = 7.7e-6); the table entries and the product each round by half a unit, so
// |e_k' - e_k| <= eps * e_k + 2u (u = 2^-20), and S, which is >= 1, is within
// eps * S + 2Cu. The decision equals the exact one whenever the exact criterion is
// farther from the threshold than the bound (tested in test/unit/FixedPointTest.cpp).
#ifndef EECC_NUMERICS_EXITUNIT_H
#define EECC_NUMERICS_EXITUNIT_H

#include "dialects/ee/EEOps.h"
#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <vector>

namespace eecc::numerics {

struct ExitUnit {
  static constexpr int kIndexFracBits = 16;  // logit differences in steps of 2^-16
  static constexpr int kFineBits = 8;        // index_lo: the low 8 bits of the index
  static constexpr int kCoarseSize = 4096;   // exp(-i / 256) for d < 16
  static constexpr int kFineSize = 1 << kFineBits;
  static constexpr int64_t kIndexLimit = int64_t(kCoarseSize) << kFineBits; // d >= 16: e = 0
  static constexpr int kOneBits = 20;        // e_k and thresholds in units of 2^-20
  static constexpr int kLogTableBits = 10;   // ln(1 + m / 1024), m <= 1024, interpolated
  /// The index's fixed-point format: 16 fractional bits, rounded to nearest, saturated
  /// far above kIndexLimit (the width fits any logit difference the unit can see).
  static constexpr int kIndexWidth = 32, kIndexIntBits = 16;
  /// Most classes the unit's 64-bit arithmetic allows (entropy: S * ln S < 2^63).
  static constexpr int64_t kMaxClasses = 65536;

  /// exp(-i / 2^8) in units of 2^-kOneBits, i < kCoarseSize.
  static const std::vector<uint32_t> &expCoarseTable();
  /// exp(-j / 2^16) in units of 2^-kOneBits, j < kFineSize.
  static const std::vector<uint32_t> &expFineTable();
  /// ln(1 + m / 2^kLogTableBits) in units of 2^-kOneBits, m <= 2^kLogTableBits.
  static const std::vector<uint32_t> &logTable();
  /// ln 2 in units of 2^-kOneBits.
  static int64_t ln2();
  /// The threshold in units of 2^-kOneBits (rounded to nearest).
  static int64_t quantizeThreshold(double threshold);
  /// exp(-index / 2^16) in units of 2^-kOneBits, as the hardware computes it.
  static int64_t expOfIndex(int64_t index);
  /// ln(sum * 2^-kOneBits) in units of 2^-kOneBits, sum >= 2^kOneBits.
  static int64_t lnOfSum(int64_t sum);
  /// The decision for logits given as raw fixed-point values with `frac` fractional
  /// bits; `thresholdQ` from quantizeThreshold; `strict`: > and < instead of >= and <=.
  static bool decide(ee::Criterion criterion, int64_t thresholdQ, llvm::ArrayRef<int64_t> raw,
                     int frac, bool strict = false);
  /// The criterion as the unit computes it (its integers as a double), for tests.
  static double value(ee::Criterion criterion, llvm::ArrayRef<int64_t> raw, int frac);
  /// How far the unit's criterion can be from the exact softmax criterion of the same
  /// logits (including the threshold's rounding): decisions agree beyond it.
  static double decisionErrorBound(ee::Criterion criterion, int64_t classes);
};

} // namespace eecc::numerics

#endif // EECC_NUMERICS_EXITUNIT_H
