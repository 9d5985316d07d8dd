// hls-annotate-estimates: the cost model over the bound, placed network — every layer's
// #hls.estimate, the static / pipeline / parallel designs and the chosen one (report.json
// "estimated"), the other binding for comparison, and the check that the design fits.
#include "compiler/Analysis/CostModel.h"
#include "dialects/hls/HLSReport.h"
#include "compiler/Interpreter/Interpreter.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/ee/EEOps.h"
#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNDialect.h"

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringMap.h"

#include <cmath>
#include <fmt/format.h>

namespace eecc {
#define GEN_PASS_DEF_ANNOTATEESTIMATES
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

nlohmann::ordered_json resourcesJson(const cost::Resources &r, const cost::Device &device) {
  auto percent = [](int64_t used, int64_t available) {
    return available ? std::round(1000.0 * used / available) / 10.0 : 0.0;
  };
  return {{"dsp", r.dsp}, {"bram18", r.bram18}, {"lut", r.lut}, {"ff", r.ff},
          {"utilization_percent",
           {{"dsp", percent(r.dsp, device.available.dsp)},
            {"bram18", percent(r.bram18, device.available.bram18)},
            {"lut", percent(r.lut, device.available.lut)},
            {"ff", percent(r.ff, device.available.ff)}}}};
}

std::string stringAttr(Operation *op, llvm::StringRef name, llvm::StringRef otherwise) {
  auto attr = op->getAttrOfType<StringAttr>(name);
  return attr ? attr.str() : otherwise.str();
}

struct AnnotateEstimatesPass : eecc::impl::AnnotateEstimatesBase<AnnotateEstimatesPass> {
  using AnnotateEstimatesBase::AnnotateEstimatesBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto device = cost::loadDevice(target);
    if (!device) {
      module.emitError("hls-annotate-estimates: ") << llvm::toString(device.takeError());
      return signalPassFailure();
    }
    if (!(clockNs >= device->minClockNs && clockNs <= device->maxClockNs)) {
      module.emitError(fmt::format(
          "hls-annotate-estimates: a clock of {:g} ns is outside what a {} design can be "
          "built at ({:g} to {:g} ns)",
          clockNs.getValue(), target.getValue(), device->minClockNs, device->maxClockNs));
      return signalPassFailure();
    }
    for (ee::NetworkOp network : module.getOps<ee::NetworkOp>()) {
      if (!network->hasAttr(hls::attrs::kBinding)) {
        network.emitError("hls-annotate-estimates: the network is not bound (run hls-bind)");
        return signalPassFailure();
      }
      Builder builder(&getContext());
      network->setAttr(hls::attrs::kTarget, builder.getStringAttr(target));
      network->setAttr(hls::attrs::kPart, builder.getStringAttr(device->part));
      network->setAttr(hls::attrs::kBoardPart, builder.getStringAttr(device->boardPart));
      network->setAttr(hls::attrs::kClockNs, builder.getF64FloatAttr(clockNs));
      nlohmann::ordered_json estimated = estimate(network, *device, /*annotate=*/true);
      network->setAttr(report::kEstimated, report::toAttr(&getContext(), estimated));
      network->removeAttr(report::kOtherBinding);
      if (otherBinding)
        if (nlohmann::ordered_json other = alternative(module, network, estimated); !other.is_null())
          network->setAttr(report::kOtherBinding, report::toAttr(&getContext(), other));
      if (failed(checkFit(network, estimated)))
        return signalPassFailure();
    }
    annotateKernels(module);
  }

  /// Each kernel of the design: its cycles read from its loops, the resources of the
  /// layer it runs (the layer's #hls.estimate).
  static void annotateKernels(ModuleOp module) {
    llvm::StringMap<hls::EstimateAttr> layers;
    for (ee::NetworkOp network : module.getOps<ee::NetworkOp>())
      network.walk([&](Operation *op) {
        auto cname = op->getAttrOfType<StringAttr>("eecc.cname");
        auto estimate = op->getAttrOfType<hls::EstimateAttr>("hls.estimate");
        if (cname && estimate)
          layers[cname.getValue()] = estimate;
      });
    for (auto design : module.getOps<hls::DesignOp>())
      for (auto kernel : design.getBody().front().getOps<hls::KernelOp>()) {
        hls::EstimateAttr layer = layers.lookup(kernel.getSymName());
        kernel.setEstimateAttr(hls::EstimateAttr::get(
            module.getContext(), kernel.getCycles(), layer ? layer.getDsp() : 0,
            layer ? layer.getBram18() : 0, 0, layer ? layer.getLut() : 0,
            layer ? layer.getFf() : 0));
      }
  }

  /// The network's hls.design (ee-to-hls: @<network>_design), if built.
  static hls::DesignOp designOf(ee::NetworkOp network) {
    auto module = network->getParentOfType<ModuleOp>();
    if (!module)
      return nullptr;
    return dyn_cast_or_null<hls::DesignOp>(
        SymbolTable::lookupSymbolIn(module, (network.getSymName() + "_design").str()));
  }

  /// The exit rates the calibration set measured (hls.calibration_exits), or none.
  static std::vector<double> exitRates(ee::NetworkOp network) {
    std::vector<int64_t> counts;
    for (ee::ExitOp exit : ee::getExits(network))
      if (auto count = exit->getAttrOfType<IntegerAttr>(interp::kCalibrationExitsAttr))
        counts.push_back(count.getInt());
    int64_t total = 0;
    for (int64_t count : counts)
      total += count;
    std::vector<double> rates;
    for (int64_t count : counts)
      rates.push_back(total ? static_cast<double>(count) / static_cast<double>(total) : 0.0);
    return rates;
  }

  /// report.json's "estimated": the designs of the network as bound and placed.
  nlohmann::ordered_json estimate(ee::NetworkOp network, const cost::Device &device,
                                  bool annotate) {
    MLIRContext *context = network.getContext();
    cost::NetworkCost costs = cost::analyzeNetwork(network, device);
    std::vector<double> rates = exitRates(network);
    nlohmann::ordered_json layers = nlohmann::ordered_json::array();
    auto record = [&](const std::vector<cost::BlockCost> &blocks, const char *kind) {
      for (auto [index, block] : llvm::enumerate(blocks))
        for (const cost::LayerCost &layer : block.layers) {
          const cost::Resources &r = layer.resources;
          if (annotate)
            layer.op->setAttr("hls.estimate", hls::EstimateAttr::get(context, layer.cycles, r.dsp,
                                                                     r.bram18, 0, r.lut, r.ff));
          nlohmann::ordered_json entry = {{"layer", nn::layerName(layer.op)},
                                          {"op", layer.op->getName().getStringRef().str()},
                                          {"in", fmt::format("{} {}", kind, index)},
                                          {"cycles", layer.cycles},
                                          {"dsp", r.dsp},
                                          {"bram18", r.bram18},
                                          {"lut", r.lut},
                                          {"ff", r.ff}};
          if (layer.macs > 0) {
            entry["macs"] = layer.macs;
            // On an engine: achieved MACs per cycle over the engine's MAC units (its DSP
            // roofline); dedicated: over the layer's one MAC unit.
            const int64_t units = layer.tiles.m > 0 ? layer.tiles.macs() : 1;
            entry["mac_efficiency"] =
                static_cast<double>(layer.macs) / (static_cast<double>(layer.cycles) * units);
          }
          if (layer.tiles.m > 0) {
            entry["engine_tiles"] = {layer.tiles.m, layer.tiles.n};
            entry["ddr_bytes"] = layer.ddrBytes;
          }
          layers.push_back(std::move(entry));
        }
    };
    record(costs.stages, "stage");
    record(costs.exits, "exit");

    const size_t early = costs.exits.size() - 1;
    const bool haveRates = !rates.empty();
    llvm::SmallVector<ee::ExitOp> exits = ee::getExits(network);
    std::vector<cost::Mode> placements(early, cost::Mode::Pipeline);
    for (size_t e = 0; e < early; ++e)
      placements[e] = exits[e].getPlacement() == ee::Placement::parallel ? cost::Mode::Parallel
                                                                          : cost::Mode::Pipeline;
    const double nsPerCycle = clockNs;
    auto designJson = [&](const cost::DesignEstimate &d) {
      nlohmann::ordered_json placementNames = nlohmann::ordered_json::array();
      for (cost::Mode mode : d.placements)
        placementNames.push_back(cost::modeName(mode));
      nlohmann::ordered_json paths = nlohmann::ordered_json::array();
      for (size_t e = 0; e < d.exitCycles.size(); ++e)
        paths.push_back({{"exit", e},
                         {"cycles", d.exitCycles[e]},
                         {"latency_us", d.exitCycles[e] * nsPerCycle * 1e-3},
                         {"energy_uj", d.exitMicrojoules[e]}});
      nlohmann::ordered_json json = {{"placements", placementNames},
                                     {"exit_paths", paths},
                                     {"resources", resourcesJson(d.resources, device)},
                                     {"fits_device", cost::fits(d.resources, device)}};
      if (haveRates || d.placements.empty() ||
          llvm::all_of(d.placements, [](cost::Mode m) { return m == cost::Mode::Static; })) {
        json["expected_latency_us"] = d.expectedCycles * nsPerCycle * 1e-3;
        json["expected_energy_uj"] = d.expectedMicrojoules;
      }
      return json;
    };
    const bool engine = costs.binding.binding == cost::Binding::Engine;
    const bool isStatic = stringAttr(network, hls::attrs::kExitMode, "") == "static";
    cost::DesignEstimate staticDesign =
        cost::estimateDesign(costs, device, clockNs, cost::Mode::Static, rates);
    nlohmann::ordered_json designs = {{"static", designJson(staticDesign)}};
    if (early > 0) {
      for (cost::Mode mode : {cost::Mode::Pipeline, cost::Mode::Parallel}) {
        designs[cost::modeName(mode)] =
            designJson(cost::estimateDesign(costs, device, clockNs, mode, rates));
        if (mode == cost::Mode::Parallel && engine)
          designs[cost::modeName(mode)]["realizable"] =
              "no: engine binding runs every layer on one engine over one feature-map arena, so "
              "an exit cannot run beside the next stage (a modeled alternative, not emitted)";
      }
    }
    cost::DesignEstimate chosen =
        isStatic ? staticDesign : cost::estimateDesign(costs, device, clockNs, placements, rates);
    // The emitted design's memories are its hls.memory ops (ee-to-hls), not the formula's.
    hls::DesignOp design = annotate ? designOf(network) : nullptr;
    const bool designed =
        design && hls::emittedBinding(network) ==
                      (engine ? hls::Binding::engine : hls::Binding::dedicated);
    const cost::Resources formula = chosen.resources;
    if (designed)
      chosen.resources = cost::withDesignMemories(chosen.resources, design);
    nlohmann::ordered_json chosenJson = designJson(chosen);
    if (designed) {
      const cost::Resources memories = cost::designMemoryResources(design);
      const size_t count = llvm::range_size(design.getBody().front().getOps<hls::MemoryOp>());
      chosenJson["memories"] = {{"from", fmt::format("the {} hls.memory ops of @{}", count,
                                                     design.getSymName().str())},
                                {"bram18", memories.bram18},
                                {"lut", memories.lut},
                                {"ff", memories.ff},
                                // What the model sized for the same design (the placements
                                // and bindings it weighs have no hls.design).
                                {"formula", {{"bram18", formula.memoryBram18},
                                             {"lut", formula.memoryLut},
                                             {"ff", formula.memoryFf}}}};
    }
    chosenJson["how"] = stringAttr(network, hls::attrs::kPlacementHow, "as given");
    if (haveRates && !isStatic && chosen.expectedCycles > 0) {
      chosenJson["speedup_vs_static"] = staticDesign.expectedCycles / chosen.expectedCycles;
      chosenJson["energy_ratio_static_over_this"] =
          staticDesign.expectedMicrojoules / chosen.expectedMicrojoules;
    }
    designs["chosen"] = chosenJson;
    nlohmann::ordered_json bindingJson = {
        {"binding", cost::bindingName(costs.binding.binding)},
        {"how", stringAttr(network, hls::attrs::kBindingHow, "as given")}};
    if (engine) {
      bindingJson["engine_tiles"] = {costs.binding.engine.m, costs.binding.engine.n};
      bindingJson["engine_resources"] = resourcesJson(costs.shared, device);
      bindingJson["feature_maps"] = costs.featureMapsInDDR ? "ddr" : "on-chip arena";
      bindingJson["arena_kib"] = static_cast<double>(costs.arenaBits) / 8192.0;
      bindingJson["weight_ports"] = device.weightPorts;
      // What the emitted engine reads its weights at (its loops in the hls.design): one
      // 16-bit single-beat m_axi read per bundle per iteration, no burst, so each bundle
      // keeps m_axi_outstanding reads in flight over the DDR latency.
      const int64_t cyclesPerRead =
          (device.ddrLatency + device.outstandingReads - 1) / device.outstandingReads;
      bindingJson["weight_reads"] = fmt::format(
          "single-beat 16-bit m_axi reads (no burst): {} bundle(s), {} in flight each over "
          "{} cycles",
          device.weightPorts, device.outstandingReads, device.ddrLatency);
      bindingJson["weight_bytes_per_cycle"] =
          static_cast<double>(2 * device.weightPorts) / static_cast<double>(cyclesPerRead);
      bindingJson["engine_assumptions"] = device.engineSource;
      nlohmann::ordered_json exitEngines = nlohmann::ordered_json::array();
      for (const cost::Tiles &tiles : costs.exitEngines)
        exitEngines.push_back({tiles.m, tiles.n});
      bindingJson["parallel_exit_engines"] = exitEngines;
      auto why = network->getAttrOfType<StringAttr>(hls::attrs::kEmittedWhy);
      bindingJson["hls_cpp"] =
          why ? "dedicated kernels: the engine design is not emitted for this network (" +
                    why.str() + "); the estimates are the engine design's"
              : "the engine design: hls/eecc_top.cpp runs conv2d and dense on "
                "eecc_engine::mac_engine, feature maps in one arena, weights in hls/weights.bin "
                "(DDR)";
    }
    return {{"model", engine ? "eecc analytical cost model 1: engine binding (conv2d and dense "
                               "on one shared tiled MAC engine, weights streamed from DDR, "
                               "feature maps in a shared arena), other layers one kernel each"
                             : "eecc analytical cost model 1: dedicated binding (one kernel per "
                               "layer), the layer library's loop nests with the innermost loop "
                               "pipelined"},
            {"binding", bindingJson},
            {"device", device.name},
            {"part", device.part},
            {"clock_ns", clockNs.getValue()},
            {"schedule_assumptions", device.scheduleSource},
            {"power_assumptions", device.powerSource},
            {"exit_rates", haveRates ? nlohmann::ordered_json(rates) : nlohmann::ordered_json(nullptr)},
            {"exit_rates_from", haveRates
                                    ? "the calibration set through the reference interpreter"
                                    : "no calibration set: expected latency and energy need exit rates"},
            {"designs", designs},
            {"threshold_calibration",
             report::toJson(network->getAttr(report::kThresholdCalibration))},
            {"layers", layers}};
  }

  /// The other binding, bound and placed on a copy of the network (its diagnostics are
  /// this design's business only), for report.html's side-by-side comparison.
  nlohmann::ordered_json alternative(ModuleOp module, ee::NetworkOp network,
                                     const nlohmann::ordered_json &estimated) {
    OwningOpRef<ModuleOp> copy(cast<ModuleOp>(module->clone()));
    ee::NetworkOp other;
    for (ee::NetworkOp candidate : copy->getOps<ee::NetworkOp>())
      if (candidate.getSymName() == network.getSymName())
        other = candidate;
    ScopedDiagnosticHandler silence(&getContext(), [](Diagnostic &) { return success(); });
    const bool automatic = stringAttr(network, hls::attrs::kExitMode, "auto") == "auto";
    if (other && automatic) // ee-place-exits decides again for the other binding
      for (ee::ExitOp exit : ee::getExits(other))
        if (!exit.getFinal())
          exit.removePlacementAttr();
    HLSBindOptions bind;
    bind.binding = estimated["binding"]["binding"] == "engine" ? "dedicated" : "engine";
    bind.target = target;
    PassManager pm(&getContext());
    pm.addPass(createHLSBind(bind));
    if (automatic) {
      PlaceExitsOptions place;
      place.mode = "auto";
      place.objective = objective;
      place.target = target;
      place.clockNs = clockNs;
      pm.addPass(createPlaceExits(place));
    }
    auto device = cost::loadDevice(target);
    if (!other || !device || failed(pm.run(*copy))) {
      if (!device)
        llvm::consumeError(device.takeError());
      return nullptr;
    }
    nlohmann::ordered_json otherEstimate = estimate(other, *device, /*annotate=*/false);
    const nlohmann::ordered_json &otherChosen = otherEstimate["designs"]["chosen"];
    return {{"binding", otherEstimate["binding"]["binding"]},
            {"placements", otherChosen["placements"]},
            {"exit_paths", otherChosen["exit_paths"]},
            {"expected_latency_us", otherChosen.contains("expected_latency_us")
                                        ? otherChosen["expected_latency_us"]
                                        : nlohmann::ordered_json(nullptr)},
            {"resources", otherChosen["resources"]},
            {"fits_device", otherChosen["fits_device"]}};
  }

  /// A design that does not fit the device is an error (or, asked for, a warning).
  LogicalResult checkFit(ee::NetworkOp network, const nlohmann::ordered_json &estimated) {
    const nlohmann::ordered_json &chosen = estimated["designs"]["chosen"];
    if (chosen["fits_device"].get<bool>())
      return success();
    std::string over;
    for (const auto &[resource, percent] : chosen["resources"]["utilization_percent"].items())
      if (percent.get<double>() >= 100.0)
        over += fmt::format("{}{} {:g} %", over.empty() ? "" : ", ", resource,
                            percent.get<double>());
    const std::string binding = estimated["binding"]["binding"].get<std::string>();
    std::string message =
        fmt::format("the estimated design does not fit the {} ({} binding): {} of the device",
                    target.getValue(), binding, over);
    if (allowOverfit) {
      network.emitWarning(message + " (--allow-overfit)");
      return success();
    }
    return network.emitError(message +
                             (binding == "engine"
                                  ? "; try smaller --engine-tiles, a narrower --precision, or "
                                  : "; try --binding=engine (or auto), a narrower --precision, or ") +
                             "--allow-overfit to write it anyway");
  }
};

} // namespace
