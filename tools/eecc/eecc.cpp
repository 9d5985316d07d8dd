// eecc: compile an early-exit network to an FPGA project (the user-facing driver).
#include "DriverOptions.h"
#include "SampleFile.h"

#include "compiler/Analysis/CostModel.h"
#include "compiler/Analysis/ThresholdCalibration.h"
#include "compiler/Conversion/Passes.h"
#include "compiler/Frontend/ONNX/Importer.h"
#include "compiler/InitAll.h"
#include "compiler/Target/BoardDesign.h"
#include "compiler/Target/CsynthReport.h"
#include "compiler/Target/HLSCpp/EmitHLSCpp.h"
#include "compiler/Target/ReportHtml.h"
#include "compiler/Target/StructureReport.h"
#include "compiler/Transforms/Passes.h"
#include "compiler/Interpreter/Interpreter.h"
#include "compiler/Pipelines/Pipelines.h"
#include "compiler/Support/OutputDirectory.h"
#include "compiler/Support/Progress.h"
#include "compiler/Support/RegularFile.h"
#include "compiler/Support/Text.h"
#include "compiler/Support/Version.h"
#include "dialects/hls/HLSDialect.h"
#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/TypeSwitch.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/ToolOutputFile.h"

#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

#include <fmt/format.h>

using namespace eecc;
using namespace eecc::driver;

namespace {

/// OUT/model.mlir of a project prints constants of more elements than this as
/// dense_resource<__elided__>: B-VGG19's weights would be 165 MB of hex.
constexpr int64_t kElideElements = 4096;

/// A diagnostic stays one line whatever the model's names hold: control characters
/// (newlines that would forge a second diagnostic, escape sequences) are escaped.
std::string printable(llvm::StringRef text) {
  std::string result;
  for (unsigned char c : escapeInvalidUtf8(text)) {
    if (c == '\n')
      result += "\\n";
    else if (c < 0x20 || c == 0x7f)
      result += fmt::format("\\x{:02x}", c);
    else
      result += static_cast<char>(c);
  }
  return result;
}

/// JSON text; a string that is not valid UTF-8 (a name from a .mlir file, say) is
/// written with U+FFFD for its bad bytes instead of throwing.
std::string jsonText(const nlohmann::ordered_json &json, int indent = -1) {
  return json.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

/// The model's file name as reports show it: Linux file names are bytes.
std::string modelFileName(const CompileConfig &config) {
  return escapeInvalidUtf8(llvm::sys::path::filename(config.input));
}

/// Elements of a shape (bounded by the importer: at most 2^31).
uint64_t elementCount(llvm::ArrayRef<int64_t> shape) {
  uint64_t count = 1;
  for (int64_t dim : shape)
    count *= static_cast<uint64_t>(dim);
  return count;
}

int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "eecc") << printable(message.str()) << "\n";
  return 1;
}

/// Diagnostics at a whole-file location (line 0: ONNX nodes have no line) print as
/// "model.onnx: error: node 'conv1' (Conv): ..."; the rest go to the source manager.
class DriverDiagnostics {
public:
  DriverDiagnostics(mlir::MLIRContext &context, bool quiet)
      : sourceHandler(sourceMgr, &context),
        fileHandler(&context, [quiet](mlir::Diagnostic &diagnostic) {
          auto file = diagnostic.getLocation()->findInstanceOf<mlir::FileLineColLoc>();
          if (!file || file.getLine() != 0)
            return mlir::failure();
          if (quiet && diagnostic.getSeverity() != mlir::DiagnosticSeverity::Error)
            return mlir::success();
          const char *severity = "error";
          if (diagnostic.getSeverity() == mlir::DiagnosticSeverity::Warning)
            severity = "warning";
          else if (diagnostic.getSeverity() == mlir::DiagnosticSeverity::Remark)
            severity = "remark";
          else if (diagnostic.getSeverity() == mlir::DiagnosticSeverity::Note)
            severity = "note";
          std::string message = diagnostic.str();
          // An op's own message ("'nn.conv2d' op ...") does not say which node: its
          // location does. The op's name is eecc's, not the model's: dropped.
          bool opMessage = llvm::StringRef(message).starts_with("'");
          // Anywhere in the message (the importer quotes verifier messages after the node).
          for (size_t at = message.find("' op "); at != std::string::npos;
               at = message.find("' op ", at + 1)) {
            size_t open = message.rfind('\'', at == 0 ? 0 : at - 1);
            if (open == std::string::npos)
              break;
            llvm::StringRef opName = llvm::StringRef(message).slice(open + 1, at);
            if (opName.contains('.') && !opName.contains(' ') &&
                (opName.starts_with("nn.") || opName.starts_with("ee.") ||
                 opName.starts_with("hls.") || opName.starts_with("arith.") ||
                 opName.starts_with("func."))) {
              message.erase(open, at + 5 - open);
              at = open;
            }
          }
          if (opMessage)
            if (auto node = diagnostic.getLocation()->findInstanceOf<mlir::NameLoc>())
              message = "node '" + node.getName().str() + "': " + message;
          llvm::errs() << printable(file.getFilename().getValue()) << ": " << severity << ": "
                       << printable(message) << "\n";
          for (const mlir::Diagnostic &note : diagnostic.getNotes())
            llvm::errs() << printable(file.getFilename().getValue())
                         << ": note: " << printable(note.str()) << "\n";
          return mlir::success();
        }) {}

  llvm::SourceMgr sourceMgr;

private:
  mlir::SourceMgrDiagnosticHandler sourceHandler;
  mlir::ScopedDiagnosticHandler fileHandler; // registered last: consulted first
};

/// Prints to stdout; a failed write is one error line, not an LLVM crash report.
int writeStdout(llvm::StringRef text) {
  llvm::outs() << text;
  llvm::outs().flush();
  if (llvm::outs().has_error()) {
    llvm::outs().clear_error();
    return fail("cannot write to standard output");
  }
  return 0;
}

/// Loads a model into `context`; diagnostics name the file, node and problem.
mlir::OwningOpRef<mlir::ModuleOp> loadModel(const CompileConfig &config,
                                            mlir::MLIRContext &context,
                                            DriverDiagnostics &diagnostics) {
  llvm::StringRef extension = llvm::sys::path::extension(config.input);
  bool isOnnx = extension == ".onnx";
  if (!isOnnx && extension != ".mlir" && extension != ".mlirbc") {
    fail(config.input + ": unknown model format '" + extension + "' (expected .onnx or .mlir)");
    return nullptr;
  }
  onnx_frontend::ImportOptions importOptions;
  // Devices and pipes have no size to check against the limit: regular files only.
  llvm::sys::fs::file_status status;
  if (std::error_code code = llvm::sys::fs::status(config.input, status)) {
    fail(config.input + ": " + code.message());
    return nullptr;
  }
  if (!llvm::sys::fs::is_regular_file(status)) {
    fail(config.input + ": not a regular file");
    return nullptr;
  }
  uint64_t size = status.getSize();
  if (isOnnx && size > importOptions.limits.maxFileBytes) {
    fail(fmt::format("{}: file of {} bytes exceeds the limit of {} bytes", config.input, size,
                     importOptions.limits.maxFileBytes));
    return nullptr;
  }
  auto buffer = llvm::MemoryBuffer::getFile(config.input, /*IsText=*/!isOnnx);
  if (!buffer) {
    fail(config.input + ": " + buffer.getError().message());
    return nullptr;
  }
  if (isOnnx) {
    importOptions.finalOutput = config.finalOutput;
    return onnx_frontend::importModel(**buffer, config.input, context, importOptions);
  }
  diagnostics.sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  return mlir::parseSourceFile<mlir::ModuleOp>(diagnostics.sourceMgr, &context);
}

/// Resolves --exits (output names or indices) against the model function's outputs.
mlir::FailureOr<llvm::SmallVector<int64_t>> resolveExitOutputs(const CompileConfig &config,
                                                                mlir::ModuleOp module) {
  llvm::SmallVector<int64_t> indices;
  if (config.exitOutputs.empty())
    return indices;
  mlir::ArrayAttr names;
  for (auto function : module.getOps<mlir::func::FuncOp>())
    names = function->getAttrOfType<mlir::ArrayAttr>("eecc.output_names");
  for (const std::string &item : config.exitOutputs) {
    int64_t index = -1;
    if (llvm::StringRef(item).getAsInteger(10, index)) {
      index = -1;
      for (auto [position, name] : llvm::enumerate(names ? names.getValue() : llvm::ArrayRef<mlir::Attribute>()))
        if (llvm::cast<mlir::StringAttr>(name).getValue() == item)
          index = static_cast<int64_t>(position);
    }
    if (index < 0) {
      fail("--exits: '" + item + "' is not an output of the model");
      return mlir::failure();
    }
    indices.push_back(index);
  }
  return indices;
}

/// --exit-mode, --criterion and --thresholds replace what the model says, exit by exit.
mlir::LogicalResult applyExitOverrides(const CompileConfig &config, mlir::ModuleOp module) {
  mlir::Builder builder(module.getContext());
  for (auto network : module.getOps<ee::NetworkOp>()) {
    for (ee::ExitOp exit : ee::getExits(network)) {
      if (config.exitMode == ExitMode::Static && !exit.getFinal()) {
        exit.erase(); // the backbone alone: the baseline every report compares against
      } else if (config.exitMode == ExitMode::Static) {
        exit.setIndexAttr(builder.getI64IntegerAttr(0));
      } else if (!exit.getFinal() && config.exitMode != ExitMode::Auto) {
        exit.setPlacementAttr(ee::PlacementAttr::get(
            module.getContext(), config.exitMode == ExitMode::Pipeline ? ee::Placement::pipeline
                                                                       : ee::Placement::parallel));
      }
    }
  }
  if (!config.criterion && config.thresholds.empty())
    return mlir::verify(module);
  for (auto network : module.getOps<ee::NetworkOp>()) {
    llvm::SmallVector<ee::ExitOp> early;
    for (ee::ExitOp exit : ee::getExits(network))
      if (!exit.getFinal())
        early.push_back(exit);
    if (!config.thresholds.empty() && config.thresholds.size() != early.size()) {
      fail(fmt::format("--thresholds gives {} value(s) but {} has {} early exit(s)",
                       config.thresholds.size(), escapeInvalidUtf8(modelFileName(config)),
                       early.size()));
      return mlir::failure();
    }
    for (auto [index, exit] : llvm::enumerate(early)) {
      if (config.criterion && config.thresholds.empty() && exit.getThreshold()) {
        fail("--criterion replaces the model's criteria; give --thresholds for the new one");
        return mlir::failure();
      }
      if (config.criterion) {
        ee::Criterion criterion = *config.criterion == Criterion::Entropy ? ee::Criterion::entropy
                                  : *config.criterion == Criterion::MaxSoftmax
                                      ? ee::Criterion::max_softmax
                                      : ee::Criterion::margin;
        exit.setCriterionAttr(ee::CriterionAttr::get(module.getContext(), criterion));
      }
      if (!config.thresholds.empty()) {
        if (!exit.getCriterion()) {
          fail(fmt::format("--thresholds: exit {} has no criterion; give --criterion", index));
          return mlir::failure();
        }
        exit.setThresholdAttr(builder.getF64FloatAttr(config.thresholds[index]));
        exit.setStrict(false); // --thresholds are passed at >= (<= for entropy)
      }
    }
  }
  return mlir::verify(module); // thresholds in range for their criterion
}

/// Names are bytes in ONNX and in .mlir string escapes; everything eecc writes (JSON,
/// HTML, C comments, Tcl) is text, so a name that is not UTF-8 is refused here, once.
mlir::LogicalResult checkNamesAreText(const CompileConfig &config, mlir::ModuleOp module) {
  auto refuse = [&](llvm::StringRef what, llvm::StringRef name) {
    fail(fmt::format("{}: {} '{}' is not valid UTF-8 text (byte {} of the name); ONNX names "
                     "are UTF-8 strings: rename it",
                     config.input, what.str(), escapeInvalidUtf8(name),
                     *invalidUtf8Offset(name)));
    return mlir::failure();
  };
  mlir::WalkResult walk = module.walk([&](mlir::Operation *op) {
    bool bad = false;
    op->getLoc()->walk([&](mlir::Location location) {
      auto name = mlir::dyn_cast<mlir::NameLoc>(location);
      if (!bad && name && invalidUtf8Offset(name.getName().getValue())) {
        bad = mlir::failed(refuse("node", name.getName().getValue()));
        return mlir::WalkResult::interrupt();
      }
      return mlir::WalkResult::advance();
    });
    if (!bad)
      if (auto names = op->getAttrOfType<mlir::ArrayAttr>("eecc.output_names"))
        for (mlir::Attribute name : names)
          if (auto text = mlir::dyn_cast<mlir::StringAttr>(name);
              !bad && text && invalidUtf8Offset(text.getValue()))
            bad = mlir::failed(refuse("graph output", text.getValue()));
    return bad ? mlir::WalkResult::interrupt() : mlir::WalkResult::advance();
  });
  return mlir::failure(walk.wasInterrupted());
}

/// Loads the model and lowers it to an ee.network (import, clean-up, exit discovery,
/// --criterion/--thresholds); null after a diagnostic.
mlir::OwningOpRef<mlir::ModuleOp> loadNetwork(const CompileConfig &config, mlir::MLIRContext &context,
                                              DriverDiagnostics &diagnostics) {
  mlir::OwningOpRef<mlir::ModuleOp> module = loadModel(config, context, diagnostics);
  if (!module || mlir::failed(checkNamesAreText(config, *module)))
    return nullptr;
  auto exitOutputs = resolveExitOutputs(config, *module);
  if (mlir::failed(exitOutputs))
    return nullptr;
  mlir::PassManager pm(&context);
  buildNNCleanupPipeline(pm, NNCleanupOptions());
  DiscoverExitsOptions discoverOptions;
  discoverOptions.exitOutputs = *exitOutputs;
  pm.addPass(createDiscoverExits(discoverOptions));
  if (mlir::failed(pm.run(*module)) || mlir::failed(applyExitOverrides(config, *module)))
    return nullptr; // the passes reported what is wrong
  return module;
}

/// The ONNX node name of an op (its NameLoc), or its op name.
std::string layerName(mlir::Operation *op) {
  if (auto name = mlir::dyn_cast<mlir::NameLoc>(op->getLoc()))
    return name.getName().str();
  return op->getName().getStringRef().str();
}

/// Integer bits of every activation when no calibration set sizes them: hls4ml's
/// default ap_fixed<16,6> (capped below the width).
constexpr int64_t kUncalibratedIntegerBits = 6;

bool uncalibrated(const CompileConfig &config) {
  return config.calibrationFile.empty() && !(config.precision && config.precision->integerBits);
}

/// The largest |value| a fixed format holds.
double formatMax(mlir::Attribute attr) {
  interp::FixedFormat format = interp::toFixedFormat(attr);
  return std::ldexp(1.0, format.intBits - 1) - std::ldexp(1.0, -format.frac());
}

/// Largest |element| of a constant, or nullopt when `value` is not one.
std::optional<double> constantMaxAbs(mlir::Value value) {
  auto constant = interp::resolveNetworkValue(value).getDefiningOp<mlir::arith::ConstantOp>();
  if (!constant)
    return std::nullopt;
  double largest = 0.0;
  interp::forEachFloat(mlir::cast<mlir::DenseElementsAttr>(constant.getValue()),
                       [&](float v) { largest = std::max(largest, std::fabs(double(v))); });
  return largest;
}

/// A layer whose result can leave its format for some input inside the input format's
/// range (an interval bound from the weights; the layer then saturates or wraps).
struct OverflowRisk {
  std::string layer;
  double bound = 0.0, max = 0.0;
};

/// Interval bounds layer by layer: each layer's inputs anywhere in their formats' ranges
/// (what the hardware can hold), its result's largest |value| from its weights.
std::vector<OverflowRisk> overflowRisks(mlir::ModuleOp module) {
  std::vector<OverflowRisk> risks;
  auto inputBound = [](mlir::Value value) {
    if (std::optional<double> constant = constantMaxAbs(value))
      return *constant;
    mlir::Attribute format = interp::fixedFormatOf(value);
    return format ? formatMax(format) : 0.0;
  };
  auto rowSums = [](mlir::Value weight) {
    auto values = mlir::cast<mlir::DenseElementsAttr>(
        interp::resolveNetworkValue(weight).getDefiningOp<mlir::arith::ConstantOp>().getValue());
    int64_t rows = mlir::cast<mlir::ShapedType>(weight.getType()).getShape()[0];
    int64_t perRow = values.getNumElements() / rows, index = 0;
    std::vector<double> sums(rows, 0.0);
    interp::forEachFloat(values, [&](float v) { sums[index++ / perRow] += std::fabs(double(v)); });
    return sums;
  };
  module.walk([&](mlir::Operation *op) {
    if (!op->hasAttr(hls::attrs::kType) || mlir::isa<mlir::arith::ConstantOp>(op))
      return;
    double bound = 0.0;
    bool known = true;
    llvm::TypeSwitch<mlir::Operation *>(op)
        .Case<nn::Conv2DOp, nn::DenseOp>([&](mlir::Operation *layer) {
          mlir::Value weight = layer->getOperand(1);
          if (!interp::resolveNetworkValue(weight).getDefiningOp<mlir::arith::ConstantOp>()) {
            known = false;
            return;
          }
          std::vector<double> sums = rowSums(weight);
          double bias = layer->getNumOperands() > 2 ? constantMaxAbs(layer->getOperand(2)).value_or(0.0) : 0.0;
          for (double sum : sums)
            bound = std::max(bound, sum * inputBound(layer->getOperand(0)) + bias);
        })
        .Case<nn::AddOp, nn::SubOp>([&](mlir::Operation *binary) {
          bound = inputBound(binary->getOperand(0)) + inputBound(binary->getOperand(1));
        })
        .Case<nn::MulOp>([&](nn::MulOp mul) {
          bound = inputBound(mul.getLhs()) * inputBound(mul.getRhs());
        })
        .Case<nn::LeakyReluOp>([&](nn::LeakyReluOp relu) {
          bound = inputBound(relu.getInput()) *
                  std::max(1.0, std::fabs(double(relu.getAlpha().convertToFloat())));
        })
        .Case<nn::ClipOp>([&](nn::ClipOp clip) {
          bound = std::min(inputBound(clip.getInput()),
                           std::max(std::fabs(double(clip.getMin().convertToFloat())),
                                    std::fabs(double(clip.getMax().convertToFloat()))));
        })
        .Case<nn::SigmoidOp, nn::TanhOp, nn::SoftmaxOp>([&](mlir::Operation *) { bound = 1.0; })
        .Case<nn::LogSoftmaxOp>([&](nn::LogSoftmaxOp logSoftmax) {
          auto shape = mlir::cast<mlir::ShapedType>(logSoftmax.getType()).getShape();
          int64_t axis = static_cast<int64_t>(logSoftmax.getAxis());
          int64_t length = shape[axis < 0 ? axis + static_cast<int64_t>(shape.size()) : axis];
          bound = 2.0 * inputBound(logSoftmax.getInput()) + std::log(double(length));
        })
        .Case<nn::PadOp>([&](nn::PadOp pad) {
          bound = std::max(inputBound(pad.getInput()), std::fabs(double(pad.getValue().convertToFloat())));
        })
        .Case<nn::MaxPool2DOp, nn::AvgPool2DOp, nn::GlobalAvgPoolOp, nn::ReluOp, nn::FlattenOp,
              nn::ReshapeOp, nn::TransposeOp, nn::SliceOp, nn::ConcatOp>([&](mlir::Operation *layer) {
          for (mlir::Value operand : layer->getOperands())
            bound = std::max(bound, inputBound(operand));
        })
        .Default([&](mlir::Operation *) { known = false; }); // LRN, batch norm: float layers
    double max = formatMax(op->getAttr(hls::attrs::kType));
    if (known && bound > max)
      risks.push_back({layerName(op), bound, max});
  });
  return risks;
}

/// Fixed point: nn-quantize with the driver's options; warns about every layer whose
/// results overflowed their format on the calibration set. Without a calibration set (and
/// without --precision=W,I) activations take ap_fixed<W, 6>, weights and biases the formats
/// of their own values, and the layers an interval bound says could saturate are listed.
mlir::LogicalResult quantizeNetwork(const CompileConfig &config, mlir::ModuleOp module) {
  QuantizeOptions options;
  options.calibration = config.calibrationFile;
  options.calibrationCount = config.calibrationCount.value_or(0);
  if (config.precision) {
    options.width = config.precision->width;
    options.weightWidth = std::min<int64_t>(config.precision->width, 32);
    options.biasWidth = config.precision->width;
    if (config.precision->integerBits)
      options.integerBits = *config.precision->integerBits;
  }
  if (uncalibrated(config))
    options.integerBits = std::min<int64_t>(kUncalibratedIntegerBits, options.width - 1);
  options.rounding = config.rounding;
  options.overflow = config.overflow;
  options.progress = !config.quiet;
  options.overrides = config.precisionOverrides;
  mlir::PassManager pm(module.getContext());
  pm.addPass(createQuantize(options));
  if (mlir::failed(pm.run(module)))
    return mlir::failure();
  if (config.quiet)
    return mlir::success();
  if (uncalibrated(config)) {
    ee::NetworkOp network = *module.getOps<ee::NetworkOp>().begin();
    std::vector<OverflowRisk> risks = overflowRisks(module);
    std::string listed;
    for (size_t i = 0; i < risks.size() && i < 5; ++i)
      listed += fmt::format("{}'{}' (up to {:.4g}, format max {:.4g})", i ? ", " : ": ",
                            risks[i].layer, risks[i].bound, risks[i].max);
    if (risks.size() > 5)
      listed += fmt::format(" and {} more", risks.size() - 5);
    llvm::WithColor::warning(llvm::errs(), "eecc")
        << fmt::format("no --calibration: every activation is {} (hls4ml's default), weights "
                       "and biases fit their own values; {} layer(s) could exceed their format "
                       "for inputs within its range and saturate{} (report.json: "
                       "calibration.may_saturate). Give --calibration=FILE (samples of the "
                       "input) to size each layer, or --precision=W,I\n",
                       interp::toFixedFormat(network->getAttr(hls::attrs::kInputType)).apType(),
                       risks.size(), listed);
  }
  // Formats without a fractional bit: the calibrated range is as wide as the width.
  std::string coarse;
  int64_t coarseCount = 0;
  module.walk([&](mlir::Operation *op) {
    mlir::Attribute type = op->getAttr(mlir::isa<ee::NetworkOp>(op) ? hls::attrs::kInputType
                                                                    : hls::attrs::kType);
    auto format = mlir::dyn_cast_or_null<hls::FixedPointAttr>(type);
    if (!format || mlir::isa<mlir::arith::ConstantOp>(op) ||
        format.getIntegerBits() < static_cast<int64_t>(format.getWidth()))
      return;
    if (coarseCount++ < 3)
      coarse += fmt::format("{}'{}' ({})", coarse.empty() ? "" : ", ",
                            mlir::isa<ee::NetworkOp>(op) ? std::string("input") : layerName(op),
                            interp::toFixedFormat(type).apType());
  });
  if (coarseCount > 0)
    llvm::WithColor::warning(llvm::errs(), "eecc")
        << fmt::format("{} value(s) have no fractional bit: {}{}; their calibrated ranges are "
                       "huge (check the calibration data) or the width is too small\n",
                       coarseCount, coarse, coarseCount > 3 ? " and more" : "");
  module.walk([&](mlir::Operation *op) {
    auto overflows = op->getAttrOfType<mlir::IntegerAttr>(hls::attrs::kOverflows);
    auto conversions = op->getAttrOfType<mlir::IntegerAttr>(hls::attrs::kConversions);
    if (!overflows || overflows.getInt() == 0 || !conversions)
      return;
    mlir::Attribute type = op->getAttr(mlir::isa<ee::NetworkOp>(op) ? hls::attrs::kInputType
                                                                    : hls::attrs::kType);
    llvm::WithColor::warning(llvm::errs(), "eecc")
        << fmt::format("{} '{}': {} of {} values overflowed {} on the calibration set\n",
                       mlir::isa<ee::NetworkOp>(op) ? "input of network" : "layer",
                       mlir::isa<ee::NetworkOp>(op)
                           ? mlir::cast<ee::NetworkOp>(op).getSymName().str()
                           : layerName(op),
                       overflows.getInt(), conversions.getInt(),
                       interp::toFixedFormat(type).apType());
  });
  return mlir::success();
}

/// The formats nn-quantize chose, layer by layer, with the calibration statistics.
nlohmann::ordered_json quantizationReport(mlir::ModuleOp module) {
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  auto format = [](mlir::Operation *op, llvm::StringRef name) -> nlohmann::ordered_json {
    if (!op || !op->hasAttr(name))
      return nullptr;
    return interp::toFixedFormat(op->getAttr(name)).apType();
  };
  module.walk<mlir::WalkOrder::PreOrder>([&](mlir::Operation *op) {
    bool isInput = mlir::isa<ee::NetworkOp>(op);
    if (!isInput && (!op->hasAttr(hls::attrs::kType) || mlir::isa<mlir::arith::ConstantOp>(op)))
      return;
    nlohmann::ordered_json entry = {
        {"layer", isInput ? std::string("input") : layerName(op)},
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

/// How the fixed-point formats were chosen: on a calibration set, by hand (--precision=W,I)
/// or by default (uncalibrated, with the layers that could saturate).
nlohmann::ordered_json calibrationReport(const CompileConfig &config, mlir::ModuleOp module) {
  nlohmann::ordered_json result;
  result["calibrated"] = !config.calibrationFile.empty();
  result["file"] = config.calibrationFile.empty()
                       ? nlohmann::ordered_json(nullptr)
                       : nlohmann::ordered_json(std::string(llvm::sys::path::filename(config.calibrationFile)));
  if (!uncalibrated(config)) {
    result["activations"] = config.calibrationFile.empty() ? "--precision (fixed integer bits)"
                                                           : "calibrated per layer";
    return result;
  }
  ee::NetworkOp network = *module.getOps<ee::NetworkOp>().begin();
  result["activations"] =
      interp::toFixedFormat(network->getAttr(hls::attrs::kInputType)).apType() +
      " (uncalibrated default)";
  nlohmann::ordered_json risks = nlohmann::ordered_json::array();
  for (const OverflowRisk &risk : overflowRisks(module))
    risks.push_back({{"layer", risk.layer}, {"bound", risk.bound}, {"format_max", risk.max}});
  result["may_saturate"] = std::move(risks);
  return result;
}

/// eecc run: the reference interpreter over a file of samples.
int runModel(const CompileConfig &config, mlir::ModuleOp module) {
  const RunConfig &run = *config.run;
  if (run.fixed && mlir::failed(quantizeNetwork(config, module)))
    return 1;
  auto networks = llvm::to_vector(module.getOps<ee::NetworkOp>());
  if (networks.size() != 1)
    return fail(fmt::format("{}: expected one network, found {}", config.input, networks.size()));
  auto interpreter = interp::NetworkInterpreter::create(
      networks.front(), run.fixed ? interp::Arithmetic::Fixed : interp::Arithmetic::Float);
  if (!interpreter)
    return 1;

  auto inputs = readSampleFile(run.inputFile, interpreter->inputShape(), run.count);
  if (!inputs)
    return fail(llvm::toString(inputs.takeError()));
  const size_t count = inputs->count;
  nlohmann::ordered_json samples = nlohmann::ordered_json::array();
  std::vector<int64_t> exitCounts(interpreter->numExits(), 0);
  interp::Tensor input(interpreter->inputShape());
  Progress lines("eecc run", count, !config.quiet);
  for (size_t sample = 0; sample < count; ++sample) {
    std::memcpy(input.data.data(), inputs->sample(sample).data(), inputs->sampleBytes);
    interp::SampleResult result = interpreter->run(input, run.allExits);
    lines.update(sample + 1);
    ++exitCounts[result.exitIndex];
    nlohmann::ordered_json entry = {{"exit", result.exitIndex},
                                    {"class", result.predictedClass},
                                    {"logits", result.logits}};
    if (run.allExits)
      entry["all_exit_logits"] = result.allExitLogits;
    samples.push_back(std::move(entry));
  }
  nlohmann::ordered_json document = {{"model", modelFileName(config)},
                                     {"mode", run.fixed ? "fixed" : "float"},
                                     {"count", count},
                                     {"exit_counts", exitCounts},
                                     {"samples", std::move(samples)}};
  std::error_code code;
  llvm::ToolOutputFile file(run.outputFile, code, llvm::sys::fs::OF_Text);
  if (code)
    return fail(run.outputFile + ": " + code.message());
  file.os() << jsonText(document) << "\n";
  file.os().close();
  if (file.os().has_error()) {
    file.os().clear_error(); // reported here, not again by LLVM at exit
    return fail(run.outputFile + ": write error");
  }
  file.keep();
  if (!config.quiet) {
    std::string mix;
    for (auto [index, taken] : llvm::enumerate(exitCounts))
      mix += fmt::format("{}exit {}: {}", index ? ", " : "", index, taken);
    llvm::outs() << fmt::format("eecc: ran {} sample(s) ({}); wrote {}\n", count, mix,
                                run.outputFile);
  }
  return 0;
}

/// Runs the samples of `path` (the first `wanted`, or all up to `cap`) through the
/// interpreter in the network's arithmetic (fixed point once nn-quantize ran), giving
/// each sample's bytes and result; false after an error.
bool forEachSample(ee::NetworkOp network, const std::string &path, std::optional<int64_t> wanted,
                   size_t cap, const char *countOption, bool allExits,
                   llvm::function_ref<void(llvm::StringRef, const interp::SampleResult &)> visit,
                   bool progress = false) {
  auto interpreter = interp::NetworkInterpreter::create(
      network, network->hasAttr(hls::attrs::kInputType) ? interp::Arithmetic::Fixed
                                                        : interp::Arithmetic::Float);
  if (!interpreter)
    return false;
  auto file = readSampleFile(path, interpreter->inputShape(), wanted, countOption,
                             cap);
  if (!file)
    return !fail(llvm::toString(file.takeError()));
  interp::Tensor input(interpreter->inputShape());
  Progress lines(fmt::format("{} through the {} interpreter",
                             llvm::sys::path::filename(path).str(),
                             network->hasAttr(hls::attrs::kInputType) ? "fixed-point" : "float"),
                 file->count, progress);
  for (size_t sample = 0; sample < file->count; ++sample) {
    llvm::StringRef bytes = file->sample(sample);
    std::memcpy(input.data.data(), bytes.data(), file->sampleBytes);
    visit(bytes, interpreter->run(input, allExits));
    lines.update(sample + 1);
  }
  return true;
}

/// Every calibration sample through the interpreter (see forEachSample).
bool forEachCalibrationSample(const CompileConfig &config, ee::NetworkOp network, bool allExits,
                              llvm::function_ref<void(const interp::SampleResult &)> visit) {
  return forEachSample(
      network, config.calibrationFile, config.calibrationCount, SIZE_MAX, "--calibration-count",
      allExits, [&](llvm::StringRef, const interp::SampleResult &result) { visit(result); },
      !config.quiet);
}

/// The labels of --labels: a JSON array of integers, an object holding one under
/// "labels" (the zoo's files), or integers separated by white space.
mlir::FailureOr<std::vector<int64_t>> readLabels(const std::string &path) {
  auto file = readRegularFile(path);
  if (!file) {
    fail(llvm::toString(file.takeError()));
    return mlir::failure();
  }
  llvm::StringRef text = (*file)->getBuffer();
  std::vector<int64_t> labels;
  if (text.ltrim().starts_with("[") || text.ltrim().starts_with("{")) {
    nlohmann::json document = nlohmann::json::parse(text.begin(), text.end(), nullptr,
                                                    /*allow_exceptions=*/false);
    const nlohmann::json *list = &document;
    if (document.is_object() && document.contains("labels"))
      list = &document["labels"];
    if (!list->is_array()) {
      fail(path + ": --labels expects a JSON array of class indices (or an object with 'labels')");
      return mlir::failure();
    }
    for (const nlohmann::json &item : *list) {
      if (!item.is_number_integer()) {
        fail(fmt::format("{}: label {} is not an integer", path, labels.size()));
        return mlir::failure();
      }
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
      if (word.getAsInteger(10, value)) {
        fail(fmt::format("{}: label {} ('{}') is not an integer", path, labels.size(),
                         escapeInvalidUtf8(word.take_front(20))));
        return mlir::failure();
      }
      labels.push_back(value);
    }
  return labels;
}

/// Accuracy per exit on the labeled calibration set, in the design's arithmetic (the
/// interpreter of the quantized network, or float): how many samples each exit takes,
/// how many of them it classifies right, and the final exit alone for comparison.
mlir::FailureOr<nlohmann::ordered_json> accuracyReport(const CompileConfig &config,
                                                       ee::NetworkOp network) {
  auto labels = readLabels(config.labelsFile);
  if (mlir::failed(labels))
    return mlir::failure();
  size_t exits = ee::getExits(network).size();
  std::vector<int64_t> taken(exits, 0), correct(exits, 0);
  int64_t samples = 0, finalCorrect = 0;
  bool tooFew = false;
  if (!forEachCalibrationSample(config, network, /*allExits=*/true,
                                [&](const interp::SampleResult &result) {
                                  if (static_cast<size_t>(samples) >= labels->size()) {
                                    tooFew = true;
                                    return;
                                  }
                                  int64_t label = (*labels)[samples++];
                                  ++taken[result.exitIndex];
                                  correct[result.exitIndex] += result.predictedClass == label;
                                  const std::vector<float> &last = result.allExitLogits.back();
                                  finalCorrect +=
                                      std::max_element(last.begin(), last.end()) - last.begin() == label;
                                }))
    return mlir::failure();
  if (tooFew) {
    fail(fmt::format("{}: {} label(s) for more calibration samples; --labels needs one per "
                     "calibration sample",
                     config.labelsFile, labels->size()));
    return mlir::failure();
  }
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
  return nlohmann::ordered_json{
      {"labels", std::string(llvm::sys::path::filename(config.labelsFile))},
      {"samples", samples},
      {"arithmetic", network->hasAttr(hls::attrs::kInputType) ? "fixed" : "float"},
      {"accuracy", samples ? double(allCorrect) / double(samples) : 0.0},
      {"final_exit_alone", samples ? double(finalCorrect) / double(samples) : 0.0},
      {"per_exit", std::move(perExit)}};
}

/// The samples the project carries (--test-input, or the calibration file with
/// --test-count; at most 100 unless --test-count) with the reference interpreter's exit
/// and class for each: the answers the C-simulation and the board must reproduce.
mlir::FailureOr<board::TestSamples> collectTestSamples(const CompileConfig &config,
                                                       ee::NetworkOp network) {
  board::TestSamples samples;
  if (config.testInputFile.empty())
    return samples;
  for (ee::ExitOp exit : ee::getExits(network))
    samples.logitsPerSample = std::max<int64_t>(
        samples.logitsPerSample,
        llvm::cast<mlir::ShapedType>(exit.getLogits().getType()).getNumElements());
  if (!forEachSample(network, config.testInputFile, config.testCount, 100, "--test-count",
                     /*allExits=*/false,
                     [&](llvm::StringRef bytes, const interp::SampleResult &result) {
                       ++samples.count;
                       samples.bytes += bytes.str();
                       samples.exits.push_back(static_cast<int>(result.exitIndex));
                       samples.classes.push_back(static_cast<int>(result.predictedClass));
                       for (int64_t k = 0; k < samples.logitsPerSample; ++k)
                         samples.logits.push_back(
                             k < static_cast<int64_t>(result.logits.size()) ? result.logits[k] : 0.0f);
                     }))
    return mlir::failure();
  return samples;
}

/// How many calibration samples take each exit, recorded on the exits.
bool countCalibrationExits(const CompileConfig &config, ee::NetworkOp network,
                           std::vector<int64_t> &counts) {
  counts.assign(ee::getExits(network).size(), 0);
  if (!forEachCalibrationSample(config, network, /*allExits=*/false,
                                [&](const interp::SampleResult &result) {
                                  ++counts[result.exitIndex];
                                }))
    return false;
  interp::recordExitCounts(network, counts);
  return true;
}

/// Exit rates from the calibration set: counted by nn-quantize's fixed-point run, or here
/// with the float interpreter; empty when there is no calibration set.
mlir::FailureOr<std::vector<double>> exitRates(const CompileConfig &config, ee::NetworkOp network) {
  std::vector<int64_t> counts;
  for (ee::ExitOp exit : ee::getExits(network))
    if (auto count = exit->getAttrOfType<mlir::IntegerAttr>(interp::kCalibrationExitsAttr))
      counts.push_back(count.getInt());
  if (counts.empty() && !config.calibrationFile.empty() &&
      !countCalibrationExits(config, network, counts))
    return mlir::failure();
  int64_t total = 0;
  for (int64_t count : counts)
    total += count;
  std::vector<double> rates;
  for (int64_t count : counts)
    rates.push_back(total ? static_cast<double>(count) / static_cast<double>(total) : 0.0);
  return rates;
}

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

/// Every exit's logits for each calibration sample, through the interpreter in the
/// network's arithmetic (fixed point once nn-quantize ran).
mlir::FailureOr<std::vector<cost::ExitLogits>> calibrationLogits(const CompileConfig &config,
                                                                 ee::NetworkOp network) {
  std::vector<cost::ExitLogits> logits;
  if (!forEachCalibrationSample(config, network, /*allExits=*/true,
                                [&](const interp::SampleResult &result) {
                                  logits.push_back(result.allExitLogits);
                                }))
    return mlir::failure();
  return logits;
}

/// --accuracy-budget: thresholds that minimize the expected cost of `design`'s exit paths
/// with at most `budget` points of disagreement with the final exit on the calibration
/// set; sets them on the exits and returns the report's "threshold_calibration".
mlir::FailureOr<nlohmann::ordered_json>
calibrateExitThresholds(const CompileConfig &config, ee::NetworkOp network,
                        const cost::DesignEstimate &design) {
  if (config.calibrationFile.empty()) {
    fail("--accuracy-budget calibrates thresholds on a calibration set: give --calibration=FILE");
    return mlir::failure();
  }
  auto logits = calibrationLogits(config, network);
  if (mlir::failed(logits))
    return mlir::failure();
  llvm::SmallVector<ee::ExitOp> exits = ee::getExits(network);
  std::vector<ee::Criterion> criteria;
  std::vector<int64_t> classes;
  for (size_t e = 0; e + 1 < exits.size(); ++e) {
    ee::Criterion criterion = exits[e].getCriterion().value_or(ee::Criterion::max_softmax);
    if (config.criterion)
      criterion = *config.criterion == Criterion::Entropy      ? ee::Criterion::entropy
                  : *config.criterion == Criterion::MaxSoftmax ? ee::Criterion::max_softmax
                                                               : ee::Criterion::margin;
    criteria.push_back(criterion);
    classes.push_back(mlir::cast<mlir::ShapedType>(exits[e].getLogits().getType()).getNumElements());
  }
  std::vector<double> pathCosts;
  for (size_t e = 0; e < exits.size(); ++e)
    pathCosts.push_back(config.objective == Objective::Latency
                            ? static_cast<double>(design.exitCycles[e])
                        : config.objective == Objective::Energy
                            ? design.exitMicrojoules[e]
                            : design.exitCycles[e] * design.exitMicrojoules[e]);
  cost::ThresholdOutcome chosen =
      cost::calibrateThresholds(*logits, criteria, pathCosts, *config.accuracyBudget, classes);
  mlir::Builder builder(network.getContext());
  for (size_t e = 0; e + 1 < exits.size(); ++e) {
    exits[e].setCriterionAttr(ee::CriterionAttr::get(network.getContext(), criteria[e]));
    exits[e].setThresholdAttr(builder.getF64FloatAttr(chosen.thresholds[e]));
    exits[e].setStrict(false); // calibrated thresholds are passed at >= (<= for entropy)
  }
  // The rates the real decision (the fixed-point unit, or the float softmax) gives.
  std::vector<int64_t> counts;
  if (!countCalibrationExits(config, network, counts))
    return mlir::failure();

  // The trade-off curve: one threshold for every exit, swept.
  nlohmann::ordered_json sweep = nlohmann::ordered_json::array();
  for (int step = 0; step <= 20; ++step) {
    std::vector<double> thresholds;
    for (size_t e = 0; e < criteria.size(); ++e) {
      double upper = criteria[e] == ee::Criterion::entropy ? std::log(double(classes[e])) : 1.0;
      // from "exit at once" to "never" in the criterion's direction
      thresholds.push_back(criteria[e] == ee::Criterion::entropy ? upper * (20 - step) / 20.0
                                                                 : upper * step / 20.0);
    }
    std::vector<double> cycles(design.exitCycles.begin(), design.exitCycles.end());
    cost::ThresholdOutcome outcome =
        cost::evaluateThresholds(*logits, criteria, thresholds, cycles);
    double energy = 0.0;
    for (size_t e = 0; e < exits.size(); ++e)
      energy += outcome.exitRates[e] * design.exitMicrojoules[e];
    sweep.push_back({{"thresholds", thresholds},
                     {"exit_rates", outcome.exitRates},
                     {"expected_latency_us", outcome.expectedCost * config.clockNs * 1e-3},
                     {"expected_energy_uj", energy},
                     {"disagreement_with_final_points", outcome.disagreementPoints}});
  }
  return nlohmann::ordered_json{
      {"budget_points", *config.accuracyBudget},
      {"objective", config.objective == Objective::Latency  ? "latency"
                    : config.objective == Objective::Energy ? "energy"
                                                            : "edp"},
      {"samples", logits->size()},
      {"thresholds", chosen.thresholds},
      {"disagreement_with_final_points", chosen.disagreementPoints},
      {"exit_rates", chosen.exitRates},
      {"sweep", sweep}};
}

/// The cost model over the network: per-layer estimates as #hls.estimate attributes, the
/// static / pipeline / parallel designs, and --exit-mode=auto's choice per exit (which
/// it writes into the ee.exit placements). Returns report.json's "estimated" object.
mlir::FailureOr<nlohmann::ordered_json> estimateDesigns(const CompileConfig &config,
                                                        mlir::ModuleOp module) {
  auto device = cost::loadDevice(config.target);
  if (!device) {
    fail(llvm::toString(device.takeError()));
    return mlir::failure();
  }
  ee::NetworkOp network = *module.getOps<ee::NetworkOp>().begin();
  mlir::MLIRContext *context = module.getContext();
  context->getOrLoadDialect<hls::HLSDialect>(); // float designs never ran nn-quantize
  // --exit-mode=auto: ee-place-exits decides after hls-bind, whatever a .mlir input said.
  if (config.exitMode == ExitMode::Auto)
    for (ee::ExitOp exit : ee::getExits(network))
      exit.removePlacementAttr();
  {
    HLSBindOptions options;
    options.binding = config.binding == Binding::Dedicated ? "dedicated"
                      : config.binding == Binding::Engine  ? "engine"
                                                           : "auto";
    options.target = config.target;
    if (config.engineTiles) {
      options.tileM = config.engineTiles->first;
      options.tileN = config.engineTiles->second;
    }
    mlir::PassManager pm(context);
    pm.addPass(createHLSBind(options));
    if (mlir::failed(pm.run(module)))
      return mlir::failure();
  }
  cost::NetworkCost costs = cost::analyzeNetwork(network, *device);
  nlohmann::ordered_json thresholdCalibration = nullptr;
  if (config.accuracyBudget && costs.exits.size() > 1) {
    // Thresholds for the placements the exits will have (pipeline under auto: its
    // paths are the conservative ones).
    std::vector<cost::Mode> modes;
    for (ee::ExitOp exit : ee::getExits(network))
      if (!exit.getFinal())
        modes.push_back(exit.getPlacement() == ee::Placement::parallel &&
                                config.exitMode != ExitMode::Auto
                            ? cost::Mode::Parallel
                            : cost::Mode::Pipeline);
    cost::DesignEstimate design = cost::estimateDesign(costs, *device, config.clockNs, modes, {});
    auto calibrated = calibrateExitThresholds(config, network, design);
    if (mlir::failed(calibrated))
      return mlir::failure();
    thresholdCalibration = std::move(*calibrated);
  }
  auto rates = exitRates(config, network);
  if (mlir::failed(rates))
    return mlir::failure();
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  auto annotate = [&](const std::vector<cost::BlockCost> &blocks, const char *kind) {
    for (auto [index, block] : llvm::enumerate(blocks))
      for (const cost::LayerCost &layer : block.layers) {
        const cost::Resources &r = layer.resources;
        layer.op->setAttr("hls.estimate", hls::EstimateAttr::get(context, layer.cycles, r.dsp,
                                                                 r.bram18, 0, r.lut, r.ff));
        nlohmann::ordered_json entry = {{"layer", layerName(layer.op)},
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
  annotate(costs.stages, "stage");
  annotate(costs.exits, "exit");

  const size_t early = costs.exits.size() - 1;
  const bool haveRates = !rates->empty();
  // The design eecc builds: the placements the exits carry (--exit-mode), or auto's
  // (ee-place-exits with the cost model and the measured exit rates).
  llvm::SmallVector<ee::ExitOp> exits = ee::getExits(network);
  std::string choice = "--exit-mode";
  if (config.exitMode == ExitMode::Auto) {
    PlaceExitsOptions options;
    options.mode = "auto";
    options.objective = config.objective == Objective::Latency  ? "latency"
                        : config.objective == Objective::Energy ? "energy"
                                                                : "edp";
    options.target = config.target;
    options.clockNs = config.clockNs;
    mlir::PassManager pm(context);
    pm.addPass(createPlaceExits(options));
    if (mlir::failed(pm.run(module)))
      return mlir::failure();
    const bool engineBinding = costs.binding.binding == cost::Binding::Engine;
    choice = engineBinding ? "auto: engine binding has no parallel exits (one engine, one "
                             "feature-map arena): every exit pipeline"
             : haveRates   ? "auto: per exit, parallel where it lowers the expected " +
                             std::string(config.objective == Objective::Latency  ? "latency"
                                         : config.objective == Objective::Energy ? "energy"
                                                                                 : "energy-delay product") +
                             " within the device"
                       : "auto without a calibration set: exit rates unknown, every exit "
                         "pipeline (no extra kernels)";
  }
  std::vector<cost::Mode> placements(early, cost::Mode::Pipeline);
  for (size_t e = 0; e < early; ++e) {
    placements[e] = exits[e].getPlacement() == ee::Placement::parallel ? cost::Mode::Parallel
                                                                        : cost::Mode::Pipeline;
  }

  const double nsPerCycle = config.clockNs;
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
                                   {"resources", resourcesJson(d.resources, *device)},
                                   {"fits_device", cost::fits(d.resources, *device)}};
    if (haveRates || d.placements.empty() ||
        llvm::all_of(d.placements, [](cost::Mode m) { return m == cost::Mode::Static; })) {
      json["expected_latency_us"] = d.expectedCycles * nsPerCycle * 1e-3;
      json["expected_energy_uj"] = d.expectedMicrojoules;
    }
    return json;
  };
  cost::DesignEstimate staticDesign =
      cost::estimateDesign(costs, *device, config.clockNs, cost::Mode::Static, *rates);
  nlohmann::ordered_json designs = {{"static", designJson(staticDesign)}};
  std::vector<cost::DesignEstimate> compared;
  if (early > 0) {
    for (cost::Mode mode : {cost::Mode::Pipeline, cost::Mode::Parallel}) {
      compared.push_back(cost::estimateDesign(costs, *device, config.clockNs, mode, *rates));
      designs[cost::modeName(mode)] = designJson(compared.back());
      if (mode == cost::Mode::Parallel && costs.binding.binding == cost::Binding::Engine)
        designs[cost::modeName(mode)]["realizable"] =
            "no: engine binding runs every layer on one engine over one feature-map arena, so "
            "an exit cannot run beside the next stage (a modeled alternative, not emitted)";
    }
  }
  cost::DesignEstimate chosen =
      config.exitMode == ExitMode::Static
          ? staticDesign
          : cost::estimateDesign(costs, *device, config.clockNs, placements, *rates);
  nlohmann::ordered_json chosenJson = designJson(chosen);
  chosenJson["how"] = config.exitMode == ExitMode::Static ? "--exit-mode=static" : choice;
  if (haveRates && config.exitMode != ExitMode::Static && chosen.expectedCycles > 0) {
    chosenJson["speedup_vs_static"] = staticDesign.expectedCycles / chosen.expectedCycles;
    chosenJson["energy_ratio_static_over_this"] =
        staticDesign.expectedMicrojoules / chosen.expectedMicrojoules;
  }
  designs["chosen"] = chosenJson;
  const bool engine = costs.binding.binding == cost::Binding::Engine;
  nlohmann::ordered_json bindingJson = {
      {"binding", cost::bindingName(costs.binding.binding)},
      {"how", config.binding == Binding::Auto
                  ? (engine ? "auto: the dedicated design does not fit the device"
                            : "auto: the dedicated design fits the device")
                  : "--binding"}};
  if (engine) {
    bindingJson["engine_tiles"] = {costs.binding.engine.m, costs.binding.engine.n};
    bindingJson["engine_resources"] = resourcesJson(costs.shared, *device);
    bindingJson["feature_maps"] = costs.featureMapsInDDR ? "ddr" : "on-chip arena";
    bindingJson["arena_kib"] = static_cast<double>(costs.arenaBits) / 8192.0;
    bindingJson["weight_ports"] = device->weightPorts;
    bindingJson["ddr_bytes_per_cycle"] = device->ddrBytesPerCycle;
    bindingJson["engine_assumptions"] = device->engineSource;
    nlohmann::ordered_json exitEngines = nlohmann::ordered_json::array();
    for (const cost::Tiles &tiles : costs.exitEngines)
      exitEngines.push_back({tiles.m, tiles.n});
    bindingJson["parallel_exit_engines"] = exitEngines;
    bindingJson["hls_cpp"] = "not emitted yet for engine binding: the HLS C++ in hls/ binds "
                             "every layer to a dedicated kernel (same answers, bit-exact "
                             "C-simulation; its resources are those of dedicated binding)";
  }
  nlohmann::ordered_json estimated = {
      {"model", engine ? "eecc analytical cost model 1: engine binding (conv2d and dense on one "
                         "shared tiled MAC engine, weights streamed from DDR, feature maps in "
                         "a shared arena), other layers one kernel each"
                       : "eecc analytical cost model 1: dedicated binding (one kernel per "
                         "layer), the layer library's loop nests with the innermost loop "
                         "pipelined"},
      {"binding", bindingJson},
      {"device", device->name},
      {"part", device->part},
      {"clock_ns", config.clockNs},
      {"schedule_assumptions", device->scheduleSource},
      {"power_assumptions", device->powerSource},
      {"exit_rates", haveRates ? nlohmann::ordered_json(*rates) : nlohmann::ordered_json(nullptr)},
      {"exit_rates_from",
       haveRates ? "the calibration set through the reference interpreter"
                 : "no calibration set: expected latency and energy need exit rates"},
      {"designs", designs},
      {"threshold_calibration", thresholdCalibration},
      {"layers", layers}};
  return estimated;
}

/// The exit structure eecc found, one line per exit (after every compile, unless --quiet):
/// where it branches off, how many layers, its decision and placement.
std::string exitStructure(mlir::ModuleOp module, llvm::StringRef modelName) {
  std::string text;
  for (auto network : module.getOps<ee::NetworkOp>()) {
    text += fmt::format("eecc: {}: {} exit(s)\n", escapeInvalidUtf8(modelName),
                        ee::getExits(network).size());
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
            branch += " (after '" + escapeInvalidUtf8(layerName(producer)) + "')";
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

/// Warnings about exits that will never be taken: no threshold (the model carries none
/// and none was given), or none of the calibration samples takes them.
void warnAboutExits(const CompileConfig &config, mlir::ModuleOp module) {
  if (config.quiet)
    return;
  for (auto network : module.getOps<ee::NetworkOp>()) {
    llvm::SmallVector<ee::ExitOp> exits = ee::getExits(network);
    int64_t total = 0;
    bool counted = true;
    for (ee::ExitOp exit : exits) {
      auto count = exit->getAttrOfType<mlir::IntegerAttr>(interp::kCalibrationExitsAttr);
      counted = counted && count;
      total += count ? count.getInt() : 0;
    }
    std::string noThreshold, neverTaken;
    for (ee::ExitOp exit : exits) {
      if (exit.getFinal())
        continue;
      std::string name = fmt::format("exit {}", static_cast<int64_t>(exit.getIndex()));
      if (auto output = exit->getAttrOfType<mlir::StringAttr>("eecc.output_name"))
        name += " ('" + escapeInvalidUtf8(output.getValue()) + "')";
      if (!exit.getCriterion() || !exit.getThreshold()) {
        noThreshold += (noThreshold.empty() ? "" : ", ") + name;
        continue;
      }
      auto count = exit->getAttrOfType<mlir::IntegerAttr>(interp::kCalibrationExitsAttr);
      if (counted && total > 0 && count.getInt() == 0)
        neverTaken += fmt::format("{}{} ({} {:g})", neverTaken.empty() ? "" : ", ", name,
                                  ee::stringifyCriterion(*exit.getCriterion()).str(),
                                  exit.getThreshold()->convertToDouble());
    }
    if (!noThreshold.empty())
      llvm::WithColor::warning(llvm::errs(), "eecc")
          << "no threshold for " << noThreshold
          << ": never taken, so every sample runs the whole network; give --criterion and "
             "--thresholds=t0,t1,... (one per early exit), or --accuracy-budget=POINTS with "
             "--calibration=FILE to choose them\n";
    if (!neverTaken.empty())
      llvm::WithColor::warning(llvm::errs(), "eecc")
          << "no calibration sample takes " << neverTaken
          << ": such an exit only costs (latency in pipeline, idle hardware in parallel; "
             "--exit-mode=auto gives it no hardware of its own); lower its threshold "
             "(--thresholds) or let --accuracy-budget choose\n";
  }
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

/// OUT/README.md: what each folder is and the exact commands, for the user who takes the
/// project away.
std::string projectReadme(const CompileConfig &config, const board::BoardDesign &design,
                          bool engine, bool fixed) {
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
      escapeInvalidUtf8(modelFileName(config)), EECC_VERSION, escapeInvalidUtf8(modelFileName(config)),
      config.target, config.clockNs, fixed ? "fixed" : "floating",
      fixed ? (uncalibrated(config) ? ", uncalibrated: activations ap_fixed<16, 6>" : "") : "",
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
            "```sh\nmake -C scripts hls         # C-simulation"
            + std::string(samples > 0 ? " (checked against data/)" : "") +
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

/// What the build scripts and the runtime need to know of the emitted design.
mlir::LogicalResult describeBoardDesign(const CompileConfig &config, mlir::ModuleOp module,
                                        const std::vector<hlscpp::ProjectFile> &files,
                                        board::BoardDesign &design) {
  auto device = cost::loadDevice(config.target);
  if (!device) {
    fail(llvm::toString(device.takeError()));
    return mlir::failure();
  }
  ee::NetworkOp network = *module.getOps<ee::NetworkOp>().begin();
  design.name = board::designName(config.input);
  design.part = device->part;
  design.boardPart = device->boardPart;
  design.clockNs = config.clockNs;
  design.inputSize =
      llvm::cast<mlir::ShapedType>(network.getBody().front().getArgument(0).getType())
          .getNumElements();
  for (ee::ExitOp exit : ee::getExits(network)) {
    ++design.numExits;
    design.maxClasses = std::max(
        design.maxClasses, llvm::cast<mlir::ShapedType>(exit.getLogits().getType()).getNumElements());
    if (exit.getPlacement())
      design.placements.push_back(ee::stringifyPlacement(*exit.getPlacement()).str());
  }
  for (const hlscpp::ProjectFile &file : files) {
    llvm::StringRef path(file.path);
    if (!path.consume_front("hls/"))
      continue;
    (path.ends_with(".cpp") ? design.hlsSources : design.hlsHeaders).push_back(path.str());
  }
  return mlir::success();
}

/// --emit=hls|project: name everything, emit the C++ and the C-simulation.
int emitHLS(const CompileConfig &config, mlir::ModuleOp module, OutputDirectory *output) {
  bool fixed = !config.precision || !config.precision->isFloat;
  if (fixed && mlir::failed(quantizeNetwork(config, module)))
    return 1;
  auto estimated = estimateDesigns(config, module);
  if (mlir::failed(estimated))
    return 1;
  warnAboutExits(config, module);
  // The other binding, estimated on a copy of the network (its diagnostics are the main
  // estimate's business), for report.html's side-by-side comparison.
  nlohmann::ordered_json alternative = nullptr;
  {
    CompileConfig other = config;
    other.binding = (*estimated)["binding"]["binding"] == "engine" ? Binding::Dedicated
                                                                  : Binding::Engine;
    other.engineTiles.reset();
    other.accuracyBudget.reset();
    other.quiet = true;
    mlir::OwningOpRef<mlir::ModuleOp> copy(module.clone());
    mlir::ScopedDiagnosticHandler silence(module.getContext(),
                                          [](mlir::Diagnostic &) { return mlir::success(); });
    auto otherEstimate = estimateDesigns(other, *copy);
    if (mlir::succeeded(otherEstimate)) {
      const nlohmann::ordered_json &otherChosen = (*otherEstimate)["designs"]["chosen"];
      alternative = {{"binding", (*otherEstimate)["binding"]["binding"]},
                     {"placements", otherChosen["placements"]},
                     {"exit_paths", otherChosen["exit_paths"]},
                     {"expected_latency_us", otherChosen.contains("expected_latency_us")
                                                 ? otherChosen["expected_latency_us"]
                                                 : nlohmann::ordered_json(nullptr)},
                     {"resources", otherChosen["resources"]},
                     {"fits_device", otherChosen["fits_device"]}};
    }
  }
  nlohmann::ordered_json accuracy = nullptr;
  if (!config.labelsFile.empty()) {
    auto measured = accuracyReport(config, *module.getOps<ee::NetworkOp>().begin());
    if (mlir::failed(measured))
      return 1;
    accuracy = std::move(*measured);
  }
  // A design that does not fit the device is an error (or, asked for, a warning).
  const nlohmann::ordered_json &chosen = (*estimated)["designs"]["chosen"];
  if (chosen.contains("fits_device") && !chosen["fits_device"].get<bool>()) {
    std::string over;
    for (const auto &[resource, percent] : chosen["resources"]["utilization_percent"].items())
      if (percent.get<double>() >= 100.0)
        over += fmt::format("{}{} {:g} %", over.empty() ? "" : ", ", resource,
                            percent.get<double>());
    std::string message = fmt::format(
        "the estimated design does not fit the {} ({} binding): {} of the device", config.target,
        (*estimated)["binding"]["binding"].get<std::string>(), over);
    if (!config.allowOverfit)
      return fail(message +
                  ((*estimated)["binding"]["binding"] == "engine"
                       ? "; try smaller --engine-tiles, a narrower --precision, or "
                       : "; try --binding=engine (or auto), a narrower --precision, or ") +
                  "--allow-overfit to write it anyway");
    if (!config.quiet)
      llvm::WithColor::warning(llvm::errs(), "eecc") << message << " (--allow-overfit)\n";
  }
  // Engine binding emits the engine design when the emitter has every piece of it;
  // otherwise the dedicated one (same answers), and says why.
  bool engine = (*estimated)["binding"]["binding"] == "engine";
  std::string refusal = engine ? hlscpp::engineRefusal(module) : std::string();
  if (engine && !refusal.empty()) {
    ee::NetworkOp network = *module.getOps<ee::NetworkOp>().begin();
    network->setAttr(hls::attrs::kBinding,
                     hls::BindingAttr::get(module.getContext(), hls::Binding::dedicated));
    (*estimated)["binding"]["hls_cpp"] =
        "dedicated kernels: the engine design is not emitted for this network (" + refusal +
        "); the estimates are the engine design's";
    if (!config.quiet)
      llvm::WithColor::warning(llvm::errs(), "eecc")
          << "engine binding is estimated in report.json, but hls/ binds every layer to a "
             "dedicated kernel: "
          << refusal << "\n";
    engine = false;
  } else if (engine) {
    (*estimated)["binding"]["hls_cpp"] =
        "the engine design: hls/eecc_top.cpp runs conv2d and dense on eecc_engine::mac_engine, "
        "feature maps in one arena, weights in hls/weights.bin (DDR)";
  }
  bool hlsOnly = config.emit == EmitKind::Hls;
  board::BoardDesign design;
  if (!hlsOnly) {
    ee::NetworkOp network = *module.getOps<ee::NetworkOp>().begin();
    auto samples = collectTestSamples(config, network);
    if (mlir::failed(samples))
      return 1;
    design.samples = std::move(*samples);
  }
  mlir::PassManager pm(module.getContext());
  pm.addPass(createPrepareForEmission());
  if (mlir::failed(pm.run(module)))
    return 1;
  std::vector<hlscpp::ProjectFile> files;
  if (mlir::failed(hlscpp::emitProject(module, llvm::sys::path::filename(config.input), files,
                                       &design.designId)))
    return 1;
  if (!hlsOnly && !engine) {
    if (mlir::failed(describeBoardDesign(config, module, files, design)))
      return 1;
    board::emitScripts(design, files);
    board::emitRuntime(design, files);
  } else if (!hlsOnly && !config.quiet) {
    llvm::WithColor::warning(llvm::errs(), "eecc")
        << "engine binding: scripts/ and runtime/ are not emitted yet (the board runtime does "
           "not load the weight image into DDR yet); hls/ and csim/ are complete\n";
  }
  if (config.output == "-") {
    std::string all;
    for (const hlscpp::ProjectFile &file : files)
      if (llvm::StringRef(file.path).starts_with("hls/"))
        all += "// ===== " + file.path + " =====\n" + file.contents;
    return writeStdout(all);
  }
  for (const hlscpp::ProjectFile &file : files) {
    if (hlsOnly && !llvm::StringRef(file.path).starts_with("hls/"))
      continue;
    if (llvm::Error error = output->writeFile(file.path, file.contents))
      return fail(llvm::toString(std::move(error)));
  }
  if (!hlsOnly) {
    if (llvm::Error error =
            output->writeFile("README.md", projectReadme(config, design, engine, fixed)))
      return fail(llvm::toString(std::move(error)));
    if (llvm::Error error = output->writeFileWith(
            "model.mlir", [&](llvm::raw_ostream &stream) {
              // The project's record of the decisions: weight tensors over kElideElements
              // are elided (the design's own copy is in hls/; --emit=mlir writes them all).
              module->print(stream, mlir::OpPrintingFlags().elideLargeElementsAttrs(
                                        kElideElements));
            }))
      return fail(llvm::toString(std::move(error)));
    // Exact counts now; estimates (cost model), csynth and measured numbers come later
    // and keep their own keys.
    std::string structure;
    llvm::raw_string_ostream structureStream(structure);
    if (mlir::failed(emitStructureReport(module, structureStream)))
      return 1;
    nlohmann::ordered_json report = {
        {"model", modelFileName(config)},
        {"eecc_version", EECC_VERSION},
        {"target", config.target},
        {"clock_ns", config.clockNs},
        {"precision", fixed ? "fixed" : "float"},
        {"quantization", fixed ? quantizationReport(module) : nlohmann::ordered_json(nullptr)},
        {"calibration", fixed ? calibrationReport(config, module) : nlohmann::ordered_json(nullptr)},
        {"accuracy", accuracy},
        {"other_binding", alternative},
        {"structure", nlohmann::ordered_json::parse(structure)["networks"][0]},
        {"estimated", *estimated},
        {"csynth", nullptr},
        {"measured", nullptr}};
    if (llvm::Error error = output->writeFile("report.json", jsonText(report, 2) + "\n"))
      return fail(llvm::toString(std::move(error)));
    if (llvm::Error error = output->writeFile("report.html", renderReportHtml(report)))
      return fail(llvm::toString(std::move(error)));
  }
  if (llvm::Error error = output->commit())
    return fail(llvm::toString(std::move(error)));
  if (!config.quiet)
    llvm::outs() << exitStructure(module, modelFileName(config)) << designSummary(*estimated)
                 << (accuracy.is_null()
                         ? std::string()
                         : fmt::format("  accuracy on the {} labeled calibration samples ({}): "
                                       "{:.2f} %, the final exit alone {:.2f} %\n",
                                       accuracy["samples"].get<int64_t>(),
                                       accuracy["arithmetic"].get<std::string>(),
                                       100.0 * accuracy["accuracy"].get<double>(),
                                       100.0 * accuracy["final_exit_alone"].get<double>()))
                 << fmt::format("eecc: wrote {} ({}); C-simulation: make -C {}/csim\n",
                                config.output,
                                hlsOnly  ? "hls/"
                                : engine ? "README.md, hls/, csim/, model.mlir, report.json, report.html"
                                         : "README.md, hls/, csim/, scripts/, runtime/, model.mlir, "
                                           "report.json, report.html",
                                config.output);
  return 0;
}

/// --ingest-csynth: the synthesis report of a project's IP into its report.json (the
/// "csynth" key, beside "estimated") and report.html. Only eecc's own output directories
/// are updated, each file replaced whole (written aside, then renamed).
int ingestCsynth(const CompileConfig &config) {
  llvm::SmallString<256> marker(config.output), reportPath(config.output), htmlPath(config.output);
  llvm::sys::path::append(marker, OutputDirectory::kMarkerFile);
  llvm::sys::path::append(reportPath, "report.json");
  llvm::sys::path::append(htmlPath, "report.html");
  if (!llvm::sys::fs::is_regular_file(marker) || !llvm::sys::fs::is_regular_file(reportPath))
    return fail(config.output + ": not an eecc project (no " + OutputDirectory::kMarkerFile +
                " or report.json)");
  llvm::sys::fs::file_status status;
  if (std::error_code code = llvm::sys::fs::status(config.ingestCsynth, status))
    return fail(config.ingestCsynth + ": " + code.message());
  if (!llvm::sys::fs::is_regular_file(status))
    return fail(config.ingestCsynth + ": not a regular file");
  if (status.getSize() > (uint64_t{64} << 20))
    return fail(config.ingestCsynth + ": larger than 64 MiB, not a csynth.xml");
  auto xml = llvm::MemoryBuffer::getFile(config.ingestCsynth, /*IsText=*/true);
  if (!xml)
    return fail(config.ingestCsynth + ": " + xml.getError().message());
  auto csynth = parseCsynthReport((*xml)->getBuffer(), config.ingestCsynth);
  if (!csynth)
    return fail(llvm::toString(csynth.takeError()));
  auto json = llvm::MemoryBuffer::getFile(reportPath, /*IsText=*/true);
  if (!json)
    return fail(std::string(reportPath) + ": " + json.getError().message());
  nlohmann::ordered_json report =
      nlohmann::ordered_json::parse((*json)->getBuffer().begin(), (*json)->getBuffer().end(),
                                    nullptr, /*allow_exceptions=*/false);
  if (report.is_discarded() || !report.is_object())
    return fail(std::string(reportPath) + ": not a JSON object");
  attachCsynth(report, std::move(*csynth));
  for (auto [path, text] : {std::pair{std::string(reportPath), jsonText(report, 2) + "\n"},
                            std::pair{std::string(htmlPath), renderReportHtml(report)}}) {
    std::string temporary = path + ".tmp";
    std::error_code code;
    {
      llvm::raw_fd_ostream out(temporary, code);
      if (!code) {
        out << text;
        out.close();
        if (out.has_error()) {
          code = out.error();
          out.clear_error();
        }
      }
    }
    if (code || (code = llvm::sys::fs::rename(temporary, path))) {
      llvm::sys::fs::remove(temporary);
      return fail(path + ": " + code.message());
    }
  }
  if (!config.quiet)
    llvm::outs() << "eecc: " << config.output << "/report.json: csynth from "
                 << config.ingestCsynth << "\n";
  return 0;
}

int compile(const CompileConfig &config) {
  if (!config.ingestCsynth.empty())
    return ingestCsynth(config);
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  context.printOpOnDiagnostic(false); // users want the message, not an IR dump
  DriverDiagnostics diagnostics(context, config.quiet);
  // The output directory is checked (and its staging directory made) before any work: a
  // wrong -o fails at once, not after a minute of calibration.
  std::optional<OutputDirectory> output;
  if (!config.run && config.output != "-") {
    auto created = OutputDirectory::create(config.output, config.force);
    if (!created)
      return fail(llvm::toString(created.takeError()));
    output.emplace(std::move(*created));
  }
  mlir::OwningOpRef<mlir::ModuleOp> module = loadNetwork(config, context, diagnostics);
  if (!module)
    return 1;
  if (config.run)
    return runModel(config, *module);
  if (config.emit != EmitKind::Mlir)
    return emitHLS(config, *module, output ? &*output : nullptr);

  std::string text;
  llvm::raw_string_ostream stream(text);
  module->print(stream);
  if (config.output == "-")
    return writeStdout(text);
  if (llvm::Error error = output->writeFile("model.mlir", text))
    return fail(llvm::toString(std::move(error)));
  if (llvm::Error error = output->commit())
    return fail(llvm::toString(std::move(error)));
  if (!config.quiet)
    llvm::outs() << exitStructure(*module, modelFileName(config))
                 << fmt::format("eecc: wrote {}/model.mlir\n", config.output);
  return 0;
}

void printSupportedOps(llvm::raw_ostream &os) {
  os << fmt::format("ONNX operators eecc imports (opsets {} to {}):\n", EECC_MIN_ONNX_OPSET,
                    EECC_MAX_ONNX_OPSET);
  os << fmt::format("  {:<20} {:<20} {}\n", "operator", "becomes", "notes");
  for (const onnx_frontend::SupportedOp &op : onnx_frontend::supportedOps())
    os << fmt::format("  {:<20} {:<20} {}\n", op.opType, op.lowersTo, op.notes);
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  // --mlir-print-debuginfo, --mlir-elide-elementsattrs-if-larger, ... for --emit=mlir.
  mlir::registerAsmPrinterCLOptions();
  // `eecc run ... --help` describes a run: its own overview and options.
  bool run = false, help = false;
  for (int i = 1; i < argc; ++i) {
    run = run || llvm::StringRef(argv[i]) == "run";
    help = help || llvm::StringRef(argv[i]) == "--help" || llvm::StringRef(argv[i]) == "-help";
  }
  registerDriverOptions(run && help);
  llvm::cl::SetVersionPrinter(printVersion);
  if (!llvm::cl::ParseCommandLineOptions(
          argc, argv,
          run && help
              ? "eecc run: samples through the reference interpreter (float, or the fixed "
                "point of a compile)\n\n  eecc run MODEL.onnx --input FILE [--count N] "
                "--output RESULT.json [--fixed [--calibration FILE]] [--all-exits]\n"
              : "eecc: compile early-exit (BranchyNet) networks to Vitis HLS projects for the "
                "ZCU106\n\n  eecc MODEL.onnx -o OUT [options]\n  eecc run MODEL.onnx --input "
                "FILE --output RESULT.json [--fixed]   (eecc run --help)\n",
          &llvm::errs()))
    return 1;
  if (listOpsRequested()) {
    printSupportedOps(llvm::outs());
    return 0;
  }
  auto config = readDriverOptions();
  if (!config)
    return fail(llvm::toString(config.takeError()));
  return compile(*config);
}
