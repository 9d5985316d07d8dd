// eecc/fixed.h - the fixed-point type of eecc's generated HLS C++.
//
//   eecc::fixed <W, I, Q = Quant::TRN, O = Overflow::WRAP>   signed, two's complement
//   eecc::ufixed<W, I, Q = Quant::TRN, O = Overflow::WRAP>   unsigned
//
// (On the host both are aliases of eecc::basic_fixed<W, I, Signed, Q, O>; under HLS, of
// ap_fixed / ap_ufixed. Write templates over `class T` + eecc::fixed_traits<T> rather
// than deducing Q and O through the alias: ap_fixed's mode arguments are not deducible.)
//
// W is the total number of bits (1..64), I the number of integer bits, sign included.
// The value of a fixed is raw * 2^-(W-I): F = W - I fractional bits, LSB = 2^-F.
// I may be larger than W (F < 0: the LSB is 2, 4, ...) or negative (every bit is
// fractional), exactly as in ap_fixed / sc_fixed.
//
// ---------------------------------------------------------------------------------
// Two implementations behind one spelling
// ---------------------------------------------------------------------------------
// * Default (host C-simulation, tests): the self-contained, header-only C++17 class
//   below; no dependency but the standard library. Everything is inline arithmetic on
//   int64_t / __int128, with no per-bit loops.
// * When __SYNTHESIS__ (Vitis HLS) or EECC_USE_AP_FIXED is defined, <ap_fixed.h> is
//   included instead and
//       template <int W, int I, Quant Q, Overflow O>
//       using fixed = ap_fixed<W, I, AP_<Q>, AP_<O>>;   (ufixed -> ap_ufixed)
//   with the modes mapped one to one (Quant::RND -> AP_RND, Overflow::SAT -> AP_SAT,
//   ...). Generated code that keeps to the common subset compiles unchanged:
//     - construction / assignment from double, float, integers and any other fixed;
//     - + - * between fixed values (and with integers), += -= *=, unary -,
//       ++ --, == != < <= > >= (also with integers and double);
//     - x.to_double(), x.to_float(), x.to_int(), x.to_int64();
//     - fixed::width, fixed::iwidth and eecc::fixed_traits<T> (width, int_bits,
//       frac_bits, is_signed, min(), max(), epsilon());
//     - eecc::fixed_from_raw<T>(bits): the value whose raw bits are `bits`.
//   Host-only (not in ap_fixed): raw(), from_raw(), qmode/omode/frac_bits members,
//   constexpr evaluation. Host-stricter: conversions out of a fixed (to double, int,
//   bool) are explicit here while ap_fixed converts implicitly, and there is no
//   arithmetic with double operands, no /, no bit ops or shifts.
//
// ---------------------------------------------------------------------------------
// Semantics (those of ap_fixed and of SystemC's sc_fixed; checked bit-exact against
// sc_fixed by test/fixed/fixed_vs_sc_fixed.cpp)
// ---------------------------------------------------------------------------------
// Every conversion INTO a fixed type - from double/float (the exact binary value of
// the double), from an integer, or from another fixed (this is what assignment
// between fixed types does) - first quantizes the exact source value to the target's
// LSB with the *target's* Q, then handles overflow with the *target's* O. Examples
// with fixed<8,8> (integers, range -128..127) unless noted:
//
//   Quant::TRN          truncate toward -inf (drop bits)    2.7 -> 2,  -2.2 -> -3
//   Quant::TRN_ZERO     truncate toward zero                2.7 -> 2,  -2.7 -> -2
//   Quant::RND          nearest, ties toward +inf (AP_RND)  2.5 -> 3,  -2.5 -> -2
//   Quant::RND_ZERO     nearest, ties toward zero           2.5 -> 2,  -2.5 -> -2
//   Quant::RND_MIN_INF  nearest, ties toward -inf           2.5 -> 2,  -2.5 -> -3
//   Quant::RND_INF      nearest, ties away from zero        2.5 -> 3,  -2.5 -> -3
//   Quant::RND_CONV     nearest, ties to even (convergent)  2.5 -> 2,   3.5 -> 4
//   (all RND* modes agree off ties: 2.4 -> 2, 2.6 -> 3, -2.6 -> -3)
//
//   Overflow::WRAP      keep the low W bits (two's complement wrap)   130 -> -126
//   Overflow::SAT       clamp to [min, max]                 130 -> 127, -129 -> -128
//   Overflow::SAT_ZERO  any overflow gives 0                130 -> 0,   -129 -> 0
//   Overflow::SAT_SYM   clamp to [-max, max]                130 -> 127, -129 -> -127
//                       and -2^(W-1) itself becomes -max:  -128 -> -127
//                       (ufixed: same as SAT; fixed<1,1>: every value becomes 0,
//                       see "deviations" below)
//
// NaN and +-inf convert like a huge value of their sign (ap_fixed does the same;
// sc_fixed rejects them): SAT -> max/min, WRAP -> 0.
//
// Arithmetic is exact, with ap_fixed's full-precision result types (modes TRN/WRAP):
//   a + b : fixed<Im + 1 + Fm, Im + 1>   Im = max integer bits, Fm = max fractional
//   a - b : same width, always signed    bits (a ufixed operand counts one more
//   a * b : fixed<W1 + W2, I1 + I2>      integer bit when the other one is signed)
//   -a    : fixed<W + 1, I + 1>
//   (a + b and a * b are ufixed when both operands are ufixed.)
//   An integer operand counts as fixed<bits, bits> of its type (int: fixed<32,32>).
//   The result is rounded/saturated only when it is assigned to a narrower type, and
//   a += b, a -= b, a *= b, ++a, --a are a = a op b: requantized with a's modes.
//   LIMIT: the full-precision result must fit 64 bits; a wider one is a compile-time
//   error (static_assert) - convert an operand to a narrower type first.
// Comparisons are exact across formats (and with integers); comparing with a double
// compares to_double(), as ap_fixed does.
// to_double() / to_float() round to nearest even (exact for W <= 53 / W <= 24);
// to_int() / to_int64() truncate toward zero like a C cast.
//
// Deviations from ap_fixed (the class follows sc_fixed where the two differ):
//   fixed<1, I, *, SAT_SYM>: max = 0, so -max = 0 and every conversion yields 0 (as
//   in sc_fixed); ap_fixed's SAT_SYM yields the bit pattern 1 (= -2^(I-1)) for
//   negative values of this degenerate 1-bit type.
// Host limits: 1 <= W <= 64, |W - I| <= 1000. Relies on __int128 and on arithmetic
// right shift of negative integers (GCC and Clang).

#ifndef EECC_RUNTIME_FIXED_H
#define EECC_RUNTIME_FIXED_H

namespace eecc {

/// Quantization (rounding) mode: what happens to bits below the target's LSB.
enum class Quant { TRN, TRN_ZERO, RND, RND_ZERO, RND_MIN_INF, RND_INF, RND_CONV };

/// Overflow mode: what happens to a value outside the target's range.
enum class Overflow { WRAP, SAT, SAT_ZERO, SAT_SYM };

/// Format and limits of a fixed type T: width, int_bits, frac_bits, is_signed,
/// min() (most negative representable), max(), epsilon() (the LSB).
template <class T> struct fixed_traits;

} // namespace eecc

#if defined(__SYNTHESIS__) || defined(EECC_USE_AP_FIXED)
// =================================================================================
// Vitis HLS: ap_fixed / ap_ufixed under the same names.
// =================================================================================
#include <ap_fixed.h>

namespace eecc {
namespace detail {

constexpr ap_q_mode ap_quant(Quant q) {
  return q == Quant::TRN           ? AP_TRN
         : q == Quant::TRN_ZERO    ? AP_TRN_ZERO
         : q == Quant::RND         ? AP_RND
         : q == Quant::RND_ZERO    ? AP_RND_ZERO
         : q == Quant::RND_MIN_INF ? AP_RND_MIN_INF
         : q == Quant::RND_INF     ? AP_RND_INF
                                   : AP_RND_CONV;
}

constexpr ap_o_mode ap_overflow(Overflow o) {
  return o == Overflow::WRAP       ? AP_WRAP
         : o == Overflow::SAT      ? AP_SAT
         : o == Overflow::SAT_ZERO ? AP_SAT_ZERO
                                   : AP_SAT_SYM;
}

// Limits are built on the raw bits (V), as ap_fixed's own overflow_adjust does.
template <class T, int W, int I, bool S> struct ap_traits {
  static constexpr int width = W;
  static constexpr int int_bits = I;
  static constexpr int frac_bits = W - I;
  static constexpr bool is_signed = S;
  static T min() {
    T r;
    r.V = 0;
    if (S) {
      r.V = 1;
      r.V <<= W - 1;
    }
    return r;
  }
  static T max() {
    T r;
    if (S) {
      r.V = 1;
      r.V <<= W - 1;
      r.V = ~r.V;
    } else {
      r.V = 0;
      r.V = ~r.V;
    }
    return r;
  }
  static T epsilon() {
    T r;
    r.V = 1;
    return r;
  }
};

} // namespace detail

template <int W, int I, Quant Q = Quant::TRN, Overflow O = Overflow::WRAP>
using fixed = ap_fixed<W, I, detail::ap_quant(Q), detail::ap_overflow(O)>;

template <int W, int I, Quant Q = Quant::TRN, Overflow O = Overflow::WRAP>
using ufixed = ap_ufixed<W, I, detail::ap_quant(Q), detail::ap_overflow(O)>;

template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct fixed_traits<ap_fixed<W, I, Q, O, N>>
    : detail::ap_traits<ap_fixed<W, I, Q, O, N>, W, I, true> {};

template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct fixed_traits<ap_ufixed<W, I, Q, O, N>>
    : detail::ap_traits<ap_ufixed<W, I, Q, O, N>, W, I, false> {};


/// The fixed value whose raw bits (two's complement, low W bits) are `raw`: how the
/// generated code stores weights compactly as integers.
template <class T> T fixed_from_raw(long long raw) {
  T x;
  x.range(fixed_traits<T>::width - 1, 0) = raw;
  return x;
}

} // namespace eecc

#else
// =================================================================================
// Host implementation.
// =================================================================================
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace eecc {

template <int W, int I, bool S, Quant Q = Quant::TRN, Overflow O = Overflow::WRAP>
class basic_fixed;

template <int W, int I, Quant Q = Quant::TRN, Overflow O = Overflow::WRAP>
using fixed = basic_fixed<W, I, true, Q, O>;

template <int W, int I, Quant Q = Quant::TRN, Overflow O = Overflow::WRAP>
using ufixed = basic_fixed<W, I, false, Q, O>;

namespace detail {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

/// v * 2^s for 0 <= s < 128 (64), computed without signed-shift UB (exact when it fits).
constexpr i128 shl(i128 v, int s) { return static_cast<i128>(static_cast<u128>(v) << s); }
constexpr std::int64_t shl(std::int64_t v, int s) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(v) << s);
}

/// The low s bits of v (0 <= s < bits of Int).
template <class Int> constexpr Int low_bits(Int v, int s) { return v & (shl(Int(1), s) - 1); }

/// Every value fed to quantize()/convert() is an integer with |v| <= 2^64 (a raw value,
/// a double's 53-bit significand or a C integer), so shifting it right by more than 66
/// bits yields the same floor, guard and sticky bits as by 96: shifts are clamped.
constexpr int kMaxShift = 96;

/// Rounds v * 2^-d (d >= 1) to an integer with mode Q. Int is i128, or int64_t when
/// |v| < 2^62 and d <= 62 (the fast path for doubles).
template <Quant Q, class Int> constexpr Int quantize(Int v, int d) {
  if (d > kMaxShift)
    d = kMaxShift;
  const Int floor = v >> d;                    // arithmetic shift: toward -inf
  const bool guard = (v >> (d - 1)) & 1;       // the bit worth half an LSB
  const bool sticky = low_bits(v, d - 1) != 0; // anything below the guard bit
  const bool neg = v < 0;
  bool up = false; // add one LSB to floor?
  if constexpr (Q == Quant::TRN)
    up = false;
  else if constexpr (Q == Quant::TRN_ZERO)
    up = neg && (guard || sticky);
  else if constexpr (Q == Quant::RND)
    up = guard;
  else if constexpr (Q == Quant::RND_ZERO)
    up = guard && (sticky || neg);
  else if constexpr (Q == Quant::RND_MIN_INF)
    up = guard && sticky;
  else if constexpr (Q == Quant::RND_INF)
    up = guard && (sticky || !neg);
  else // RND_CONV: ties go to the even neighbour
    up = guard && (sticky || (floor & 1));
  return floor + up;
}

/// Range of the raw value of a W-bit (un)signed type.
template <int W, bool S> constexpr i128 raw_min() { return S ? -shl(i128(1), W - 1) : 0; }
template <int W, bool S> constexpr i128 raw_max() {
  return S ? shl(i128(1), W - 1) - 1 : shl(i128(1), W) - 1;
}

/// Overflow handling: the result for a value outside the range, given its sign and its
/// low W bits (already sign/zero-extended).
template <int W, bool S, Overflow O> constexpr i128 on_overflow(bool negative, i128 wrapped) {
  if constexpr (O == Overflow::WRAP)
    return wrapped;
  else if constexpr (O == Overflow::SAT)
    return negative ? raw_min<W, S>() : raw_max<W, S>();
  else if constexpr (O == Overflow::SAT_ZERO)
    return 0;
  else // SAT_SYM: [-max, max]; unsigned types saturate to [0, max]
    return negative ? (S ? -raw_max<W, S>() : 0) : raw_max<W, S>();
}

/// Low W bits of q, sign-extended (S) or zero-extended: two shifts on 64 bits.
template <int W, bool S> constexpr i128 wrap(i128 q) {
  const std::uint64_t low = static_cast<std::uint64_t>(q); // q mod 2^64
  if constexpr (S)
    return static_cast<std::int64_t>(low << (64 - W)) >> (64 - W);
  else
    return (low << (64 - W)) >> (64 - W);
}

/// Overflow stage: the raw value of a W-bit type with mode O for the (already quantized)
/// integer q.
template <int W, bool S, Overflow O> constexpr i128 fit(i128 q) {
  const i128 wrapped = wrap<W, S>(q);
  if (wrapped != q) // out of range
    return on_overflow<W, S, O>(q < 0, wrapped);
  if (O == Overflow::SAT_SYM && S && q == raw_min<W, S>())
    return -raw_max<W, S>(); // SAT_SYM treats -2^(W-1) as an overflow too
  return q;
}

/// The raw value, in a W-bit type with F fractional bits and modes Q/O, of the exact
/// value v * 2^-src_frac (|v| <= 2^64).
template <int W, int F, bool S, Quant Q, Overflow O> constexpr i128 convert(i128 v, int src_frac) {
  const int shift = F - src_frac; // > 0: the target has more fractional bits
  if (shift < 0)
    return fit<W, S, O>(quantize<Q>(v, -shift));
  if (shift > 63) // |v * 2^shift| >= 2^64 unless v == 0: out of range, low W bits all 0
    return v == 0 ? 0 : on_overflow<W, S, O>(v < 0, 0);
  return fit<W, S, O>(shl(v, shift)); // |v| <= 2^64, shift <= 63: fits in 127 bits
}

/// convert() from another fixed type (W2 bits, F2 fractional; a compile-time shift) in
/// 64-bit arithmetic when every step fits: a source of at most 61 bits (|v| < 2^61), a
/// target of at most 62, and a left shift that stays below 2^62. Same results, a few
/// instructions instead of 128-bit ones (the C-simulation requantizes every output).
template <int W, int F, bool S, Quant Q, Overflow O, int W2, int F2>
constexpr i128 convert_fixed(i128 v) {
  constexpr int shift = F - F2;
  constexpr bool narrow = W2 <= 61 && W <= 62 && (shift < 0 ? -shift <= 62 : W2 + shift <= 61);
  if constexpr (narrow) {
    const std::int64_t x = static_cast<std::int64_t>(v);
    std::int64_t q = x;
    if constexpr (shift < 0)
      q = quantize<Q>(x, -shift);
    else if constexpr (shift > 0)
      q = shl(x, shift);
    const std::uint64_t low = static_cast<std::uint64_t>(q) << (64 - W);
    const std::int64_t wrapped = S ? static_cast<std::int64_t>(low) >> (64 - W)
                                   : static_cast<std::int64_t>(low >> (64 - W));
    if (wrapped != q)
      return on_overflow<W, S, O>(q < 0, wrapped);
    if (O == Overflow::SAT_SYM && S && q == raw_min<W, S>())
      return -raw_max<W, S>();
    return q;
  } else {
    return convert<W, F, S, Q, O>(v, F2);
  }
}

/// A double as v * 2^exp exactly (|v| < 2^53). NaN and inf become +-2^1024.
inline void decompose(double d, std::int64_t &v, int &exp) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &d, sizeof bits);
  const bool neg = bits >> 63;
  const int biased = static_cast<int>((bits >> 52) & 0x7ff);
  std::uint64_t mant = bits & ((std::uint64_t(1) << 52) - 1);
  if (biased == 0x7ff) { // inf or NaN
    mant = 1;
    exp = 1024;
  } else if (biased == 0) { // zero or subnormal
    exp = -1074;
  } else {
    mant |= std::uint64_t(1) << 52;
    exp = biased - 1075;
  }
  v = neg ? -static_cast<std::int64_t>(mant) : static_cast<std::int64_t>(mant);
}

/// Three-way comparison of a * 2^-fa and b * 2^-fb (|a|, |b| <= 2^64).
template <int Fa, int Fb> constexpr int compare(i128 a, i128 b) {
  if constexpr (Fa < Fb) {
    return -compare<Fb, Fa>(b, a);
  } else if constexpr (Fa == Fb) {
    return (a > b) - (a < b);
  } else {
    // a vs b * 2^s: compare floor(a / 2^s) with b, then whether a remainder is left.
    constexpr int s = Fa - Fb > kMaxShift ? kMaxShift : Fa - Fb;
    const i128 floor = a >> s;
    if (floor != b)
      return floor > b ? 1 : -1;
    return low_bits(a, s) != 0 ? 1 : 0;
  }
}

/// 2^e as a double, for compile-time constants.
constexpr double pow2(int e) {
  double r = 1.0;
  for (; e > 0; --e)
    r *= 2.0;
  for (; e < 0; ++e)
    r *= 0.5;
  return r;
}

template <class T> constexpr bool is_int_v = std::is_integral_v<T>;

/// The fixed type an integer operand stands for: int -> fixed<32,32>, bool -> ufixed<1,1>.
template <class T>
using int_fixed = basic_fixed<static_cast<int>(sizeof(T) * 8) - (std::is_same_v<T, bool> ? 7 : 0),
                              static_cast<int>(sizeof(T) * 8) - (std::is_same_v<T, bool> ? 7 : 0),
                              std::is_signed_v<T>>;

/// Full-precision result types of + - * (the rules of ap_fixed's RType).
template <int W1, int I1, bool S1, int W2, int I2, bool S2> struct arith {
  static constexpr int F1 = W1 - I1, F2 = W2 - I2;
  static constexpr int F = F1 > F2 ? F1 : F2;
  // An unsigned operand needs one more integer bit when the result is signed.
  static constexpr int Ia = I1 + (S2 && !S1), Ib = I2 + (S1 && !S2);
  static constexpr int Isum = (Ia > Ib ? Ia : Ib) + 1;
  static constexpr int plus_w = Isum + F;
};

template <int W1, int I1, bool S1, int W2, int I2, bool S2> struct plus_type {
  using A = arith<W1, I1, S1, W2, I2, S2>;
  static_assert(A::plus_w <= 64, "eecc::fixed: the exact sum/difference needs more than 64 "
                                 "bits; convert an operand to a narrower fixed type first");
  using type = basic_fixed<A::plus_w, A::Isum, S1 || S2>;
  using minus = basic_fixed<A::plus_w, A::Isum, true>;
};

template <int W1, int I1, bool S1, int W2, int I2, bool S2> struct mult_type {
  static_assert(W1 + W2 <= 64, "eecc::fixed: the exact product needs more than 64 bits; "
                               "convert an operand to a narrower fixed type first");
  using type = basic_fixed<W1 + W2, I1 + I2, S1 || S2>;
};

} // namespace detail

template <int W, int I, bool S, Quant Q, Overflow O> class basic_fixed {
  static_assert(W >= 1 && W <= 64, "eecc::fixed: W must be 1..64");
  static_assert(W - I >= -1000 && W - I <= 1000, "eecc::fixed: |W - I| must be <= 1000");

  template <class T> using if_int = std::enable_if_t<detail::is_int_v<T>, int>;
  static constexpr int F = W - I;

public:
  using raw_type = std::conditional_t<S, std::int64_t, std::uint64_t>;

  static constexpr int width = W;  ///< ap_fixed's name
  static constexpr int iwidth = I; ///< ap_fixed's name
  static constexpr int frac_bits = F;
  static constexpr bool is_signed = S;
  static constexpr Quant qmode = Q;
  static constexpr Overflow omode = O;

  /// Zero (ap_fixed leaves a default-constructed value undefined).
  constexpr basic_fixed() = default;

  /// The exact value of d, quantized with Q, then overflow-handled with O.
  basic_fixed(double d) {
    std::int64_t v = 0;
    int exp = 0;
    detail::decompose(d, v, exp);
    const int shift = F + exp;      // d = v * 2^exp = (v * 2^shift) LSBs
    if (shift <= 0 && shift >= -62) // common case, in 64 bits: |v| < 2^53
      raw_ = static_cast<raw_type>(
          detail::fit<W, S, O>(shift == 0 ? v : detail::quantize<Q>(v, -shift)));
    else
      raw_ = static_cast<raw_type>(detail::convert<W, F, S, Q, O>(v, -exp));
  }
  basic_fixed(float f) : basic_fixed(static_cast<double>(f)) {}
  /// Through double: long double's extra bits are rounded off first.
  basic_fixed(long double d) : basic_fixed(static_cast<double>(d)) {}

  /// An integer, as fixed<bits, bits> of its type.
  template <class T, if_int<T> = 0>
  constexpr basic_fixed(T v)
      : raw_(static_cast<raw_type>(
            detail::convert<W, F, S, Q, O>(static_cast<detail::i128>(v), 0))) {}

  /// Another fixed type: requantized with *this* type's Q and O (ap_fixed assignment).
  template <int W2, int I2, bool S2, Quant Q2, Overflow O2>
  constexpr basic_fixed(const basic_fixed<W2, I2, S2, Q2, O2> &other)
      : raw_(static_cast<raw_type>(
            detail::convert_fixed<W, F, S, Q, O, W2, W2 - I2>(other.raw()))) {}

  /// The value raw * 2^-F; only the low W bits of r are kept.
  static constexpr basic_fixed from_raw(raw_type r) {
    basic_fixed x;
    x.raw_ = static_cast<raw_type>(detail::wrap<W, S>(r));
    return x;
  }
  /// The two's complement (or unsigned) integer whose value * 2^-F is this value.
  constexpr raw_type raw() const { return raw_; }

  double to_double() const { return static_cast<double>(raw_) * kScale; }
  float to_float() const {
    // One rounding (integer -> float), then exact scaling by a power of two.
    return static_cast<float>(static_cast<double>(static_cast<float>(raw_)) * kScale);
  }
  /// The value truncated toward zero, modulo 2^64 (a C cast of the value).
  constexpr std::int64_t to_int64() const {
    const detail::i128 v = raw_;
    if constexpr (F <= 0) {
      return -F >= 64 ? 0 : static_cast<std::int64_t>(detail::shl(v, -F));
    } else {
      constexpr int d = F > detail::kMaxShift ? detail::kMaxShift : F;
      const detail::i128 floor = v >> d;
      return static_cast<std::int64_t>(floor + (v < 0 && detail::low_bits(v, d) != 0));
    }
  }
  constexpr int to_int() const { return static_cast<int>(to_int64()); }

  explicit operator double() const { return to_double(); }
  explicit operator float() const { return to_float(); }
  explicit constexpr operator bool() const { return raw_ != 0; }

  /// Exact negation: fixed<W + 1, I + 1> (ap_fixed's type for -x).
  constexpr basic_fixed<W + 1, I + 1, true> operator-() const {
    static_assert(W < 64, "eecc::fixed: the exact negation of a 64-bit fixed needs 65 bits; "
                          "convert to a narrower type first");
    return basic_fixed<W + 1, I + 1, true>::from_raw(
        static_cast<std::int64_t>(-static_cast<detail::i128>(raw_)));
  }
  constexpr basic_fixed operator+() const { return *this; }

  // Compound assignment: the exact result, requantized into this type (Q, O).
  template <class T> constexpr basic_fixed &operator+=(const T &rhs) {
    return *this = basic_fixed(*this + rhs);
  }
  template <class T> constexpr basic_fixed &operator-=(const T &rhs) {
    return *this = basic_fixed(*this - rhs);
  }
  template <class T> constexpr basic_fixed &operator*=(const T &rhs) {
    return *this = basic_fixed(*this * rhs);
  }
  constexpr basic_fixed &operator++() { return *this += basic_fixed<2, 2, true>(1); }
  constexpr basic_fixed &operator--() { return *this -= basic_fixed<2, 2, true>(1); }
  constexpr basic_fixed operator++(int) {
    basic_fixed old = *this;
    ++*this;
    return old;
  }
  constexpr basic_fixed operator--(int) {
    basic_fixed old = *this;
    --*this;
    return old;
  }

private:
  static constexpr double kScale = detail::pow2(-F);
  raw_type raw_ = 0;
};

// ---------------------------------------------------------------------------------
// Binary arithmetic: exact, full-precision results.
// ---------------------------------------------------------------------------------
template <int W1, int I1, bool S1, Quant Q1, Overflow O1, int W2, int I2, bool S2, Quant Q2,
          Overflow O2>
constexpr auto operator+(const basic_fixed<W1, I1, S1, Q1, O1> &a,
                         const basic_fixed<W2, I2, S2, Q2, O2> &b) {
  using R = typename detail::plus_type<W1, I1, S1, W2, I2, S2>::type;
  return R::from_raw(static_cast<typename R::raw_type>(
      detail::shl(detail::i128(a.raw()), R::frac_bits - (W1 - I1)) +
      detail::shl(detail::i128(b.raw()), R::frac_bits - (W2 - I2))));
}

template <int W1, int I1, bool S1, Quant Q1, Overflow O1, int W2, int I2, bool S2, Quant Q2,
          Overflow O2>
constexpr auto operator-(const basic_fixed<W1, I1, S1, Q1, O1> &a,
                         const basic_fixed<W2, I2, S2, Q2, O2> &b) {
  using R = typename detail::plus_type<W1, I1, S1, W2, I2, S2>::minus;
  return R::from_raw(static_cast<typename R::raw_type>(
      detail::shl(detail::i128(a.raw()), R::frac_bits - (W1 - I1)) -
      detail::shl(detail::i128(b.raw()), R::frac_bits - (W2 - I2))));
}

template <int W1, int I1, bool S1, Quant Q1, Overflow O1, int W2, int I2, bool S2, Quant Q2,
          Overflow O2>
constexpr auto operator*(const basic_fixed<W1, I1, S1, Q1, O1> &a,
                         const basic_fixed<W2, I2, S2, Q2, O2> &b) {
  using R = typename detail::mult_type<W1, I1, S1, W2, I2, S2>::type;
  return R::from_raw(static_cast<typename R::raw_type>(static_cast<detail::i128>(a.raw()) *
                                                       static_cast<detail::i128>(b.raw())));
}

// With an integer operand, the integer is the fixed<bits, bits> of its type.
#define EECC_FIXED_INT_OP(OP)                                                                      \
  template <int W, int I, bool S, Quant Q, Overflow O, class T,                                    \
            std::enable_if_t<detail::is_int_v<T>, int> = 0>                                        \
  constexpr auto operator OP(const basic_fixed<W, I, S, Q, O> &a, T b) {                           \
    return a OP detail::int_fixed<T>(b);                                                           \
  }                                                                                                \
  template <int W, int I, bool S, Quant Q, Overflow O, class T,                                    \
            std::enable_if_t<detail::is_int_v<T>, int> = 0>                                        \
  constexpr auto operator OP(T a, const basic_fixed<W, I, S, Q, O> &b) {                           \
    return detail::int_fixed<T>(a) OP b;                                                           \
  }
EECC_FIXED_INT_OP(+)
EECC_FIXED_INT_OP(-)
EECC_FIXED_INT_OP(*)
#undef EECC_FIXED_INT_OP

// ---------------------------------------------------------------------------------
// Comparisons: exact across formats and with integers; with a double, as ap_fixed,
// on to_double().
// ---------------------------------------------------------------------------------
#define EECC_FIXED_CMP(OP)                                                                         \
  template <int W1, int I1, bool S1, Quant Q1, Overflow O1, int W2, int I2, bool S2, Quant Q2,     \
            Overflow O2>                                                                           \
  constexpr bool operator OP(const basic_fixed<W1, I1, S1, Q1, O1> &a,                             \
                             const basic_fixed<W2, I2, S2, Q2, O2> &b) {                           \
    return detail::compare<W1 - I1, W2 - I2>(a.raw(), b.raw()) OP 0;                               \
  }                                                                                                \
  template <int W, int I, bool S, Quant Q, Overflow O, class T,                                    \
            std::enable_if_t<detail::is_int_v<T>, int> = 0>                                        \
  constexpr bool operator OP(const basic_fixed<W, I, S, Q, O> &a, T b) {                           \
    return detail::compare<W - I, 0>(a.raw(), b) OP 0;                                             \
  }                                                                                                \
  template <int W, int I, bool S, Quant Q, Overflow O, class T,                                    \
            std::enable_if_t<detail::is_int_v<T>, int> = 0>                                        \
  constexpr bool operator OP(T a, const basic_fixed<W, I, S, Q, O> &b) {                           \
    return detail::compare<0, W - I>(a, b.raw()) OP 0;                                             \
  }                                                                                                \
  template <int W, int I, bool S, Quant Q, Overflow O>                                             \
  bool operator OP(const basic_fixed<W, I, S, Q, O> &a, double b) {                                \
    return a.to_double() OP b;                                                                     \
  }                                                                                                \
  template <int W, int I, bool S, Quant Q, Overflow O>                                             \
  bool operator OP(double a, const basic_fixed<W, I, S, Q, O> &b) {                                \
    return a OP b.to_double();                                                                     \
  }
EECC_FIXED_CMP(==)
EECC_FIXED_CMP(!=)
EECC_FIXED_CMP(<)
EECC_FIXED_CMP(<=)
EECC_FIXED_CMP(>)
EECC_FIXED_CMP(>=)
#undef EECC_FIXED_CMP

// ---------------------------------------------------------------------------------
// Limits.
// ---------------------------------------------------------------------------------
template <int W, int I, bool S, Quant Q, Overflow O>
struct fixed_traits<basic_fixed<W, I, S, Q, O>> {
  using type = basic_fixed<W, I, S, Q, O>;
  static constexpr int width = W;
  static constexpr int int_bits = I;
  static constexpr int frac_bits = W - I;
  static constexpr bool is_signed = S;
  /// Most negative representable value: -2^(I-1), or 0 when unsigned. (Under SAT_SYM
  /// no conversion produces it, but it is representable.)
  static constexpr type min() {
    return type::from_raw(static_cast<typename type::raw_type>(detail::raw_min<W, S>()));
  }
  /// Largest value: 2^(I-1) - LSB, or 2^I - LSB when unsigned.
  static constexpr type max() {
    return type::from_raw(static_cast<typename type::raw_type>(detail::raw_max<W, S>()));
  }
  /// The LSB, 2^-(W-I) (not representable, so refused, in a 1-bit signed type).
  static constexpr type epsilon() {
    static_assert(W >= 2 || !S, "eecc::fixed_traits: a 1-bit signed type has no +LSB");
    return type::from_raw(1);
  }
};


/// The fixed value whose raw bits (two's complement, low W bits) are `raw`: how the
/// generated code stores weights compactly as integers.
template <class T> constexpr T fixed_from_raw(long long raw) {
  return T::from_raw(static_cast<typename T::raw_type>(raw));
}

} // namespace eecc

#endif // defined(__SYNTHESIS__) || defined(EECC_USE_AP_FIXED)
#endif // EECC_RUNTIME_FIXED_H
