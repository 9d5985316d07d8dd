// The whole project of a compiled module (see Project.h).
#include "compiler/Emit/Project.h"
#include "compiler/Support/Json.h"

#include "dialects/hls/HLSReport.h"
#include "compiler/Numerics/Attributes.h"
#include "compiler/Support/Text.h"
#include "compiler/Support/Version.h"
#include "compiler/Emit/BoardDesign.h"
#include "compiler/Emit/ReportHtml.h"
#include "compiler/Emit/StructureReport.h"
#include "dialects/ee/EEOps.h"
#include "dialects/hls/HLSDialect.h"
#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/Support/Path.h"

#include <cstring>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace eecc {

namespace {

/// OUT/model.mlir of a project prints constants of more elements than this as
/// dense_resource<__elided__>: B-VGG19's weights would be 165 MB of hex.
constexpr int64_t kElideElements = 4096;

ee::NetworkOp theNetwork(mlir::ModuleOp module) {
  auto networks = module.getOps<ee::NetworkOp>();
  return networks.empty() ? ee::NetworkOp() : *networks.begin();
}

std::string stringAttr(mlir::Operation *op, llvm::StringRef name) {
  auto attr = op->getAttrOfType<mlir::StringAttr>(name);
  return attr ? attr.str() : std::string();
}

/// The formats nn-quantize chose, layer by layer, with the calibration statistics.
nlohmann::ordered_json quantizationReport(mlir::ModuleOp module) {
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  auto format = [](mlir::Operation *op, llvm::StringRef name) -> nlohmann::ordered_json {
    if (!op || !op->hasAttr(name))
      return nullptr;
    return numerics::toFixedFormat(op->getAttr(name)).apType();
  };
  module.walk<mlir::WalkOrder::PreOrder>([&](mlir::Operation *op) {
    bool isInput = mlir::isa<ee::NetworkOp>(op);
    if (!isInput && (!op->hasAttr(hls::attrs::kType) || mlir::isa<mlir::arith::ConstantOp>(op)))
      return;
    nlohmann::ordered_json entry = {
        {"layer", isInput ? std::string("input") : nn::layerName(op)},
        {"op", op->getName().getStringRef().str()},
        {"type", format(op, isInput ? hls::attrs::kInputType : hls::attrs::kType)}};
    if (mlir::isa<nn::Conv2DOp, nn::DenseOp>(op)) {
      entry["weight_type"] = format(op->getOperand(1).getDefiningOp(), hls::attrs::kType);
      if (op->getNumOperands() > 2)
        entry["bias_type"] = format(op->getOperand(2).getDefiningOp(), hls::attrs::kType);
    }
    if (op->hasAttr(hls::attrs::kAccumType))
      entry["accum_type"] = format(op, hls::attrs::kAccumType);
    if (auto range = op->getAttrOfType<mlir::ArrayAttr>(hls::attrs::kRange))
      entry["calibrated_range"] = {mlir::cast<mlir::FloatAttr>(range[0]).getValueAsDouble(),
                                   mlir::cast<mlir::FloatAttr>(range[1]).getValueAsDouble()};
    if (auto overflows = op->getAttrOfType<mlir::IntegerAttr>(hls::attrs::kOverflows))
      entry["overflows"] = overflows.getInt();
    if (auto conversions = op->getAttrOfType<mlir::IntegerAttr>(hls::attrs::kConversions))
      entry["values"] = conversions.getInt();
    layers.push_back(std::move(entry));
  });
  return layers;
}

/// The samples the project carries and their expected answers (hls-carry-test-samples).
board::TestSamples testSamples(ee::NetworkOp network) {
  board::TestSamples samples;
  for (ee::ExitOp exit : ee::getExits(network))
    samples.logitsPerSample = std::max<int64_t>(
        samples.logitsPerSample,
        mlir::cast<mlir::ShapedType>(exit.getLogits().getType()).getNumElements());
  auto inputs = network->getAttrOfType<mlir::DenseElementsAttr>(hls::attrs::kTestSamples);
  auto exits = network->getAttrOfType<mlir::DenseI32ArrayAttr>(hls::attrs::kTestExits);
  auto classes = network->getAttrOfType<mlir::DenseI32ArrayAttr>(hls::attrs::kTestClasses);
  auto logits = network->getAttrOfType<mlir::DenseElementsAttr>(hls::attrs::kTestLogits);
  if (!inputs || !exits || !classes || !logits)
    return samples;
  samples.count = exits.size();
  for (float value : inputs.getValues<float>()) {
    char bytes[sizeof(float)];
    std::memcpy(bytes, &value, sizeof(float));
    samples.bytes.append(bytes, sizeof(float));
  }
  samples.exits.assign(exits.asArrayRef().begin(), exits.asArrayRef().end());
  samples.classes.assign(classes.asArrayRef().begin(), classes.asArrayRef().end());
  for (float value : logits.getValues<float>())
    samples.logits.push_back(value);
  return samples;
}

/// What the build scripts and the runtime need to know of the emitted design.
board::BoardDesign describeBoardDesign(ee::NetworkOp network, llvm::StringRef model,
                                       const std::vector<hlscpp::ProjectFile> &files) {
  board::BoardDesign design;
  design.name = board::designName(model);
  design.part = stringAttr(network, hls::attrs::kPart);
  design.boardPart = stringAttr(network, hls::attrs::kBoardPart);
  if (auto clock = network->getAttrOfType<mlir::FloatAttr>(hls::attrs::kClockNs))
    design.clockNs = clock.getValueAsDouble();
  design.inputSize =
      mlir::cast<mlir::ShapedType>(network.getBody().front().getArgument(0).getType())
          .getNumElements();
  for (ee::ExitOp exit : ee::getExits(network)) {
    ++design.numExits;
    design.maxClasses = std::max(
        design.maxClasses, mlir::cast<mlir::ShapedType>(exit.getLogits().getType()).getNumElements());
    if (exit.getPlacement())
      design.placements.push_back(ee::stringifyPlacement(*exit.getPlacement()).str());
  }
  for (const hlscpp::ProjectFile &file : files) {
    llvm::StringRef path(file.path);
    if (!path.consume_front("hls/"))
      continue;
    (path.ends_with(".cpp") ? design.hlsSources : design.hlsHeaders).push_back(path.str());
  }
  design.samples = testSamples(network);
  return design;
}

/// OUT/README.md: what each folder is and the exact commands, for the user who takes the
/// project away.
std::string projectReadme(ee::NetworkOp network, llvm::StringRef model,
                          const board::BoardDesign &design, bool engine) {
  const bool fixed = network->hasAttr(hls::attrs::kInputType);
  nlohmann::ordered_json calibration = report::toJson(network->getAttr(report::kCalibration));
  const std::string activations =
      calibration.is_object() && calibration.contains("may_saturate") &&
              calibration["activations"].is_string()
          ? ", uncalibrated: activations " + calibration["activations"].get<std::string>()
          : "";
  // Samples are carried in data/ with the board files (not in engine designs yet).
  const int64_t samples = engine ? 0 : design.samples.count;
  std::string text = fmt::format(
      "# {} — an eecc project\n\n"
      "Generated by eecc {} from `{}` for the {} at {:g} ns ({} point{}). Every number in "
      "`report.json` under `estimated` is the analytical cost model's estimate, not a "
      "measurement: see the last section.\n\n## What is here\n\n"
      "| path | what |\n|---|---|\n"
      "| `hls/` | the design: Vitis HLS C++ (top function `eecc_ip` in `eecc_ip.cpp`, the "
      "network in `eecc_top.cpp`, number formats in `eecc_types.h`){} |\n"
      "| `csim/` | the C-simulation testbench `tb.cpp` and its Makefile (g++ only, no Xilinx "
      "tools) |\n",
      model.str(), EECC_VERSION, model.str(), stringAttr(network, hls::attrs::kTarget),
      design.clockNs, fixed ? "fixed" : "floating",
      fixed ? activations : "",
      engine ? "; the weight image `weights.bin` goes to DDR" : "; weights in ROMs (`weights.h`)");
  if (samples > 0)
    text += fmt::format("| `data/` | {} test sample(s) (`test_input.bin`, raw float32) and the "
                        "answers the design must give (`test_expected.bin`: the reference "
                        "interpreter's exit, class and logits) |\n",
                        samples);
  if (!engine)
    text += "| `scripts/` | Vitis HLS, Vivado and Vitis scripts for the board (`make -C "
            "scripts help`) |\n"
            "| `runtime/` | the bare-metal application for the A53 (and host and QEMU builds of "
            "it) |\n";
  text += "| `model.mlir` | the compiled IR: every decision eecc made, as attributes |\n"
          "| `report.json`, `report.html` | structure, formats, estimates (open the HTML in a "
          "browser) |\n\n## Commands (from this directory)\n\n";
  text += "C-simulation, bit for bit what `eecc run` computes (g++ only):\n\n```sh\nmake -C csim\n";
  if (samples > 0)
    text += fmt::format("csim/tb --input data/test_input.bin --count {} --output result.json "
                        "--expected data/test_expected.bin   # exits 1 on any difference\n",
                        samples);
  else
    text += "csim/tb --input SAMPLES.bin --count N --output result.json   # compile with "
            "--test-input to carry samples and their expected answers\n";
  text += "```\n\n";
  if (!engine) {
    text += "Vitis HLS, Vivado, Vitis (each `make` target runs the previous ones it needs; "
            "`FLOW=unified` for the v++/vitis-run flow, `COSIM=1` adds RTL co-simulation):\n\n"
            "```sh\nmake -C scripts hls         # C-simulation" +
            std::string(samples > 0 ? " (checked against data/)" : "") +
            ", synthesis, IP export: build/ip/eecc_ip.zip\n"
            "make -C scripts bitstream   # Vivado block design, bitstream and .xsa\n"
            "make -C scripts sw          # Vitis platform and board application\n"
            "make -C scripts all         # all of it\n```\n\n"
            "The board application without a board (the IP as a software model of its "
            "registers running the same kernels):\n\n```sh\n"
            "make -C runtime run-host    # on this machine\n"
            "make -C runtime run-qemu    # bare metal on QEMU's ZynqMP A53 (qemu-system-aarch64)\n"
            "```\n\n";
  } else {
    text += "Engine binding: `scripts/` and `runtime/` are not emitted yet (the board runtime "
            "does not load the weight image into DDR yet); `hls/` and `csim/` are complete.\n\n";
  }
  text += "After synthesis, put Vitis HLS's own report beside the estimates:\n\n```sh\n"
          "eecc --ingest-csynth=scripts/hls_prj/solution1/syn/report/csynth.xml -o .\n```\n\n"
          "## Estimated and verified\n\n"
          "- Verified by eecc when it wrote this project: the design's arithmetic is the "
          "reference interpreter's (`eecc run`), bit for bit; the C-simulation shows it "
          "(`--expected`).\n"
          "- Estimated: latency, throughput, resources and energy in `report.json` "
          "(`estimated`) and `report.html`, from eecc's analytical cost model of the emitted "
          "design; nothing here was synthesized. `csynth` holds Vitis HLS's numbers once "
          "ingested; `measured` is for board measurements.\n";
  return text;
}

/// The exit structure, one line per exit: where it branches off, how many layers, its
/// decision and placement.
std::string exitStructure(mlir::ModuleOp module, llvm::StringRef model) {
  std::string text;
  for (auto network : module.getOps<ee::NetworkOp>()) {
    text += fmt::format("eecc: {}: {} exit(s)\n", model.str(), ee::getExits(network).size());
    for (ee::ExitOp exit : ee::getExits(network)) {
      int64_t layers = 0;
      for (mlir::Operation &op : exit.getBody().front())
        layers += !mlir::isa<ee::YieldOp, mlir::arith::ConstantOp>(op);
      std::string branch = "the input";
      if (!exit.getInputs().empty())
        if (auto stage = exit.getInputs().front().getDefiningOp<ee::StageOp>()) {
          auto result = mlir::cast<mlir::OpResult>(exit.getInputs().front());
          mlir::Value yielded =
              stage.getBody().front().getTerminator()->getOperand(result.getResultNumber());
          branch = fmt::format("stage {}", static_cast<int64_t>(stage.getIndex()));
          if (mlir::Operation *producer = yielded.getDefiningOp())
            branch += " (after '" + escapeInvalidUtf8(nn::layerName(producer)) + "')";
        }
      std::string output;
      if (auto name = exit->getAttrOfType<mlir::StringAttr>("eecc.output_name"))
        output = " -> output '" + escapeInvalidUtf8(name.getValue()) + "'";
      std::string decision = "final: takes every remaining sample";
      if (!exit.getFinal()) {
        if (!exit.getCriterion() || !exit.getThreshold())
          decision = "no threshold: never taken (give --thresholds or --accuracy-budget)";
        else
          decision = fmt::format(
              "{} {} {:g}", ee::stringifyCriterion(*exit.getCriterion()).str(),
              *exit.getCriterion() == ee::Criterion::entropy ? (exit.getStrict() ? "<" : "<=")
                                                               : (exit.getStrict() ? ">" : ">="),
              exit.getThreshold()->convertToDouble());
        if (auto placement = exit.getPlacement())
          decision += ", " + ee::stringifyPlacement(*placement).str();
      }
      text += fmt::format("  exit {}: from {}, {} layer(s){}; {}\n",
                          static_cast<int64_t>(exit.getIndex()), branch, layers, output, decision);
    }
  }
  return text;
}

/// The summary lines of the chosen design: binding and placements and why, the
/// estimated latency per exit and expected, and the resources against the device.
std::string designSummary(const nlohmann::ordered_json &estimated) {
  const nlohmann::ordered_json &chosen = estimated["designs"]["chosen"];
  std::string placements;
  for (const auto &placement : chosen["placements"])
    placements += (placements.empty() ? "" : ", ") + placement.get<std::string>();
  std::string text = fmt::format(
      "eecc: design: {} binding ({}); exits {} ({})\n", estimated["binding"]["binding"].get<std::string>(),
      estimated["binding"]["how"].get<std::string>(), placements.empty() ? "none" : placements,
      chosen.value("how", std::string("as given")));
  std::string paths;
  for (const auto &path : chosen["exit_paths"])
    paths += fmt::format("{}exit {} {:.4g} us", paths.empty() ? "" : ", ", path["exit"].get<int64_t>(),
                         path["latency_us"].get<double>());
  const nlohmann::ordered_json &use = chosen["resources"]["utilization_percent"];
  const nlohmann::ordered_json &expected = chosen.contains("expected_latency_us")
                                               ? chosen["expected_latency_us"]
                                               : nlohmann::ordered_json(nullptr);
  text += fmt::format("  estimated at {:g} ns: {}; {}\n", estimated["clock_ns"].get<double>(), paths,
                      expected.is_number()
                          ? fmt::format("expected {:.4g} us (exit rates of the calibration set)",
                                        expected.get<double>())
                          : std::string("no expected latency without exit rates (--calibration)"));
  text += fmt::format("  resources: DSP {:g} %, BRAM18 {:g} %, LUT {:g} %, FF {:g} % of the {}{}\n",
                      use["dsp"].get<double>(), use["bram18"].get<double>(), use["lut"].get<double>(),
                      use["ff"].get<double>(), estimated["device"].get<std::string>(),
                      chosen["fits_device"].get<bool>() ? "" : " (does not fit)");
  return text;
}

} // namespace

std::string modelName(mlir::ModuleOp module, llvm::StringRef fallbackName) {
  ee::NetworkOp network = theNetwork(module);
  auto source = network ? network->getAttrOfType<mlir::StringAttr>("eecc.source") : nullptr;
  return escapeInvalidUtf8(source ? source.getValue() : llvm::sys::path::filename(fallbackName));
}

bool emitsEngine(mlir::ModuleOp module) {
  ee::NetworkOp network = theNetwork(module);
  if (!network)
    return false;
  return hls::emittedBinding(network) == hls::Binding::engine;
}

mlir::LogicalResult emitProjectFiles(mlir::ModuleOp module, llvm::StringRef fallbackName,
                                     bool hlsOnly, std::vector<hlscpp::ProjectFile> &files) {
  ee::NetworkOp network = theNetwork(module);
  if (!network)
    return module.emitError("the project emitter expects an ee.network");
  if (!hlsOnly && !network->hasAttr(report::kEstimated))
    return network.emitError("the project emitter needs the compiled design (run eecc-compile): "
                             "the network has no estimates");
  const std::string model = modelName(module, fallbackName);
  const bool engine = emitsEngine(module);
  uint32_t designId = 0;
  if (mlir::failed(hlscpp::emitProject(module, model, files, &designId)))
    return mlir::failure();
  if (hlsOnly)
    return mlir::success();
  board::BoardDesign design = describeBoardDesign(network, model, files);
  design.designId = designId;
  if (!engine) {
    board::emitScripts(design, files);
    board::emitRuntime(design, files);
  }
  files.push_back({"README.md", projectReadme(network, model, design, engine)});
  std::string text;
  llvm::raw_string_ostream stream(text);
  // The project's record of the decisions: weight tensors over kElideElements are elided
  // (the design's own copy is in hls/; --emit=mlir writes them all).
  module->print(stream, mlir::OpPrintingFlags().elideLargeElementsAttrs(kElideElements));
  files.push_back({"model.mlir", std::move(text)});
  // Exact counts now; estimates (cost model), csynth and measured numbers keep their own keys.
  std::string structure;
  llvm::raw_string_ostream structureStream(structure);
  if (mlir::failed(emitStructureReport(module, structureStream)))
    return mlir::failure();
  const bool fixed = network->hasAttr(hls::attrs::kInputType);
  nlohmann::ordered_json estimated = report::toJson(network->getAttr(report::kEstimated));
  nlohmann::ordered_json report = {
      {"model", model},
      {"eecc_version", EECC_VERSION},
      {"target", stringAttr(network, hls::attrs::kTarget)},
      {"clock_ns", design.clockNs},
      {"precision", fixed ? "fixed" : "float"},
      {"quantization", fixed ? quantizationReport(module) : nlohmann::ordered_json(nullptr)},
      {"calibration", report::toJson(network->getAttr(report::kCalibration))},
      {"accuracy", report::toJson(network->getAttr(report::kAccuracy))},
      {"other_binding", report::toJson(network->getAttr(report::kOtherBinding))},
      {"structure", nlohmann::ordered_json::parse(structure)["networks"][0]},
      {"estimated", estimated},
      {"csynth", nullptr},
      {"measured", nullptr}};
  files.push_back({"report.json", jsonText(report, 2) + "\n"});
  files.push_back({"report.html", renderReportHtml(report)});
  return mlir::success();
}

std::string compileSummary(mlir::ModuleOp module, llvm::StringRef fallbackName) {
  std::string text = exitStructure(module, modelName(module, fallbackName));
  ee::NetworkOp network = theNetwork(module);
  if (!network || !network->hasAttr(report::kEstimated))
    return text;
  text += designSummary(report::toJson(network->getAttr(report::kEstimated)));
  nlohmann::ordered_json accuracy = report::toJson(network->getAttr(report::kAccuracy));
  if (accuracy.is_object())
    text += fmt::format("  accuracy on the {} labeled calibration samples ({}): {:.2f} %, the "
                        "final exit alone {:.2f} %\n",
                        accuracy["samples"].get<int64_t>(), accuracy["arithmetic"].get<std::string>(),
                        100.0 * accuracy["accuracy"].get<double>(),
                        100.0 * accuracy["final_exit_alone"].get<double>());
  return text;
}

} // namespace eecc
