// JSON summary of the early-exit structure of every ee.network in a module.
#include "compiler/Emit/StructureReport.h"
#include "compiler/Support/Json.h"

#include "dialects/nn/Workload.h"
#include "compiler/Numerics/ExitUnit.h"
#include "dialects/ee/EEOps.h"
#include "dialects/hls/HLSDialect.h"
#include "mlir/Tools/mlir-translate/Translation.h"

#include <nlohmann/json.hpp>

using namespace mlir;
using json = nlohmann::ordered_json;

namespace eecc {

namespace {

json shapeOf(Type type) {
  auto shaped = cast<ShapedType>(type);
  return json(std::vector<int64_t>(shaped.getShape().begin(), shaped.getShape().end()));
}

/// Layers, multiply-accumulates and parameters of a stage or exit region.
void addWorkload(json &entry, Region &region) {
  Workload workload = workloadOf(region);
  entry["layers"] = workload.layers;
  entry["macs"] = workload.macs;
  entry["parameters"] = workload.parameters;
}

json describeNetwork(ee::NetworkOp network) {
  json inputs = json::array();
  for (BlockArgument argument : network.getBody().front().getArguments())
    inputs.push_back(shapeOf(argument.getType()));

  // Network inputs are "stage -1": an exit on them branches before any stage.
  llvm::DenseMap<Value, int64_t> stageOf;
  for (BlockArgument argument : network.getBody().front().getArguments())
    stageOf[argument] = -1;
  json stages = json::array();
  for (ee::StageOp stage : ee::getStages(network)) {
    for (Value result : stage.getResults())
      stageOf[result] = static_cast<int64_t>(stage.getIndex());
    json entry = {{"index", static_cast<int64_t>(stage.getIndex())}};
    addWorkload(entry, stage.getBody());
    stages.push_back(std::move(entry));
  }

  json exits = json::array();
  for (ee::ExitOp exit : ee::getExits(network)) {
    int64_t branch = -1;
    for (Value input : exit.getInputs())
      branch = std::max(branch, stageOf.at(input));
    json entry = {{"index", static_cast<int64_t>(exit.getIndex())},
                  {"final", exit.getFinal()},
                  {"branch_stage", branch},
                  {"classes", exit.getNumClasses()}};
    addWorkload(entry, exit.getBody());
    if (auto criterion = exit.getCriterion())
      entry["criterion"] = ee::stringifyCriterion(*criterion).str();
    if (auto threshold = exit.getThreshold())
      entry["threshold"] = threshold->convertToDouble();
    if (exit.getStrict())
      entry["strict"] = true;
    // Fixed point: the decision unit's criterion is within this of the exact softmax's
    // (of the same fixed-point logits); decisions agree beyond it.
    if (auto criterion = exit.getCriterion();
        criterion && network->hasAttr(hls::attrs::kInputType))
      entry["decision_error_bound"] =
          numerics::ExitUnit::decisionErrorBound(*criterion, exit.getNumClasses());
    if (auto placement = exit.getPlacement())
      entry["placement"] = ee::stringifyPlacement(*placement).str();
    exits.push_back(std::move(entry));
  }
  return {{"name", network.getSymName().str()},
          {"inputs", std::move(inputs)},
          {"stages", std::move(stages)},
          {"exits", std::move(exits)}};
}

} // namespace

LogicalResult emitStructureReport(ModuleOp module, llvm::raw_ostream &os) {
  json networks = json::array();
  module.walk([&](ee::NetworkOp network) { networks.push_back(describeNetwork(network)); });
  if (networks.empty())
    return module.emitError("no ee.network to describe (run exit discovery first)");
  os << jsonText(json{{"networks", std::move(networks)}}, 2)
     << "\n";
  return success();
}

} // namespace eecc
