// Hand-computed cases for eecc/fixed.h. Each expected value is worked out in the
// comment next to it; the program prints every failure and exits non-zero on any.
#include "eecc/fixed.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <type_traits>

using eecc::fixed;
using eecc::fixed_traits;
using eecc::Overflow;
using eecc::Quant;
using eecc::ufixed;

static int passed = 0, failed = 0;

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (cond) {                                                                                    \
      ++passed;                                                                                    \
    } else {                                                                                       \
      ++failed;                                                                                    \
      std::printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                                  \
    }                                                                                              \
  } while (0)

// The value x converts to in fixed<W, I, Q, O>, as a double (exact for these widths).
template <int W, int I, Quant Q, Overflow O = Overflow::WRAP> double q(double x) {
  return fixed<W, I, Q, O>(x).to_double();
}
template <int W, int I, Overflow O> double o(double x) {
  return fixed<W, I, Quant::TRN, O>(x).to_double();
}

// Compile-time checks: result types of full-precision arithmetic (ap_fixed's rules).
static_assert(std::is_same_v<decltype(fixed<16, 6>() + fixed<8, 3>()), fixed<17, 7>>);
// F = max(10, 5) = 10, I = max(6, 3) + 1 = 7.
static_assert(std::is_same_v<decltype(fixed<16, 6>() - fixed<8, 3>()), fixed<17, 7>>);
static_assert(std::is_same_v<decltype(fixed<16, 6>() * fixed<8, 3>()), fixed<24, 9>>);
// ufixed + fixed: the unsigned operand needs a sign bit: I = max(3 + 1, 3) + 1 = 5, F = 5.
static_assert(std::is_same_v<decltype(ufixed<8, 3>() + fixed<8, 3>()), fixed<10, 5>>);
static_assert(std::is_same_v<decltype(ufixed<8, 3>() + ufixed<8, 3>()), ufixed<9, 4>>);
static_assert(std::is_same_v<decltype(ufixed<8, 3>() - ufixed<8, 3>()), fixed<9, 4>>);
static_assert(std::is_same_v<decltype(ufixed<8, 3>() * fixed<8, 3>()), fixed<16, 6>>);
static_assert(std::is_same_v<decltype(-fixed<8, 3>()), fixed<9, 4>>);
// An int operand is fixed<32, 32>: <8,3> * <32,32> = <40,35>; <8,3> + <32,32> = <38,33>.
static_assert(std::is_same_v<decltype(fixed<8, 3>() * 2), fixed<40, 35>>);
static_assert(std::is_same_v<decltype(2 + fixed<8, 3>()), fixed<38, 33>>);
// I < 0 and I > W: <12,-2> (F = 14) + <10,12> (F = -2): I = 13, F = 14.
static_assert(std::is_same_v<decltype(fixed<12, -2>() + fixed<10, 12>()), fixed<27, 13>>);
// Modes of a result are the defaults; the operands' modes do not matter.
static_assert(std::is_same_v<decltype(fixed<8, 3, Quant::RND, Overflow::SAT>() * fixed<8, 3>()),
                             fixed<16, 6, Quant::TRN, Overflow::WRAP>>);
// Everything but double conversion is constexpr.
static_assert(fixed<8, 3>(3) + fixed<8, 3>(1) == 4);
static_assert(fixed<8, 3>::from_raw(5) * fixed<8, 3>::from_raw(5) == fixed<16, 6>::from_raw(25));
static_assert(fixed_traits<fixed<8, 3>>::max().raw() == 127);

int main() {
  // ---- 0.15625 = 5/32 --------------------------------------------------------------
  // In <8,3> (LSB 2^-5 = 0.03125) it is exactly 5 LSB: every mode keeps it.
  CHECK((fixed<8, 3, Quant::TRN>(0.15625).raw() == 5));
  CHECK((fixed<8, 3, Quant::RND>(0.15625).raw() == 5));
  // In <6,4> (LSB 0.25) it is 0.625 LSB: TRN drops it, RND goes up (0.625 > 0.5).
  CHECK((q<6, 4, Quant::TRN>(0.15625) == 0.0));
  CHECK((q<6, 4, Quant::RND>(0.15625) == 0.25));
  // -0.625 LSB: TRN floors to -1 LSB, TRN_ZERO to 0, RND to nearest = -1 LSB.
  CHECK((q<6, 4, Quant::TRN>(-0.15625) == -0.25));
  CHECK((q<6, 4, Quant::TRN_ZERO>(-0.15625) == 0.0));
  CHECK((q<6, 4, Quant::RND>(-0.15625) == -0.25));
  // In <8,6> (LSB 0.25) 0.125 = exactly half an LSB: a tie.
  CHECK((q<8, 6, Quant::TRN>(0.125) == 0.0));
  CHECK((q<8, 6, Quant::RND>(0.125) == 0.25));       // tie toward +inf
  CHECK((q<8, 6, Quant::RND>(-0.125) == 0.0));       // tie toward +inf
  CHECK((q<8, 6, Quant::RND_INF>(-0.125) == -0.25)); // tie away from zero

  // ---- every quantization mode on integers (fixed<8,8>, LSB 1) ---------------------
  // Non-ties: TRN floors, TRN_ZERO truncates, all RND modes take the nearest.
  CHECK((q<8, 8, Quant::TRN>(2.7) == 2 && q<8, 8, Quant::TRN>(-2.2) == -3));
  CHECK((q<8, 8, Quant::TRN_ZERO>(2.7) == 2 && q<8, 8, Quant::TRN_ZERO>(-2.7) == -2));
  CHECK((q<8, 8, Quant::RND>(2.4) == 2 && q<8, 8, Quant::RND>(2.6) == 3));
  CHECK((q<8, 8, Quant::RND_ZERO>(-2.6) == -3 && q<8, 8, Quant::RND_MIN_INF>(2.6) == 3));
  CHECK((q<8, 8, Quant::RND_INF>(-2.4) == -2 && q<8, 8, Quant::RND_CONV>(2.6) == 3));
  // Ties +-2.5:         RND  RND_ZERO  RND_MIN_INF  RND_INF  RND_CONV
  //            2.5  ->   3      2          2           3        2
  //           -2.5  ->  -2     -2         -3          -3       -2
  CHECK((q<8, 8, Quant::RND>(2.5) == 3 && q<8, 8, Quant::RND>(-2.5) == -2));
  CHECK((q<8, 8, Quant::RND_ZERO>(2.5) == 2 && q<8, 8, Quant::RND_ZERO>(-2.5) == -2));
  CHECK((q<8, 8, Quant::RND_MIN_INF>(2.5) == 2 && q<8, 8, Quant::RND_MIN_INF>(-2.5) == -3));
  CHECK((q<8, 8, Quant::RND_INF>(2.5) == 3 && q<8, 8, Quant::RND_INF>(-2.5) == -3));
  CHECK((q<8, 8, Quant::RND_CONV>(2.5) == 2 && q<8, 8, Quant::RND_CONV>(-2.5) == -2));
  // Convergent rounding of 0.5, 1.5, 2.5, 3.5 LSB goes to the even neighbour: 0, 2, 2, 4.
  CHECK((q<8, 8, Quant::RND_CONV>(0.5) == 0));
  CHECK((q<8, 8, Quant::RND_CONV>(1.5) == 2));
  CHECK((q<8, 8, Quant::RND_CONV>(2.5) == 2));
  CHECK((q<8, 8, Quant::RND_CONV>(3.5) == 4));
  CHECK((q<8, 8, Quant::RND_CONV>(-0.5) == 0));
  CHECK((q<8, 8, Quant::RND_CONV>(-1.5) == -2));
  // The same in LSB units of <8,3>: 0.5, 1.5, 2.5 LSB = 1/64, 3/64, 5/64 -> 0, 2, 2 LSB.
  CHECK((fixed<8, 3, Quant::RND_CONV>(1.0 / 64).raw() == 0));
  CHECK((fixed<8, 3, Quant::RND_CONV>(3.0 / 64).raw() == 2));
  CHECK((fixed<8, 3, Quant::RND_CONV>(5.0 / 64).raw() == 2));
  // Just above a tie is not a tie: 2.5 LSB + 2^-40 rounds up in every RND mode.
  CHECK((fixed<8, 3, Quant::RND_CONV>(5.0 / 64 + std::ldexp(1.0, -40)).raw() == 3));
  CHECK((fixed<8, 3, Quant::RND_ZERO>(5.0 / 64 + std::ldexp(1.0, -40)).raw() == 3));

  // ---- overflow: <8,3> holds [-4, 3.96875] (raw -128..127) -------------------------
  CHECK((o<8, 3, Overflow::SAT>(100.0) == 3.96875));
  CHECK((o<8, 3, Overflow::SAT>(-100.0) == -4.0));
  CHECK((o<8, 3, Overflow::SAT_ZERO>(4.0) == 0.0));
  CHECK((o<8, 3, Overflow::SAT_ZERO>(-4.0) == -4.0)); // in range: kept
  CHECK((o<8, 3, Overflow::SAT_SYM>(-100.0) == -3.96875));
  // SAT_SYM also turns the representable -4 into -max.
  CHECK((o<8, 3, Overflow::SAT_SYM>(-4.0) == -3.96875));
  CHECK((o<8, 3, Overflow::SAT_SYM>(-3.96875) == -3.96875));
  // WRAP keeps the low 8 bits of raw: 4.0 = raw 128 -> -128 = -4.0; 5.0 = 160 -> -96 = -3.
  CHECK((o<8, 3, Overflow::WRAP>(4.0) == -4.0));
  CHECK((o<8, 3, Overflow::WRAP>(5.0) == -3.0));
  CHECK((o<8, 3, Overflow::WRAP>(-4.03125) == 3.96875));
  // Integers (LSB 1) with <8,8>: 130 and -129.
  CHECK((o<8, 8, Overflow::WRAP>(130) == -126 && o<8, 8, Overflow::WRAP>(-129) == 127));
  CHECK((o<8, 8, Overflow::SAT>(130) == 127 && o<8, 8, Overflow::SAT>(-129) == -128));
  CHECK((o<8, 8, Overflow::SAT_SYM>(-129) == -127 && o<8, 8, Overflow::SAT_SYM>(-128) == -127));
  // Rounding can overflow: 3.984375 = 127.5 LSB rounds to 128 LSB = 4.0.
  CHECK((q<8, 3, Quant::RND, Overflow::SAT>(3.984375) == 3.96875));
  CHECK((q<8, 3, Quant::RND, Overflow::WRAP>(3.984375) == -4.0));
  CHECK((q<8, 3, Quant::TRN, Overflow::SAT>(3.984375) == 3.96875));
  // Unsigned: ufixed<8,3> holds [0, 7.96875]; SAT_SYM behaves as SAT.
  CHECK((ufixed<8, 3, Quant::TRN, Overflow::SAT>(-1.0).to_double() == 0.0));
  CHECK((ufixed<8, 3, Quant::TRN, Overflow::SAT_SYM>(-1.0).to_double() == 0.0));
  CHECK((ufixed<8, 3, Quant::TRN, Overflow::SAT>(9.0).to_double() == 7.96875));
  CHECK((ufixed<8, 3, Quant::TRN, Overflow::WRAP>(-1.0).to_double() == 7.0)); // 256-32 LSB
  // The 1-bit signed type holds {-1, 0}; SAT_SYM makes everything 0 (-max = 0).
  CHECK((o<1, 1, Overflow::SAT>(5.0) == 0.0 && o<1, 1, Overflow::SAT>(-5.0) == -1.0));
  CHECK((o<1, 1, Overflow::SAT_SYM>(-1.0) == 0.0));
  CHECK((o<1, 1, Overflow::WRAP>(1.0) == -1.0));

  // ---- unusual formats ----------------------------------------------------------------
  // <10,12>: LSB 4, range [-2048, 2044].
  CHECK((q<10, 12, Quant::TRN>(7.0) == 4.0 && q<10, 12, Quant::RND>(6.0) == 8.0));
  CHECK((q<10, 12, Quant::RND_CONV>(6.0) == 8.0 && q<10, 12, Quant::RND_CONV>(10.0) == 8.0));
  CHECK((q<10, 12, Quant::TRN, Overflow::SAT>(1e6) == 2044.0));
  // <12,-2>: LSB 2^-14, range [-0.125, 0.125 - 2^-14].
  CHECK((q<12, -2, Quant::TRN, Overflow::SAT>(1.0) == 0.125 - std::ldexp(1.0, -14)));
  CHECK((q<12, -2, Quant::TRN, Overflow::SAT>(-1.0) == -0.125));
  CHECK((q<12, -2, Quant::RND>(std::ldexp(3.0, -16)) == std::ldexp(1.0, -14))); // 0.75 LSB

  // ---- special doubles ------------------------------------------------------------------
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK((o<8, 3, Overflow::SAT>(inf) == 3.96875 && o<8, 3, Overflow::SAT>(-inf) == -4.0));
  CHECK((o<8, 3, Overflow::WRAP>(inf) == 0.0));
  CHECK((o<8, 3, Overflow::SAT>(nan) == 3.96875));
  CHECK((o<8, 3, Overflow::SAT>(-0.0) == 0.0));
  CHECK((q<8, 3, Quant::RND>(1e-300) == 0.0 && q<8, 3, Quant::TRN>(-1e-300) == -0.03125));
  CHECK((q<8, 3, Quant::TRN_ZERO>(-4.9e-324) == 0.0)); // the smallest subnormal
  CHECK((q<8, 3, Quant::RND_INF>(1e300) == 0.0));      // WRAP: low bits of a huge value are 0
  CHECK((fixed<64, 32>(-1.5).raw() == -(std::int64_t(3) << 31)));
  CHECK((fixed<16, 6>(0.1f).to_double() == fixed<16, 6>(double(0.1f)).to_double()));

  // ---- integers, other fixed types -------------------------------------------------------
  CHECK((fixed<8, 3, Quant::TRN, Overflow::SAT>(7).to_double() == 3.96875));
  CHECK((fixed<16, 6>(-3).to_double() == -3.0));
  CHECK((fixed<64, 64>(std::numeric_limits<std::int64_t>::min()).raw() ==
         std::numeric_limits<std::int64_t>::min()));
  CHECK((ufixed<64, 64>(~0ull).raw() == ~0ull));
  // Requantizing <16,6> 1.3 (raw 1331 = 1.2998046875) into <8,3> RND: 1331/32 = 41.59 -> 42.
  CHECK((fixed<8, 3, Quant::RND>(fixed<16, 6>(1.3)).raw() == 42));
  CHECK((fixed<8, 3, Quant::TRN>(fixed<16, 6>(1.3)).raw() == 41));
  // Assignment uses the target's modes, not the source's.
  {
    fixed<8, 3, Quant::TRN, Overflow::SAT> a = 1.0;
    fixed<16, 6, Quant::RND_CONV, Overflow::WRAP> b = 9.5;
    a = b;
    CHECK((a.to_double() == 3.96875));
  }

  // ---- arithmetic ------------------------------------------------------------------------
  {
    fixed<8, 3> a = 3.5, b = -2.25; // raw 112, -72
    auto s = a + b;                 // exact: 1.25
    auto d = a - b;                 // exact: 5.75
    auto p = a * b;                 // exact: -7.875
    CHECK((s.to_double() == 1.25 && d.to_double() == 5.75 && p.to_double() == -7.875));
    fixed<8, 3, Quant::TRN, Overflow::SAT> t = d; // 5.75 overflows <8,3>
    CHECK((t.to_double() == 3.96875));
    t = p;
    CHECK((t.to_double() == -4.0));
    fixed<8, 3, Quant::TRN, Overflow::WRAP> w = p; // -7.875 = raw -252 -> 4 = 0.125
    CHECK((w.to_double() == 0.125));
    CHECK(((-a).to_double() == -3.5 && (-fixed<8, 3>(-4.0)).to_double() == 4.0));
    // The product of two LSBs is exact: 2^-5 * 2^-5 = 2^-10.
    CHECK(((fixed<8, 3>::from_raw(1) * fixed<8, 3>::from_raw(1)).to_double() ==
           std::ldexp(1.0, -10)));
    CHECK(((a * 2).to_double() == 7.0 && (2 - a).to_double() == -1.5));
  }
  {
    // Compound ops requantize into the left type: 3.5 + 1 saturates; 1.5 * 1.5 = 2.25.
    fixed<8, 3, Quant::RND, Overflow::SAT> a = 3.5;
    a += fixed<8, 3>(1.0);
    CHECK((a.to_double() == 3.96875));
    a = 1.5;
    a *= a;
    CHECK((a.to_double() == 2.25));
    // 0.09375 * 0.09375 = 0.0087890625 = 0.28125 LSB -> 0 (RND).
    a = 0.09375;
    a *= fixed<8, 3>(0.09375);
    CHECK((a.to_double() == 0.0));
    a = 0.1875; // 0.1875^2 = 0.03515625 = 1.125 LSB -> 1 LSB
    a *= a;
    CHECK((a.raw() == 1));
    a = -1.0;
    a -= 1;
    a -= 2;
    CHECK((a.to_double() == -4.0));
    a -= 1;
    CHECK((a.to_double() == -4.0));
    fixed<8, 3> c = 3.0;
    ++c; // 4.0 wraps to -4.0 (WRAP)
    CHECK((c.to_double() == -4.0));
    c--;
    CHECK((c.to_double() == 3.0)); // -4 - 1 = -5 wraps to 3
  }

  // ---- comparisons (exact across formats) ----------------------------------------------
  CHECK((fixed<8, 3>(0.5) == fixed<16, 6>(0.5)));
  CHECK((fixed<16, 10>::from_raw(1) > fixed<8, 3>(0)));           // 2^-6 > 0
  CHECK((fixed<16, 10>::from_raw(1) < fixed<8, 3>::from_raw(1))); // 2^-6 < 2^-5
  CHECK((fixed<10, 12>(4.0) > fixed<12, -2>(0.1)));
  CHECK((fixed<12, -2>::from_raw(-1) < 0 && fixed<12, -2>::from_raw(-1) > -1));
  CHECK((fixed<64, 0>::from_raw(1) > fixed<64, 64>(0))); // 2^-64 > 0, shift 64
  CHECK((fixed<64, 0>::from_raw(-1) < fixed<64, 64>(0)));
  CHECK((fixed<64, 64>(1) > fixed<64, 0>::from_raw(INT64_MAX))); // 1 > 1 - 2^-63
  CHECK((ufixed<8, 8>(200) > fixed<8, 8>(100)));
  CHECK((fixed<8, 3>(-1.0) != ufixed<8, 3>(1.0)));
  CHECK((fixed<8, 3>(2.5) >= 2 && 3 > fixed<8, 3>(2.5) && fixed<8, 3>(2.5) <= 2.5));
  CHECK((0.25 < fixed<8, 3>(2.5) && !(fixed<8, 3>(2.5) == 2)));

  // ---- conversions out ---------------------------------------------------------------------
  CHECK((fixed<8, 3>(-2.5).to_int() == -2 && fixed<8, 3>(2.96875).to_int() == 2));
  CHECK((fixed<10, 12>(-1024).to_int64() == -1024));
  CHECK((fixed<12, -2>(0.1).to_int() == 0));
  CHECK((fixed<8, 3>(-2.5).to_float() == -2.5f && double(fixed<8, 3>(1.25)) == 1.25));
  // 2^53 + 1 is not a double: to_double rounds to nearest even (2^53); float likewise.
  CHECK((fixed<64, 64>::from_raw((std::int64_t(1) << 53) + 1).to_double() == std::ldexp(1.0, 53)));
  CHECK((fixed<64, 64>::from_raw((std::int64_t(1) << 24) + 1).to_float() == 16777216.0f));
  CHECK((fixed<64, 64>::from_raw((std::int64_t(1) << 24) + 3).to_float() == 16777220.0f));
  CHECK((!fixed<8, 3>(0) && bool(fixed<8, 3>::from_raw(1))));

  // ---- raw access and limits ------------------------------------------------------------
  CHECK((fixed<8, 3>::from_raw(0x80).raw() == -128)); // only the low 8 bits are kept
  CHECK((fixed<8, 3>::from_raw(0x17f).raw() == 127));
  CHECK((ufixed<8, 3>::from_raw(0x1ff).raw() == 255));
  using T = fixed<8, 3>;
  CHECK((fixed_traits<T>::min().to_double() == -4.0));
  CHECK((fixed_traits<T>::max().to_double() == 3.96875));
  CHECK((fixed_traits<T>::epsilon().to_double() == 0.03125));
  CHECK((fixed_traits<ufixed<8, 3>>::max().to_double() == 7.96875));
  CHECK((fixed_traits<ufixed<8, 3>>::min().to_double() == 0.0));
  CHECK((fixed_traits<fixed<10, 12>>::epsilon().to_double() == 4.0));
  CHECK((fixed_traits<fixed<64, 32>>::min().raw() == std::numeric_limits<std::int64_t>::min()));
  CHECK((fixed_traits<T>::frac_bits == 5 && fixed_traits<T>::int_bits == 3 && T::width == 8));

  std::printf("fixed_basics: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
