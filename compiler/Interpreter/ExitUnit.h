// The division-free exit decision of fixed-point designs, shared by the reference
// interpreter and the HLS emitter (which prints the same tables for the hardware).
//
// With d_k = max(logits) - logits_k, the unit reads e_k = exp(-d_k) from a table
// indexed by d_k in steps of 2^-kIndexFracBits (e_k = 0 past the table), in units of
// 2^-kOneBits, and S = sum e_k. Then, with t the threshold in the same units:
//   max-softmax  max p = 1/S >= t          <=>  2^kOneBits * 2^kOneBits >= t * S
//   margin       p1 - p2 = (1 - e2)/S >= t  <=>  (2^kOneBits - e2) * 2^kOneBits >= t * S
//   entropy      H = ln S + sum e_k d_k / S <= t
//                <=>  S * lnS + 2^(kOneBits - kIndexFracBits) * sum e_k idx_k <= t * S
// with ln S = (msb(S) - kOneBits) * ln 2 + ln(1 + mantissa) from a 256-entry table.
// Everything is integer arithmetic on at most 64 bits, so hardware and reference
// decide bit for bit alike.
#ifndef EECC_INTERPRETER_EXITUNIT_H
#define EECC_INTERPRETER_EXITUNIT_H

#include "dialects/ee/EEOps.h"
#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <vector>

namespace eecc::interp {

struct ExitUnit {
  static constexpr int kIndexFracBits = 8;  // logit differences in steps of 1/256
  static constexpr int kTableSize = 4096;   // exp(-d) for d < 16; 0 beyond
  static constexpr int kOneBits = 16;       // e_k and thresholds in units of 2^-16
  static constexpr int kLogTableBits = 8;   // ln(1 + m) for 8 mantissa bits

  /// exp(-i / 2^kIndexFracBits) in units of 2^-kOneBits, i < kTableSize.
  static const std::vector<uint32_t> &expTable();
  /// ln(1 + (m + 0.5) / 256) in units of 2^-kOneBits, m < 256.
  static const std::vector<uint32_t> &logTable();
  /// ln 2 in units of 2^-kOneBits.
  static int64_t ln2();
  /// The threshold in units of 2^-kOneBits (rounded to nearest).
  static int64_t quantizeThreshold(double threshold);
  /// The decision for logits given as raw fixed-point values with `frac` fractional
  /// bits; `thresholdQ` from quantizeThreshold.
  /// `strict`: the criterion must pass the threshold strictly (ee.exit `strict`).
  static bool decide(ee::Criterion criterion, int64_t thresholdQ, llvm::ArrayRef<int64_t> raw,
                     int frac, bool strict = false);
};

} // namespace eecc::interp

#endif // EECC_INTERPRETER_EXITUNIT_H
