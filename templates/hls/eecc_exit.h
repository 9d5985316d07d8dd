// eecc_exit.h: exits: the float and fixed-point decision units, argmax, the abort
// channel of a parallel exit and the fork of its input.
// Part of the eecc HLS layer library (eecc_layers.h includes every part).
#ifndef EECC_EXIT_H
#define EECC_EXIT_H

#include "eecc_layer_common.h"

#ifdef __SYNTHESIS__
#include <hls_stream.h>
#else
#include <cstdio>  // the C-simulation's abort channel reports a broken protocol
#include <cstdlib>
#endif

namespace eecc_hls {

enum criterion_t { CRITERION_ENTROPY = 0, CRITERION_MAX_SOFTMAX = 1, CRITERION_MARGIN = 2 };

/// Behavioural exit decision on float logits (the reference's double-precision
/// softmax); the division-free hardware units come with fixed point.
template <int CLASSES, typename data_t>
bool exit_decision(const data_t logits[], criterion_t criterion, double threshold,
                   bool strict = false) {
  double largest = double(logits[0]);
  for (int k = 1; k < CLASSES; ++k)
    largest = double(logits[k]) > largest ? double(logits[k]) : largest;
  double p[CLASSES];
  double sum = 0.0;
  for (int k = 0; k < CLASSES; ++k)
    sum += p[k] = std::exp(double(logits[k]) - largest);
  double first = 0.0, second = 0.0, entropy = 0.0;
  for (int k = 0; k < CLASSES; ++k) {
    p[k] /= sum;
    if (p[k] > first) {
      second = first;
      first = p[k];
    } else if (p[k] > second) {
      second = p[k];
    }
    if (p[k] != p[k])
      return false; // NaN logits are never confident
    if (p[k] > 0.0)
      entropy -= p[k] * std::log(p[k]);
  }
  switch (criterion) {
  case CRITERION_MAX_SOFTMAX:
    return strict ? first > threshold : first >= threshold;
  case CRITERION_ENTROPY:
    return strict ? entropy < threshold : entropy <= threshold;
  case CRITERION_MARGIN:
    return strict ? first - second > threshold : first - second >= threshold;
  }
  return false;
}

/// The division-free exit decision unit of fixed-point designs (eecc's reference
/// interpreter decides with the same integer arithmetic, compiler/Interpreter/ExitUnit.h,
/// which also states its error against the exact softmax). With d_k = max logit -
/// logit_k, index_k = round(d_k * 2^INDEX_FRAC_BITS) (index_t rounds and saturates),
/// e_k = exp(-d_k) in units of 2^-ONE_BITS as the product of a coarse and a fine table
/// entry (0 for d_k >= COARSE_SIZE / 2^(INDEX_FRAC_BITS - FINE_BITS)), S = sum e_k, and
/// t_q = round(t * 2^ONE_BITS):
///   max-softmax  1/S >= t            <=>  2^ONE_BITS * 2^ONE_BITS >= t_q * S
///   margin       (1 - e_2)/S >= t    <=>  (2^ONE_BITS - e_2) * 2^ONE_BITS >= t_q * S
///   entropy      ln S + sum e_k d_k / S <= t
///                <=>  S * ln(S) + 2^(ONE_BITS - INDEX_FRAC_BITS) * sum e_k index_k <= t_q * S
/// where ln(S) = (msb(S) - ONE_BITS) * ln2_q + ln(1 + f) (f: the ONE_BITS bits below the
/// msb; log_table[m] = ln(1 + m / 2^LOG_BITS), interpolated linearly in the rest of f).
/// `strict` (an ONNX Greater/Less exit) compares with > and <.
template <int CLASSES, int INDEX_FRAC_BITS, int FINE_BITS, int COARSE_SIZE, int ONE_BITS,
          int LOG_BITS, typename index_t, typename logit_t>
bool exit_decision_fixed(const logit_t logits[], criterion_t criterion, long long threshold_q,
                         const unsigned exp_coarse[], const unsigned exp_fine[],
                         const unsigned log_table[], long long ln2_q, bool strict = false) {
  const long long index_limit = (long long)COARSE_SIZE << FINE_BITS;
  int best = 0;
  for (int k = 1; k < CLASSES; ++k)
    if (logits[k] > logits[best])
      best = k;
  long long sum = 0, second = 0, weighted = 0;
  for (int k = 0; k < CLASSES; ++k) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    const index_t d = logits[best] - logits[k];
    const long long index = (d * (1 << INDEX_FRAC_BITS)).to_int64();
    const long long e =
        index < index_limit
            ? ((long long)exp_coarse[index >> FINE_BITS] *
                   (long long)exp_fine[index & ((1 << FINE_BITS) - 1)] +
               (1LL << (ONE_BITS - 1))) >> ONE_BITS
            : 0;
    sum += e;
    weighted += index < index_limit ? e * index : 0;
    if (k != best && e > second)
      second = e;
  }
  const long long one = 1LL << ONE_BITS;
  switch (criterion) {
  case CRITERION_MAX_SOFTMAX:
    return strict ? one * one > threshold_q * sum : one * one >= threshold_q * sum;
  case CRITERION_MARGIN:
    return strict ? (one - second) * one > threshold_q * sum
                  : (one - second) * one >= threshold_q * sum;
  case CRITERION_ENTROPY: {
    int msb = ONE_BITS; // S >= 2^ONE_BITS: e_best is exactly one
    for (int b = 62; b > ONE_BITS; --b)
      if (msb == ONE_BITS && ((sum >> b) & 1))
        msb = b;
    const long long f = (sum - (1LL << msb)) >> (msb - ONE_BITS);
    const int rest = ONE_BITS - LOG_BITS;
    const long long m = f >> rest, r = f & ((1LL << rest) - 1);
    const long long low = log_table[m], high = log_table[m + 1];
    const long long ln_mantissa = low + (((high - low) * r + (1LL << (rest - 1))) >> rest);
    const long long ln_sum = (msb - ONE_BITS) * ln2_q + ln_mantissa;
    const long long entropy_q = sum * ln_sum + (weighted << (ONE_BITS - INDEX_FRAC_BITS));
    return strict ? entropy_q < threshold_q * sum : entropy_q <= threshold_q * sum;
  }
  }
  return false;
}

/// Index of the largest logit (first one on ties).
template <int CLASSES, typename data_t>
int argmax(const data_t logits[]) {
  int best = 0;
  for (int k = 1; k < CLASSES; ++k)
    if (logits[k] > logits[best])
      best = k;
  return best;
}

/// The top's answer from the exit taken: its index, the class, and its logits as float
/// (MAX_CLASSES of them, zero past the exit's CLASSES).
template <int CLASSES, int MAX_CLASSES, typename logit_t>
void finish(int exit, const logit_t exit_logits[], int *exit_id, int *predicted_class,
            float logits[]) {
  *exit_id = exit;
  *predicted_class = argmax<CLASSES>(exit_logits);
  k: for (int k = 0; k < MAX_CLASSES; ++k)
    logits[k] = k < CLASSES ? to_float(exit_logits[k]) : 0.0f;
}

/// The abort channel of a parallel exit: the exit's decision unit writes exactly one
/// token per sample (true: the exit is taken); the next backbone stage, running beside it
/// in a DATAFLOW region, polls it without blocking before every layer and abandons its
/// remaining layers once a true token arrives; a stage that reaches its end without
/// having read the token reads it then (blocking), so no token is ever left in the FIFO to
/// abort the next sample's stage. Under Vitis it is a local depth-2 hls::stream between
/// the two tasks (both always run: no conditional tasks); the stage's polling state is in
/// two plain locals of the stage.
#ifdef __SYNTHESIS__
typedef hls::stream<bool> abort_stream;
#else
/// C-simulation's model of that FIFO. The tasks of a DATAFLOW region run in call order
/// (the exit's first), so one place suffices; it checks the protocol on every sample:
/// one token written and one read, never a read of an empty channel (a deadlock on the
/// board), or the simulation stops with a message. Built with
/// -DEECC_CSIM_LATE_DECISIONS, it models the other order of the hardware race: the
/// decision arrives after the stage's last poll (no poll sees it; only the stage's final
/// blocking read does), so a stage that would leave the token unread is caught too.
class abort_stream {
public:
  abort_stream() = default;
  abort_stream(const abort_stream &) = delete;
  abort_stream &operator=(const abort_stream &) = delete;
  ~abort_stream() {
    if (writes != 1 || reads != 1)
      fail("a sample ended without exactly one decision token written and read");
  }
  void write(bool value) {
    if (full)
      fail("a second decision token was written before the first was read");
    full = true;
    token = value;
    ++writes;
  }
  bool read_nb(bool &value) {
#ifdef EECC_CSIM_LATE_DECISIONS
    (void)value;
    return false;
#endif
    if (!full)
      return false;
    full = false;
    value = token;
    ++reads;
    return true;
  }
  bool read() {
    if (!full)
      fail("the stage read the decision before the exit wrote it (a deadlock on the board)");
    full = false;
    ++reads;
    return token;
  }

private:
  static void fail(const char *what) {
    std::fprintf(stderr, "eecc C-simulation: abort channel: %s\n", what);
    std::abort();
  }
  bool full = false, token = false;
  int writes = 0, reads = 0;
};
#endif

/// The stage's poll before a layer: reads the token if it has come (once), and says
/// whether the exit was taken.
inline bool abort_poll(abort_stream &abort, bool &received, bool &raised) {
  bool value = false;
  if (!received && abort.read_nb(value)) {
    received = true;
    raised = value;
  }
  return raised;
}

/// The stage's end: the token is read exactly once per sample.
inline void abort_drain(abort_stream &abort, bool &received) {
  if (!received) {
    (void)abort.read();
    received = true;
  }
}

/// Two copies of a buffer, for two tasks of a DATAFLOW region that both read it (each
/// channel has one producer and one consumer).
template <int N, typename T>
void fork(const T input[], T first[], T second[]) {
  i: for (int i = 0; i < N; ++i) {
EECC_PRAGMA(HLS PIPELINE II = 1)
    first[i] = input[i];
    second[i] = input[i];
  }
}

} // namespace eecc_hls

#endif // EECC_EXIT_H
