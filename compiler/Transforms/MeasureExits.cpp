// ee-measure-exits: how the exits behave on the calibration set — the exit rates the cost
// model weighs paths with, the accuracy per exit against labels, and warnings about exits
// that are never taken.
#include "dialects/hls/HLSReport.h"
#include "compiler/Interpreter/SampleRun.h"
#include "compiler/Support/RegularFile.h"
#include "compiler/Support/Text.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/ee/EEOps.h"

#include "llvm/Support/Path.h"

#include <fmt/format.h>

namespace eecc {
#define GEN_PASS_DEF_MEASUREEXITS
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

/// The labels of a file: a JSON array of integers, an object holding one under "labels"
/// (the zoo's files), or integers separated by white space.
FailureOr<std::vector<int64_t>> readLabels(ee::NetworkOp network, llvm::StringRef path) {
  auto file = readRegularFile(path);
  if (!file)
    return network.emitError(llvm::toString(file.takeError()));
  llvm::StringRef text = (*file)->getBuffer();
  std::vector<int64_t> labels;
  if (text.ltrim().starts_with("[") || text.ltrim().starts_with("{")) {
    nlohmann::json document = nlohmann::json::parse(text.begin(), text.end(), nullptr,
                                                    /*allow_exceptions=*/false);
    const nlohmann::json *list = &document;
    if (document.is_object() && document.contains("labels"))
      list = &document["labels"];
    if (!list->is_array())
      return network.emitError(path.str() + ": --labels expects a JSON array of class indices "
                                            "(or an object with 'labels')");
    for (const nlohmann::json &item : *list) {
      if (!item.is_number_integer())
        return network.emitError(fmt::format("{}: label {} is not an integer", path.str(),
                                             labels.size()));
      labels.push_back(item.get<int64_t>());
    }
    return labels;
  }
  llvm::SmallVector<llvm::StringRef> words;
  text.split(words, ' ', -1, false);
  for (llvm::StringRef chunk : words)
    for (llvm::StringRef word : llvm::split(chunk, '\n')) {
      word = word.trim();
      if (word.empty())
        continue;
      int64_t value;
      if (word.getAsInteger(10, value))
        return network.emitError(fmt::format("{}: label {} ('{}') is not an integer", path.str(),
                                             labels.size(), escapeInvalidUtf8(word.take_front(20))));
      labels.push_back(value);
    }
  return labels;
}

struct MeasureExitsPass : eecc::impl::MeasureExitsBase<MeasureExitsPass> {
  using MeasureExitsBase::MeasureExitsBase;

  void runOnOperation() override {
    for (ee::NetworkOp network : getOperation().getOps<ee::NetworkOp>())
      if (failed(measure(network)))
        return signalPassFailure();
  }

  std::optional<int64_t> wanted() const {
    return calibrationCount > 0 ? std::optional<int64_t>(calibrationCount) : std::nullopt;
  }

  LogicalResult measure(ee::NetworkOp network) {
    SmallVector<ee::ExitOp> exits = ee::getExits(network);
    bool counted = llvm::all_of(
        exits, [](ee::ExitOp exit) { return exit->hasAttr(interp::kCalibrationExitsAttr); });
    std::vector<int64_t> counts;
    if (!counted && !calibration.empty() &&
        failed(interp::countExits(network, calibration, wanted(), progress, counts)))
      return failure();
    network->removeAttr(report::kAccuracy);
    if (!labels.empty() && failed(accuracy(network)))
      return failure();
    warn(network);
    return success();
  }

  /// Accuracy per exit on the labeled calibration set, in the design's arithmetic: how
  /// many samples each exit takes, how many of them it classifies right, and the final
  /// exit alone for comparison.
  LogicalResult accuracy(ee::NetworkOp network) {
    if (calibration.empty())
      return network.emitError("--labels are the classes of the calibration samples: give "
                               "--calibration=FILE");
    auto labelList = readLabels(network, labels);
    if (failed(labelList))
      return failure();
    size_t exits = ee::getExits(network).size();
    std::vector<int64_t> taken(exits, 0), correct(exits, 0);
    int64_t samples = 0, finalCorrect = 0;
    bool tooFew = false;
    if (failed(interp::forEachSample(
            network, calibration, wanted(), SIZE_MAX, "--calibration-count", /*allExits=*/true,
            [&](llvm::StringRef, const interp::SampleResult &result) {
              if (static_cast<size_t>(samples) >= labelList->size()) {
                tooFew = true;
                return;
              }
              int64_t label = (*labelList)[samples++];
              ++taken[result.exitIndex];
              correct[result.exitIndex] += result.predictedClass == label;
              const std::vector<float> &last = result.allExitLogits.back();
              finalCorrect += std::max_element(last.begin(), last.end()) - last.begin() == label;
            },
            progress)))
      return failure();
    if (tooFew)
      return network.emitError(fmt::format("{}: {} label(s) for more calibration samples; "
                                           "--labels needs one per calibration sample",
                                           labels.getValue(), labelList->size()));
    nlohmann::ordered_json perExit = nlohmann::ordered_json::array();
    int64_t allCorrect = 0;
    for (size_t e = 0; e < exits; ++e) {
      allCorrect += correct[e];
      perExit.push_back({{"exit", e},
                         {"taken", taken[e]},
                         {"correct", correct[e]},
                         {"accuracy", taken[e] ? nlohmann::ordered_json(double(correct[e]) /
                                                                        double(taken[e]))
                                               : nlohmann::ordered_json(nullptr)}});
    }
    nlohmann::ordered_json section = {
        {"labels", std::string(llvm::sys::path::filename(labels))},
        {"samples", samples},
        {"arithmetic", network->hasAttr(hls::attrs::kInputType) ? "fixed" : "float"},
        {"accuracy", samples ? double(allCorrect) / double(samples) : 0.0},
        {"final_exit_alone", samples ? double(finalCorrect) / double(samples) : 0.0},
        {"per_exit", std::move(perExit)}};
    network->setAttr(report::kAccuracy, report::toAttr(network.getContext(), section));
    return success();
  }

  /// Exits that will never be taken: no threshold (the model carries none and none was
  /// given), or none of the calibration samples takes them.
  void warn(ee::NetworkOp network) {
    SmallVector<ee::ExitOp> exits = ee::getExits(network);
    int64_t total = 0;
    bool counted = true;
    for (ee::ExitOp exit : exits) {
      auto count = exit->getAttrOfType<IntegerAttr>(interp::kCalibrationExitsAttr);
      counted = counted && count;
      total += count ? count.getInt() : 0;
    }
    std::string noThreshold, neverTaken;
    for (ee::ExitOp exit : exits) {
      if (exit.getFinal())
        continue;
      std::string name = fmt::format("exit {}", static_cast<int64_t>(exit.getIndex()));
      if (auto output = exit->getAttrOfType<StringAttr>("eecc.output_name"))
        name += " ('" + escapeInvalidUtf8(output.getValue()) + "')";
      if (!exit.getCriterion() || !exit.getThreshold()) {
        noThreshold += (noThreshold.empty() ? "" : ", ") + name;
        continue;
      }
      auto count = exit->getAttrOfType<IntegerAttr>(interp::kCalibrationExitsAttr);
      if (counted && total > 0 && count.getInt() == 0)
        neverTaken += fmt::format("{}{} ({} {:g})", neverTaken.empty() ? "" : ", ", name,
                                  ee::stringifyCriterion(*exit.getCriterion()).str(),
                                  exit.getThreshold()->convertToDouble());
    }
    if (!noThreshold.empty())
      network.emitWarning("no threshold for ")
          << noThreshold
          << ": never taken, so every sample runs the whole network; give --criterion and "
             "--thresholds=t0,t1,... (one per early exit), or --accuracy-budget=POINTS with "
             "--calibration=FILE to choose them";
    if (!neverTaken.empty())
      network.emitWarning("no calibration sample takes ")
          << neverTaken
          << ": such an exit only costs (latency in pipeline, idle hardware in parallel; "
             "--exit-mode=auto gives it no hardware of its own); lower its threshold "
             "(--thresholds) or let --accuracy-budget choose";
  }
};

} // namespace
