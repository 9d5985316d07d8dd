// eecc::fixed against SystemC's sc_fixed / sc_ufixed, bit for bit.
//
// For each of the 7 x 4 = 28 (quantization, overflow) mode pairs, and for each of ten
// target formats, random operations are done twice - with eecc's type and with
// SystemC's - and the resulting raw bits compared:
//   conv     a double -> the target (ties, near-ties, huge, tiny, negative, subnormal,
//            values with up to 53 significant bits);
//   requant  a wider fixed (two source formats per target) -> the target;
//   int      an int64 -> the target;
//   add/sub/mul  two fixed operands, the result assigned to the target; the exact
//            full-precision result (eecc's a+b, a-b, a*b before assignment) is also
//            compared with SystemC's exact sc_fxval, and so are a < b, a == b, a >= b.
// The inputs are drawn once and each one is checked under all 28 mode pairs.
// A fixed seed makes every run identical. Exit code 0 only if every check is exact; on
// a mismatch the first failing cases are printed with their inputs.
//
// Build: g++ -std=c++17 -O2 -DSC_INCLUDE_FX -I<eecc>/runtime/include
//        fixed_vs_sc_fixed.cpp -lsystemc
#ifndef SC_INCLUDE_FX
#define SC_INCLUDE_FX
#endif
#include <systemc>

#include "eecc/fixed.h"

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

// libsystemc.so's own main() refers to sc_main; this program has its own main() and
// uses only the SystemC data types, so sc_main is never called.
int sc_main(int, char **) { return 0; }

namespace {

using eecc::basic_fixed;
using eecc::Overflow;
using eecc::Quant;

// Operations per (mode pair, target format); ten formats give 1,100,000 per mode pair.
constexpr int kOpsPerCase = 110000;
constexpr int kMaxReported = 12;

constexpr Quant kQuants[] = {Quant::TRN,         Quant::TRN_ZERO, Quant::RND,     Quant::RND_ZERO,
                             Quant::RND_MIN_INF, Quant::RND_INF,  Quant::RND_CONV};
constexpr Overflow kOverflows[] = {Overflow::WRAP, Overflow::SAT, Overflow::SAT_ZERO,
                                   Overflow::SAT_SYM};

constexpr sc_dt::sc_q_mode sc_quant(Quant q) {
  switch (q) {
  case Quant::TRN:
    return sc_dt::SC_TRN;
  case Quant::TRN_ZERO:
    return sc_dt::SC_TRN_ZERO;
  case Quant::RND:
    return sc_dt::SC_RND;
  case Quant::RND_ZERO:
    return sc_dt::SC_RND_ZERO;
  case Quant::RND_MIN_INF:
    return sc_dt::SC_RND_MIN_INF;
  case Quant::RND_INF:
    return sc_dt::SC_RND_INF;
  case Quant::RND_CONV:
    return sc_dt::SC_RND_CONV;
  }
  return sc_dt::SC_TRN;
}

constexpr sc_dt::sc_o_mode sc_overflow(Overflow o) {
  switch (o) {
  case Overflow::WRAP:
    return sc_dt::SC_WRAP;
  case Overflow::SAT:
    return sc_dt::SC_SAT;
  case Overflow::SAT_ZERO:
    return sc_dt::SC_SAT_ZERO;
  case Overflow::SAT_SYM:
    return sc_dt::SC_SAT_SYM;
  }
  return sc_dt::SC_WRAP;
}

const char *name(Quant q) {
  static const char *names[] = {"TRN",         "TRN_ZERO", "RND",     "RND_ZERO",
                                "RND_MIN_INF", "RND_INF",  "RND_CONV"};
  return names[static_cast<int>(q)];
}
const char *name(Overflow o) {
  static const char *names[] = {"WRAP", "SAT", "SAT_ZERO", "SAT_SYM"};
  return names[static_cast<int>(o)];
}

using eecc::detail::pow2; // 2^e, exact for the formats tested

// ---------------------------------------------------------------------------------------
// Formats: Fmt<signed, W, I>, with its eecc and SystemC types.
// ---------------------------------------------------------------------------------------
template <bool S, int W, int I> struct Fmt {
  static constexpr bool is_signed = S;
  static constexpr int w = W, i = I, f = W - I;
  template <Quant Q = Quant::TRN, Overflow O = Overflow::WRAP>
  using mine = basic_fixed<W, I, S, Q, O>;
  template <Quant Q = Quant::TRN, Overflow O = Overflow::WRAP>
  using sc = std::conditional_t<S, sc_dt::sc_fixed<W, I, sc_quant(Q), sc_overflow(O)>,
                                sc_dt::sc_ufixed<W, I, sc_quant(Q), sc_overflow(O)>>;
  static std::string str() {
    return std::string(S ? "fixed<" : "ufixed<") + std::to_string(W) + "," + std::to_string(I) +
           ">";
  }
  // Raw value (two's complement / unsigned, W bits) to a double: exact for W <= 53.
  static double value(std::int64_t raw) { return static_cast<double>(raw) * pow2(-f); }
  // Canonical raw value: the low W bits, sign-extended when signed.
  static std::int64_t canon(std::uint64_t bits) {
    if (W < 64)
      bits &= (std::uint64_t(1) << W) - 1;
    if (S && W < 64 && ((bits >> (W - 1)) & 1))
      bits |= ~std::uint64_t(0) << W;
    return static_cast<std::int64_t>(bits);
  }
};

// Raw bits of a SystemC fixed value of format F.
template <class F, class SC> std::int64_t sc_raw(const SC &x) {
  if constexpr (F::w <= 53) {
    // to_double() is exact; scaling by a power of two is exact.
    return static_cast<std::int64_t>(x.to_double() * pow2(F::f));
  } else {
    // sc_fxnum::to_int64() is not usable here: it returns 0 for -2^63.
    return F::canon(x.range().to_uint64());
  }
}

// One test case: a target format, two operand formats, two requantization sources.
template <class T, class A, class B, class Src1, class Src2> struct Case {
  using target = T;
  using a = A;
  using b = B;
  using src1 = Src1;
  using src2 = Src2;
};

using Cases =
    std::tuple<Case<Fmt<1, 16, 6>, Fmt<1, 16, 6>, Fmt<1, 20, 5>, Fmt<1, 26, 10>, Fmt<0, 22, 4>>,
               Case<Fmt<1, 8, 3>, Fmt<1, 8, 3>, Fmt<1, 12, 2>, Fmt<1, 18, 7>, Fmt<1, 10, 1>>,
               Case<Fmt<1, 18, 8>, Fmt<1, 18, 8>, Fmt<1, 22, 7>, Fmt<1, 28, 12>, Fmt<0, 20, 10>>,
               Case<Fmt<1, 32, 12>, Fmt<1, 32, 12>, Fmt<1, 32, 10>, Fmt<1, 48, 18>, Fmt<1, 40, 8>>,
               Case<Fmt<1, 12, -2>, Fmt<1, 12, -2>, Fmt<1, 16, -3>, Fmt<1, 22, 2>, Fmt<1, 20, -4>>,
               Case<Fmt<1, 10, 12>, Fmt<1, 10, 12>, Fmt<1, 14, 11>, Fmt<1, 20, 16>, Fmt<1, 16, 14>>,
               Case<Fmt<1, 1, 1>, Fmt<1, 3, 2>, Fmt<1, 5, 0>, Fmt<1, 8, 3>, Fmt<1, 6, 0>>,
               Case<Fmt<1, 64, 32>, Fmt<1, 32, 16>, Fmt<1, 30, 12>, Fmt<1, 53, 16>, Fmt<1, 53, 40>>,
               Case<Fmt<0, 8, 3>, Fmt<0, 8, 3>, Fmt<1, 12, 2>, Fmt<1, 18, 7>, Fmt<0, 16, 6>>,
               Case<Fmt<0, 16, 6>, Fmt<0, 16, 6>, Fmt<0, 20, 5>, Fmt<1, 26, 10>, Fmt<0, 24, 12>>>;

// ---------------------------------------------------------------------------------------
// Random inputs.
// ---------------------------------------------------------------------------------------
struct Rng {
  std::mt19937_64 gen;
  explicit Rng(std::uint64_t seed) : gen(seed) {}
  std::uint64_t bits() { return gen(); }
  std::uint64_t below(std::uint64_t n) { return gen() % n; }
  bool coin() { return gen() & 1; }
  std::uint64_t mask(int n) { return n >= 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << n) - 1; }
};

// A raw value of format F (W <= 53): log-uniform magnitudes, full-range, boundary
// values and sparse values (few significant bits, so products often land on ties).
template <class F> std::int64_t random_raw(Rng &rng) {
  constexpr int W = F::w;
  const std::uint64_t mx = F::is_signed ? rng.mask(W - 1) : rng.mask(W);
  switch (rng.below(8)) {
  case 0:
  case 1:
  case 2: { // log-uniform magnitude, random sign
    const std::uint64_t m = rng.bits() & rng.mask(static_cast<int>(rng.below(W + 1)));
    return F::canon(F::is_signed && rng.coin() ? ~m + 1 : m);
  }
  case 3: { // boundaries
    const std::uint64_t picks[] = {0, 1, mx, mx - 1, ~mx, ~mx + 1, ~std::uint64_t(0), 2};
    return F::canon(picks[rng.below(8)]);
  }
  case 4: { // sparse: a small odd-ish number at a random position
    const std::int64_t k = static_cast<std::int64_t>(rng.below(17)) - 8;
    return F::canon(static_cast<std::uint64_t>(k) << rng.below(W));
  }
  default: // uniform over all bit patterns
    return F::canon(rng.bits());
  }
}

// A double to convert to format T: every kind of awkward value.
template <class T> double random_double(Rng &rng) {
  constexpr int W = T::w, F = T::f;
  const double lsb = pow2(-F);
  const double sign = rng.coin() ? -1.0 : 1.0;
  // An integer number of LSBs around the target range (W + 2 bits, <= 50 bits so that
  // n + 0.5 and n + 0.5 +- small offsets stay exact doubles).
  auto grid = [&]() {
    const int bits = std::min(W + 2, 50);
    const std::uint64_t m = rng.bits() & rng.mask(static_cast<int>(rng.below(bits + 1)));
    return sign * static_cast<double>(m);
  };
  switch (rng.below(12)) {
  case 0:
  case 1: { // up to 53 significant bits, magnitude from far below the LSB to overflow
    const int k = 1 + static_cast<int>(rng.below(53));
    const double m = static_cast<double>(rng.bits() >> (64 - k));
    // The leading bit lands anywhere from 12 bits below the LSB to 3 bits above the MSB.
    const int top = -F - 12 + static_cast<int>(rng.below(static_cast<std::uint64_t>(W + 16)));
    return sign * std::ldexp(m, top - (k - 1));
  }
  case 2: // exact tie: n + 1/2 LSB
    return (grid() + 0.5) * lsb;
  case 3: { // one double-ulp either side of a tie
    const double t = (grid() + 0.5) * lsb;
    return std::nextafter(t, rng.coin() ? std::numeric_limits<double>::infinity()
                                        : -std::numeric_limits<double>::infinity());
  }
  case 4: { // a tie +- 2^-k LSB
    const double off = std::ldexp(1.0, -1 - static_cast<int>(rng.below(20)));
    return (grid() + 0.5 + (rng.coin() ? off : -off)) * lsb;
  }
  case 5: // exactly on the grid (no quantization)
    return grid() * lsb;
  case 6: { // huge, and the edges of the range
    const double top = std::ldexp(1.0, T::is_signed ? T::i - 1 : T::i);
    const double picks[] = {1e10,
                            1e18,
                            1e30,
                            1e300,
                            std::numeric_limits<double>::max(),
                            top,
                            top - lsb,
                            top - lsb / 2,
                            top + lsb / 2,
                            top - lsb / 4,
                            std::ldexp(1.0, 63),
                            std::ldexp(1.0, 64)};
    return sign * picks[rng.below(12)];
  }
  case 7: { // tiny
    const double picks[] = {0.0,
                            1e-300,
                            std::numeric_limits<double>::min(),
                            std::numeric_limits<double>::denorm_min(),
                            lsb / 2,
                            lsb / 4,
                            lsb * 0.75,
                            lsb,
                            lsb * 1.5,
                            lsb * 2.5};
    return sign * picks[rng.below(10)];
  }
  case 8: { // uniform over twice the range
    const double top = std::ldexp(1.0, T::i + 1);
    return std::uniform_real_distribution<double>(-top, top)(rng.gen);
  }
  default: { // log-uniform over a wide range
    const int e = static_cast<int>(rng.below(121)) - 60;
    return sign * std::ldexp(1.0 + std::uniform_real_distribution<double>(0, 1)(rng.gen), e);
  }
  }
}

// ---------------------------------------------------------------------------------------
// Bookkeeping.
// ---------------------------------------------------------------------------------------
enum Op { kConv, kInt, kRequant, kAdd, kSub, kMul, kNumOps };
const char *const kOpNames[] = {"conv", "int", "requant", "add", "sub", "mul"};
constexpr int kPairs = 28; // pair p = (kQuants[p / 4], kOverflows[p % 4])

struct Stats {
  std::uint64_t ops[kNumOps] = {};
  std::uint64_t mismatches = 0;
};
Stats g_stats[kPairs];
std::uint64_t g_full_checks = 0, g_full_mismatches = 0;
std::vector<std::string> g_failures;

void report(const std::string &what) {
  if (g_failures.size() < kMaxReported)
    g_failures.push_back(what);
}

std::string hexf(double d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g (%a)", d, d);
  return buf;
}

template <class F> std::string operand(std::int64_t raw) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s raw %" PRId64 " = %.17g", F::str().c_str(), raw,
                F::value(raw));
  return buf;
}

// ---------------------------------------------------------------------------------------
// The checks. Every input is converted to the target under all 28 mode pairs: eecc from
// its own source value (a double, a fixed, or an exact a+b / a-b / a*b), SystemC from
// the same exact value as an sc_fxval.
// ---------------------------------------------------------------------------------------
template <std::size_t P> constexpr Quant kQ = kQuants[P / 4];
template <std::size_t P> constexpr Overflow kO = kOverflows[P % 4];

// The 28 SystemC targets of format T, one per mode pair; reused (assignment does not
// allocate).
template <class T, class Ps> struct ScTargets;
template <class T, std::size_t... Ps> struct ScTargets<T, std::index_sequence<Ps...>> {
  std::tuple<typename T::template sc<kQ<Ps>, kO<Ps>>...> sc;

  // The raw result of assigning `exact` to each of them.
  void convert(const sc_dt::sc_fxval &exact, std::int64_t (&raw)[kPairs]) {
    ((std::get<Ps>(sc) = exact, raw[Ps] = sc_raw<T>(std::get<Ps>(sc))), ...);
  }
};
using PairSeq = std::make_index_sequence<kPairs>;

// The raw result of converting `src` to format T under each mode pair.
template <class T, class Src, std::size_t... Ps>
void convert_mine(const Src &src, std::int64_t (&raw)[kPairs], std::index_sequence<Ps...>) {
  ((raw[Ps] = static_cast<std::int64_t>(typename T::template mine<kQ<Ps>, kO<Ps>>(src).raw())),
   ...);
}

__attribute__((noinline)) void mismatch(int pair, const std::string &target, Op op,
                                        const std::string &inputs, std::int64_t got,
                                        std::int64_t want) {
  ++g_stats[pair].mismatches;
  report(std::string(name(kQuants[pair / 4])) + "/" + name(kOverflows[pair % 4]) + " " + target +
         " " + kOpNames[op] + ": " + inputs + " -> eecc raw " + std::to_string(got) +
         ", sc_fixed raw " + std::to_string(want));
}

// Mode-independent checks: comparisons of the operands, exact results before assignment.
void check_cmp(bool got, bool want, const char *op, const std::string &inputs) {
  ++g_full_checks;
  if (got != want) {
    ++g_full_mismatches;
    report(std::string("comparison ") + op + " of " + inputs + ": eecc " +
           (got ? "true" : "false") + ", SystemC " + (want ? "true" : "false"));
  }
}

// eecc's exact full-precision result (a value of its own format R) against sc_fxval.
template <class R, class Describe>
void check_full(const R &full, const sc_dt::sc_fxval &want, const Describe &describe) {
  ++g_full_checks;
  sc_dt::sc_fxval got = R::is_signed ? sc_dt::sc_fxval(static_cast<sc_dt::int64>(full.raw()))
                                     : sc_dt::sc_fxval(static_cast<sc_dt::uint64>(full.raw()));
  got = R::frac_bits >= 0 ? (got >> R::frac_bits) : (got << -R::frac_bits);
  if (got != want) {
    ++g_full_mismatches;
    report("full-precision " + describe() + " -> eecc " + got.to_string() + ", sc_fxval " +
           want.to_string());
  }
}

template <class C> void run_case(std::uint64_t seed) {
  using T = typename C::target;
  using A = typename C::a;
  using B = typename C::b;
  using S1 = typename C::src1;
  using S2 = typename C::src2;
  Rng rng(seed);
  ScTargets<T, PairSeq> targets;

  // Converts one input to the target under all 28 mode pairs: eecc from `src`, SystemC
  // from the same exact value `exact`.
  auto each_pair = [&](Op op, const auto &src, const sc_dt::sc_fxval &exact, const auto &describe) {
    std::int64_t want[kPairs], got[kPairs];
    targets.convert(exact, want);
    convert_mine<T>(src, got, PairSeq{});
    for (int p = 0; p < kPairs; ++p) {
      ++g_stats[p].ops[op];
      if (got[p] != want[p])
        mismatch(p, T::str(), op, describe(), got[p], want[p]);
    }
  };

  for (int n = 0; n < kOpsPerCase; ++n) {
    const std::uint64_t pick = rng.below(100);
    if (pick < 36) { // double -> target
      const double d = random_double<T>(rng);
      each_pair(kConv, d, sc_dt::sc_fxval(d), [&] { return "double " + hexf(d); });
    } else if (pick < 40) { // int64 -> target
      const std::int64_t i = Fmt<true, 64, 64>::canon(
          (rng.bits() & rng.mask(static_cast<int>(rng.below(65)))) ^ (rng.coin() ? ~0ull : 0ull));
      each_pair(kInt, i, sc_dt::sc_fxval(static_cast<sc_dt::int64>(i)),
                [&] { return "int64 " + std::to_string(i); });
    } else if (pick < 60) { // wider fixed -> target
      if (rng.coin()) {
        const std::int64_t r = random_raw<S1>(rng);
        const typename S1::template sc<> src(S1::value(r));
        each_pair(kRequant, S1::template mine<>::from_raw(r), sc_dt::sc_fxval(src),
                  [&] { return operand<S1>(r); });
      } else {
        const std::int64_t r = random_raw<S2>(rng);
        const typename S2::template sc<> src(S2::value(r));
        each_pair(kRequant, S2::template mine<>::from_raw(r), sc_dt::sc_fxval(src),
                  [&] { return operand<S2>(r); });
      }
    } else { // a op b -> target
      const std::int64_t ra = random_raw<A>(rng), rb = random_raw<B>(rng);
      const auto ma = A::template mine<>::from_raw(ra);
      const auto mb = B::template mine<>::from_raw(rb);
      const typename A::template sc<> sa(A::value(ra));
      const typename B::template sc<> sb(B::value(rb));
      auto inputs = [&] { return operand<A>(ra) + ", " + operand<B>(rb); };
      if (n % 4 == 0) { // exact comparisons across formats
        check_cmp(ma < mb, sa < sb, "<", inputs());
        check_cmp(ma == mb, sa == sb, "==", inputs());
        check_cmp(ma >= mb, sa >= sb, ">=", inputs());
      }
      if (pick < 73) {
        const sc_dt::sc_fxval exact = sa + sb;
        auto describe = [&] { return "add " + inputs(); };
        check_full(ma + mb, exact, describe);
        each_pair(kAdd, ma + mb, exact, describe);
      } else if (pick < 86) {
        const sc_dt::sc_fxval exact = sa - sb;
        auto describe = [&] { return "sub " + inputs(); };
        check_full(ma - mb, exact, describe);
        each_pair(kSub, ma - mb, exact, describe);
      } else {
        const sc_dt::sc_fxval exact = sa * sb;
        auto describe = [&] { return "mul " + inputs(); };
        check_full(ma * mb, exact, describe);
        each_pair(kMul, ma * mb, exact, describe);
      }
    }
  }
}

template <std::size_t... Is> void run_cases(std::index_sequence<Is...>) {
  (run_case<std::tuple_element_t<Is, Cases>>(20240 + Is), ...);
}

} // namespace

int main() {
  const auto start = std::chrono::steady_clock::now();
  try {
    run_cases(std::make_index_sequence<std::tuple_size_v<Cases>>{});
  } catch (const std::exception &e) {
    std::printf("SystemC threw: %s\n", e.what());
    return 2;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf("eecc::fixed vs sc_fixed: %zu target formats, %d inputs each, fixed seed;\n"
              "every input is checked under all 28 mode pairs\n",
              std::tuple_size_v<Cases>, kOpsPerCase);
  std::printf("%-20s %8s %7s %8s %8s %8s %8s %9s %9s\n", "mode pair", "double", "int", "requant",
              "add", "sub", "mul", "total", "mismatch");
  std::uint64_t total = 0, mismatches = g_full_mismatches, pairs_ok = 0;
  for (int p = 0; p < kPairs; ++p) {
    const Stats &s = g_stats[p];
    std::uint64_t sum = 0;
    for (auto n : s.ops)
      sum += n;
    total += sum;
    mismatches += s.mismatches;
    pairs_ok += s.mismatches == 0 && sum >= 1000000;
    const std::string pair = std::string(name(kQuants[p / 4])) + "/" + name(kOverflows[p % 4]);
    std::printf("%-20s %8" PRIu64 " %7" PRIu64 " %8" PRIu64 " %8" PRIu64 " %8" PRIu64 " %8" PRIu64
                " %9" PRIu64 " %9" PRIu64 "\n",
                pair.c_str(), s.ops[kConv], s.ops[kInt], s.ops[kRequant], s.ops[kAdd], s.ops[kSub],
                s.ops[kMul], sum, s.mismatches);
  }
  std::printf("mode-independent (exact a+b, a-b, a*b against sc_fxval; <, ==, >= of the "
              "operands): %" PRIu64 " checks, %" PRIu64 " mismatches\n",
              g_full_checks, g_full_mismatches);
  std::printf("total: %" PRIu64 " checks, %" PRIu64 " mismatches, %.2f s\n", total + g_full_checks,
              mismatches, seconds);
  for (const auto &f : g_failures)
    std::printf("MISMATCH %s\n", f.c_str());
  if (mismatches > g_failures.size())
    std::printf("... and %" PRIu64 " more\n", mismatches - g_failures.size());
  // One per mode pair (each needs >= 1,000,000 checks), plus the mode-independent ones.
  const std::uint64_t passed = pairs_ok + (g_full_mismatches == 0);
  std::printf("fixed_vs_sc_fixed: %" PRIu64 " passed, %" PRIu64 " failed\n", passed,
              kPairs + 1 - passed);
  return passed == kPairs + 1 ? 0 : 1;
}
