// Fixed-point arithmetic with formats chosen at run time, bit-exact with the
// eecc::fixed / ap_fixed types the generated C++ uses (runtime/include/eecc/fixed.h,
// whose rounding primitives this reuses). Signed formats only: eecc emits ap_fixed.
#ifndef EECC_NUMERICS_FIXEDPOINT_H
#define EECC_NUMERICS_FIXEDPOINT_H

#include "eecc/fixed.h"

#include <cstdint>
#include <string>

namespace eecc::numerics {

__extension__ typedef __int128 i128;

/// ap_fixed<width, intBits, quant, overflow>; the value of raw r is r * 2^-frac().
struct FixedFormat {
  int width = 16;
  int intBits = 6;
  Quant quant = Quant::TRN;
  Overflow overflow = Overflow::WRAP;

  int frac() const { return width - intBits; }
  bool operator==(const FixedFormat &other) const {
    return width == other.width && intBits == other.intBits && quant == other.quant &&
           overflow == other.overflow;
  }
  /// "eecc::fixed<16, 6, eecc::Quant::RND, eecc::Overflow::SAT>"
  std::string cppType() const;
  /// "ap_fixed<16, 6, AP_RND, AP_SAT>" (for reports)
  std::string apType() const;
};

/// The raw value in `format` of the exact value v * 2^-srcFrac (|v| <= 2^64): quantized
/// with the format's mode, then overflow-handled; `overflowed` is set when the
/// quantized value was out of range (what a saturation count counts).
int64_t convertRaw(i128 v, int srcFrac, const FixedFormat &format, bool &overflowed);

/// The raw value in `format` of a double (its exact binary value), as a fixed type's
/// constructor from double does; NaN and infinities convert like huge values.
int64_t convertDouble(double value, const FixedFormat &format, bool &overflowed);

/// x.to_float() / x.to_double() of eecc::fixed.
float rawToFloat(int64_t raw, int frac);
double rawToDouble(int64_t raw, int frac);

/// The raw value in `format` of a clip bound, clamped to the format's range first (so
/// +-FLT_MAX bounds mean "no bound" whatever the overflow mode).
int64_t clipBoundRaw(double bound, const FixedFormat &format);

/// The raw value of 1/divisor in `format`, as the emitted reciprocal tables hold it.
int64_t reciprocalRaw(int64_t divisor, const FixedFormat &format);

} // namespace eecc::numerics

#endif // EECC_NUMERICS_FIXEDPOINT_H
