// Threshold calibration: per-exit thresholds that minimize an expected cost (latency,
// energy or their product, weighted by the exit rates they cause) while the answers of
// the early-exit network stay within a budget of the final exit's answers.
#ifndef EECC_ANALYSIS_THRESHOLDCALIBRATION_H
#define EECC_ANALYSIS_THRESHOLDCALIBRATION_H

#include "dialects/ee/EEOps.h"

#include <vector>

namespace eecc::cost {

/// One calibration sample: every exit's logits (the final exit last).
using ExitLogits = std::vector<std::vector<float>>;

/// The confidence of one exit's logits in its criterion's measure: max softmax, top-1
/// minus top-2 softmax, or entropy (double-precision softmax).
double confidenceScore(ee::Criterion criterion, const std::vector<float> &logits);
/// Whether a score passes a threshold (entropy: score <= t; the others: score >= t).
bool passes(ee::Criterion criterion, double score, double threshold);

struct ThresholdOutcome {
  std::vector<double> thresholds; // one per early exit
  std::vector<double> exitRates;  // one per exit, the final one last
  /// Points (percent of samples) whose taken exit predicts another class than the
  /// final exit would.
  double disagreementPoints = 0.0;
  /// sum_i rate_i * pathCost_i
  double expectedCost = 0.0;
};

/// The outcome of `thresholds` on the samples.
ThresholdOutcome evaluateThresholds(const std::vector<ExitLogits> &samples,
                                    const std::vector<ee::Criterion> &criteria,
                                    const std::vector<double> &thresholds,
                                    const std::vector<double> &pathCosts);

/// Coordinate descent over each exit's candidate thresholds (quantiles of its scores on
/// the samples, and "never"): the lowest expected cost with at most `budgetPoints` of
/// disagreement with the final exit. `numClasses` bounds entropy thresholds (ln C).
ThresholdOutcome calibrateThresholds(const std::vector<ExitLogits> &samples,
                                     const std::vector<ee::Criterion> &criteria,
                                     const std::vector<double> &pathCosts, double budgetPoints,
                                     const std::vector<int64_t> &numClasses);

} // namespace eecc::cost

#endif // EECC_ANALYSIS_THRESHOLDCALIBRATION_H
