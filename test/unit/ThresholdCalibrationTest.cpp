// Threshold calibration on synthetic exits whose best thresholds can be worked out by hand.
#include "compiler/Analysis/ThresholdCalibration.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace eecc;
using namespace eecc::cost;

namespace {

/// Two classes; logits (x, 0) have max softmax 1 / (1 + e^-x).
std::vector<float> logitsFor(size_t cls, float margin) {
  std::vector<float> logits(2, 0.0f);
  logits[cls] = margin;
  return logits;
}

// 100 samples. The early exit is very confident (margin 6) on 60 samples and agrees with
// the final exit there; on 30 it is less confident (margin 2) and disagrees; on 10 it
// is unsure (margin 0.2) and agrees. Exiting costs 1, continuing 3.
std::vector<ExitLogits> samples() {
  std::vector<ExitLogits> result;
  for (int i = 0; i < 100; ++i) {
    size_t finalClass = i % 2;
    if (i < 60)
      result.push_back({logitsFor(finalClass, 6.0f), logitsFor(finalClass, 5.0f)});
    else if (i < 90)
      result.push_back({logitsFor(1 - finalClass, 2.0f), logitsFor(finalClass, 5.0f)});
    else
      result.push_back({logitsFor(finalClass, 0.2f), logitsFor(finalClass, 5.0f)});
  }
  return result;
}

TEST(ThresholdCalibration, ZeroBudgetTakesOnlyTheAgreeingConfidentSamples) {
  ThresholdOutcome outcome = calibrateThresholds(samples(), {ee::Criterion::max_softmax},
                                                 {1.0, 3.0}, /*budgetPoints=*/0.0, {2});
  ASSERT_EQ(outcome.thresholds.size(), 1u);
  EXPECT_EQ(outcome.disagreementPoints, 0.0);
  EXPECT_DOUBLE_EQ(outcome.exitRates[0], 0.6);
  EXPECT_DOUBLE_EQ(outcome.expectedCost, 0.6 * 1.0 + 0.4 * 3.0);
  // between max softmax of margin 2 (0.881) and of margin 6 (0.9975)
  EXPECT_GT(outcome.thresholds[0], 0.881);
  EXPECT_LE(outcome.thresholds[0], 0.9976);
}

TEST(ThresholdCalibration, ALargerBudgetBuysLatency) {
  // 30 points allow the disagreeing samples to leave too; the unsure ones as well.
  ThresholdOutcome outcome = calibrateThresholds(samples(), {ee::Criterion::max_softmax},
                                                 {1.0, 3.0}, /*budgetPoints=*/30.0, {2});
  EXPECT_DOUBLE_EQ(outcome.exitRates[0], 1.0);
  EXPECT_DOUBLE_EQ(outcome.disagreementPoints, 30.0);
  EXPECT_DOUBLE_EQ(outcome.expectedCost, 1.0);
}

TEST(ThresholdCalibration, EntropyExitsBelowTheThreshold) {
  std::vector<ExitLogits> data = samples();
  ThresholdOutcome outcome = calibrateThresholds(data, {ee::Criterion::entropy}, {1.0, 3.0}, 0.0, {2});
  EXPECT_DOUBLE_EQ(outcome.exitRates[0], 0.6);
  EXPECT_LE(outcome.thresholds[0], std::log(2.0));
  // Scores: entropy falls as confidence grows.
  EXPECT_LT(confidenceScore(ee::Criterion::entropy, logitsFor(0, 6.0f)),
            confidenceScore(ee::Criterion::entropy, logitsFor(0, 2.0f)));
  EXPECT_TRUE(passes(ee::Criterion::entropy, 0.1, 0.2));
  EXPECT_FALSE(passes(ee::Criterion::max_softmax, 0.1, 0.2));
}

TEST(ThresholdCalibration, EvaluateCountsExitsAndDisagreement) {
  ThresholdOutcome outcome =
      evaluateThresholds(samples(), {ee::Criterion::max_softmax}, {0.85}, {1.0, 3.0});
  EXPECT_DOUBLE_EQ(outcome.exitRates[0], 0.9); // margins 6 and 2 pass 0.85
  EXPECT_DOUBLE_EQ(outcome.disagreementPoints, 30.0);
}

} // namespace
