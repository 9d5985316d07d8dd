// Threshold calibration (see ThresholdCalibration.h).
#include "ThresholdCalibration.h"

#include <algorithm>
#include <cmath>

namespace eecc::cost {

namespace {

size_t argmax(const std::vector<float> &values) {
  return std::max_element(values.begin(), values.end()) - values.begin();
}

/// A threshold no score passes: above every max softmax / margin, below every entropy.
double never(ee::Criterion criterion) { return criterion == ee::Criterion::entropy ? 0.0 : 1.0; }

} // namespace

double confidenceScore(ee::Criterion criterion, const std::vector<float> &logits) {
  double largest = *std::max_element(logits.begin(), logits.end()), sum = 0.0;
  std::vector<double> p(logits.size());
  for (size_t k = 0; k < logits.size(); ++k)
    sum += p[k] = std::exp(static_cast<double>(logits[k]) - largest);
  for (double &q : p)
    q /= sum;
  std::sort(p.begin(), p.end(), std::greater<double>());
  switch (criterion) {
  case ee::Criterion::max_softmax:
    return p[0];
  case ee::Criterion::margin:
    return p.size() > 1 ? p[0] - p[1] : p[0];
  case ee::Criterion::entropy: {
    double entropy = 0.0;
    for (double q : p)
      if (q > 0.0)
        entropy -= q * std::log(q);
    return entropy;
  }
  }
  return 0.0;
}

bool passes(ee::Criterion criterion, double score, double threshold) {
  return criterion == ee::Criterion::entropy ? score <= threshold : score >= threshold;
}

namespace {
/// Scores and classes computed once; evaluation is then a scan.
struct Table {
  std::vector<std::vector<double>> scores; // [sample][early exit]
  std::vector<std::vector<size_t>> classes; // [sample][exit]
};

Table tabulate(const std::vector<ExitLogits> &samples, const std::vector<ee::Criterion> &criteria) {
  Table table;
  for (const ExitLogits &sample : samples) {
    std::vector<double> scores;
    std::vector<size_t> classes;
    for (size_t e = 0; e < sample.size(); ++e) {
      classes.push_back(argmax(sample[e]));
      if (e < criteria.size())
        scores.push_back(confidenceScore(criteria[e], sample[e]));
    }
    table.scores.push_back(std::move(scores));
    table.classes.push_back(std::move(classes));
  }
  return table;
}

ThresholdOutcome evaluate(const Table &table, const std::vector<ee::Criterion> &criteria,
                          const std::vector<double> &thresholds,
                          const std::vector<double> &pathCosts) {
  ThresholdOutcome outcome;
  outcome.thresholds = thresholds;
  const size_t numExits = criteria.size() + 1;
  outcome.exitRates.assign(numExits, 0.0);
  size_t disagree = 0;
  const size_t count = table.scores.size();
  for (size_t s = 0; s < count; ++s) {
    size_t taken = numExits - 1;
    for (size_t e = 0; e < criteria.size(); ++e)
      if (passes(criteria[e], table.scores[s][e], thresholds[e])) {
        taken = e;
        break;
      }
    outcome.exitRates[taken] += 1.0;
    disagree += table.classes[s][taken] != table.classes[s][numExits - 1];
  }
  for (double &rate : outcome.exitRates)
    rate = count ? rate / static_cast<double>(count) : 0.0;
  outcome.disagreementPoints = count ? 100.0 * static_cast<double>(disagree) / count : 0.0;
  for (size_t e = 0; e < numExits && e < pathCosts.size(); ++e)
    outcome.expectedCost += outcome.exitRates[e] * pathCosts[e];
  return outcome;
}
} // namespace

ThresholdOutcome evaluateThresholds(const std::vector<ExitLogits> &samples,
                                    const std::vector<ee::Criterion> &criteria,
                                    const std::vector<double> &thresholds,
                                    const std::vector<double> &pathCosts) {
  return evaluate(tabulate(samples, criteria), criteria, thresholds, pathCosts);
}

ThresholdOutcome calibrateThresholds(const std::vector<ExitLogits> &samples,
                                     const std::vector<ee::Criterion> &criteria,
                                     const std::vector<double> &pathCosts, double budgetPoints,
                                     const std::vector<int64_t> &numClasses) {
  Table table = tabulate(samples, criteria);
  // Candidates per exit: "never", and up to 64 quantiles of its scores, inside the
  // criterion's range.
  std::vector<std::vector<double>> candidates(criteria.size());
  for (size_t e = 0; e < criteria.size(); ++e) {
    std::vector<double> scores;
    for (const auto &row : table.scores)
      scores.push_back(row[e]);
    std::sort(scores.begin(), scores.end());
    double upper = criteria[e] == ee::Criterion::entropy
                       ? std::log(static_cast<double>(std::max<int64_t>(numClasses[e], 2)))
                       : 1.0;
    candidates[e].push_back(never(criteria[e]));
    for (size_t q = 0; q < 64 && !scores.empty(); ++q) {
      double value = scores[std::min(scores.size() - 1, q * scores.size() / 64)];
      candidates[e].push_back(std::min(std::max(value, 0.0), upper));
    }
    std::sort(candidates[e].begin(), candidates[e].end());
    candidates[e].erase(std::unique(candidates[e].begin(), candidates[e].end()), candidates[e].end());
  }
  std::vector<double> thresholds;
  for (ee::Criterion criterion : criteria)
    thresholds.push_back(never(criterion));
  ThresholdOutcome best = evaluate(table, criteria, thresholds, pathCosts);
  for (int round = 0; round < 4; ++round) {
    bool improved = false;
    for (size_t e = 0; e < criteria.size(); ++e)
      for (double candidate : candidates[e]) {
        std::vector<double> trial = best.thresholds;
        trial[e] = candidate;
        ThresholdOutcome outcome = evaluate(table, criteria, trial, pathCosts);
        if (outcome.disagreementPoints <= budgetPoints &&
            (outcome.expectedCost < best.expectedCost - 1e-9 ||
             (std::fabs(outcome.expectedCost - best.expectedCost) <= 1e-9 &&
              outcome.disagreementPoints < best.disagreementPoints))) {
          best = outcome;
          improved = true;
        }
      }
    if (!improved)
      break;
  }
  return best;
}

} // namespace eecc::cost
