// Fixed-point conversions with run-time formats (see FixedPoint.h).
#include "compiler/Numerics/FixedPoint.h"

#include <fmt/format.h>

namespace eecc::numerics {

namespace {

const char *quantName(Quant quant) {
  static const char *const names[] = {"TRN",     "TRN_ZERO", "RND",     "RND_ZERO",
                                      "RND_MIN_INF", "RND_INF", "RND_CONV"};
  return names[static_cast<int>(quant)];
}

const char *overflowName(Overflow overflow) {
  static const char *const names[] = {"WRAP", "SAT", "SAT_ZERO", "SAT_SYM"};
  return names[static_cast<int>(overflow)];
}

/// v * 2^-d rounded with `quant`, by fixed.h's own primitive.
i128 quantize(i128 v, int d, Quant quant) {
  switch (quant) {
  case Quant::TRN:
    return detail::quantize<Quant::TRN>(v, d);
  case Quant::TRN_ZERO:
    return detail::quantize<Quant::TRN_ZERO>(v, d);
  case Quant::RND:
    return detail::quantize<Quant::RND>(v, d);
  case Quant::RND_ZERO:
    return detail::quantize<Quant::RND_ZERO>(v, d);
  case Quant::RND_MIN_INF:
    return detail::quantize<Quant::RND_MIN_INF>(v, d);
  case Quant::RND_INF:
    return detail::quantize<Quant::RND_INF>(v, d);
  case Quant::RND_CONV:
    return detail::quantize<Quant::RND_CONV>(v, d);
  }
  return v;
}

/// The result of an out-of-range value, as detail::on_overflow for a signed type.
int64_t onOverflow(bool negative, int64_t wrapped, const FixedFormat &format) {
  const int64_t rawMax = static_cast<int64_t>((static_cast<uint64_t>(1) << (format.width - 1)) - 1);
  switch (format.overflow) {
  case Overflow::WRAP:
    return wrapped;
  case Overflow::SAT:
    return negative ? -rawMax - 1 : rawMax;
  case Overflow::SAT_ZERO:
    return 0;
  case Overflow::SAT_SYM:
    return negative ? -rawMax : rawMax;
  }
  return wrapped;
}

/// The low `width` bits of q, sign-extended.
int64_t wrapBits(i128 q, int width) {
  const uint64_t low = static_cast<uint64_t>(q);
  return static_cast<int64_t>(low << (64 - width)) >> (64 - width);
}

} // namespace

std::string FixedFormat::cppType() const {
  return fmt::format("eecc::fixed<{}, {}, eecc::Quant::{}, eecc::Overflow::{}>", width, intBits,
                     quantName(quant), overflowName(overflow));
}

std::string FixedFormat::apType() const {
  return fmt::format("ap_fixed<{}, {}, AP_{}, AP_{}>", width, intBits, quantName(quant),
                     overflowName(overflow));
}

int64_t convertRaw(i128 v, int srcFrac, const FixedFormat &format, bool &overflowed) {
  overflowed = false;
  const int shift = format.frac() - srcFrac;
  i128 q;
  if (shift < 0) {
    q = quantize(v, -shift, format.quant);
  } else if (shift > 63) {
    if (v == 0)
      return 0;
    overflowed = true;
    return onOverflow(v < 0, 0, format);
  } else {
    q = detail::shl(v, shift);
  }
  const int64_t wrapped = wrapBits(q, format.width);
  if (wrapped != q) {
    overflowed = true;
    return onOverflow(q < 0, wrapped, format);
  }
  // -2^(W-1), computed without negating INT64_MIN when W is 64
  const int64_t rawMin =
      static_cast<int64_t>(uint64_t(0) - (static_cast<uint64_t>(1) << (format.width - 1)));
  if (format.overflow == Overflow::SAT_SYM && q == rawMin)
    return rawMin + 1; // SAT_SYM: -2^(W-1) becomes -max
  return wrapped;
}

int64_t convertDouble(double value, const FixedFormat &format, bool &overflowed) {
  int64_t mantissa = 0;
  int exponent = 0;
  detail::decompose(value, mantissa, exponent);
  return convertRaw(mantissa, -exponent, format, overflowed);
}

float rawToFloat(int64_t raw, int frac) {
  return static_cast<float>(static_cast<double>(static_cast<float>(raw)) * detail::pow2(-frac));
}

double rawToDouble(int64_t raw, int frac) { return static_cast<double>(raw) * detail::pow2(-frac); }

int64_t clipBoundRaw(double bound, const FixedFormat &format) {
  const double lsb = detail::pow2(-format.frac());
  const double highest = std::ldexp(1.0, format.width - 1) - 1.0, lowest = -std::ldexp(1.0, format.width - 1);
  bound = std::min(std::max(bound, lowest * lsb), highest * lsb);
  bool overflowed = false;
  return convertDouble(bound, format, overflowed);
}

int64_t reciprocalRaw(int64_t divisor, const FixedFormat &format) {
  bool overflowed = false;
  return convertDouble(1.0 / static_cast<double>(divisor), format, overflowed);
}

} // namespace eecc::numerics
