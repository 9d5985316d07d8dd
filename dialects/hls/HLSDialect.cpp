// Registration of the hls dialect and verifiers of its attributes.
#include "dialects/hls/HLSDialect.h"
#include "dialects/hls/HLSOps.h"

#include "dialects/ee/EEOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include <nlohmann/json.hpp>

using namespace mlir;
using namespace eecc::hls;

#include "dialects/hls/HLSDialect.cpp.inc"
#include "dialects/hls/HLSEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/hls/HLSAttrs.cpp.inc"

void HLSDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/hls/HLSAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/hls/HLSOps.cpp.inc"
      >();
}

// ap_fixed accepts widths 1..1024 (AP_INT_MAX_W default).
LogicalResult FixedPointAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                     int64_t width, int64_t integerBits, QuantMode,
                                     OverflowMode) {
  if (width < 1 || width > 1024)
    return emitError() << "fixed-point width must be in [1, 1024], got " << width;
  (void)integerBits;
  return success();
}

// #hls.fixed<W, I> or #hls.fixed<W, I, quant, overflow>.
Attribute FixedPointAttr::parse(AsmParser &parser, Type) {
  int64_t width = 0, integerBits = 0;
  QuantMode quant = QuantMode::trn;
  OverflowMode overflow = OverflowMode::wrap;
  if (parser.parseLess() || parser.parseInteger(width) || parser.parseComma() ||
      parser.parseInteger(integerBits))
    return {};
  if (succeeded(parser.parseOptionalComma())) {
    StringRef quantName, overflowName;
    SMLoc quantLoc = parser.getCurrentLocation();
    if (parser.parseKeyword(&quantName))
      return {};
    std::optional<QuantMode> parsedQuant = symbolizeQuantMode(quantName);
    if (!parsedQuant) {
      parser.emitError(quantLoc, "expected a quantization mode (trn, trn_zero, rnd, rnd_zero, "
                                 "rnd_min_inf, rnd_inf, rnd_conv), got '")
          << quantName << "'";
      return {};
    }
    SMLoc overflowLoc = parser.getCurrentLocation();
    if (parser.parseComma() || parser.parseKeyword(&overflowName))
      return {};
    std::optional<OverflowMode> parsedOverflow = symbolizeOverflowMode(overflowName);
    if (!parsedOverflow) {
      parser.emitError(overflowLoc,
                       "expected an overflow mode (wrap, sat, sat_zero, sat_sym), got '")
          << overflowName << "'";
      return {};
    }
    quant = *parsedQuant;
    overflow = *parsedOverflow;
  }
  if (parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(parser.getNameLoc()); },
                    parser.getContext(), width, integerBits, quant, overflow);
}

void FixedPointAttr::print(AsmPrinter &printer) const {
  printer << "<" << getWidth() << ", " << getIntegerBits();
  if (getQuant() != QuantMode::trn || getOverflow() != OverflowMode::wrap)
    printer << ", " << stringifyQuantMode(getQuant()) << ", "
            << stringifyOverflowMode(getOverflow());
  printer << ">";
}

LogicalResult DirectivesAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                     int64_t pipelineII, int64_t unroll, bool dataflow,
                                     bool inlineFunction) {
  if (pipelineII < 0)
    return emitError() << "pipeline_ii must be >= 0 (0: not pipelined), got " << pipelineII;
  if (unroll < 1)
    return emitError() << "unroll must be >= 1 (1: not unrolled), got " << unroll;
  if (dataflow && inlineFunction)
    return emitError() << "a dataflow region cannot be inlined";
  return success();
}

LogicalResult EstimateAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                   int64_t cycles, int64_t dsp, int64_t bram18, int64_t uram,
                                   int64_t lut, int64_t ff) {
  const std::pair<const char *, int64_t> fields[] = {{"cycles", cycles}, {"dsp", dsp},
                                                     {"bram18", bram18}, {"uram", uram},
                                                     {"lut", lut},       {"ff", ff}};
  for (auto [name, value] : fields)
    if (value < 0)
      return emitError() << "estimate '" << name << "' must be >= 0, got " << value;
  return success();
}

namespace {

/// A report section (hls.report.*): JSON text of an object; `estimated`, which the
/// compile summary and report.html read field by field, with the fields they read.
LogicalResult verifyReport(Operation *op, StringRef name, Attribute value) {
  auto text = dyn_cast<StringAttr>(value);
  if (!text)
    return op->emitOpError() << "'" << name << "' must be a string of JSON text";
  nlohmann::json json = nlohmann::json::parse(text.getValue().begin(), text.getValue().end(),
                                              nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    return op->emitOpError() << "'" << name << "' is not the JSON text of an object";
  if (name != attrs::kReportEstimated)
    return success();
  auto object = [](const nlohmann::json &parent, const char *key) {
    return parent.is_object() && parent.contains(key) && parent[key].is_object();
  };
  auto isA = [](const nlohmann::json &parent, const char *key, auto check) {
    return parent.is_object() && parent.contains(key) && check(parent[key]);
  };
  auto isString = [](const nlohmann::json &v) { return v.is_string(); };
  auto isNumber = [](const nlohmann::json &v) { return v.is_number(); };
  auto isArray = [](const nlohmann::json &v) { return v.is_array(); };
  auto isBool = [](const nlohmann::json &v) { return v.is_boolean(); };
  bool ok = object(json, "binding") && isA(json["binding"], "binding", isString) &&
            isA(json["binding"], "how", isString) && isA(json, "clock_ns", isNumber) &&
            isA(json, "device", isString) && object(json, "designs") &&
            object(json["designs"], "chosen");
  if (ok) {
    const nlohmann::json &chosen = json["designs"]["chosen"];
    ok = isA(chosen, "placements", isArray) && isA(chosen, "exit_paths", isArray) &&
         isA(chosen, "fits_device", isBool) && object(chosen, "resources") &&
         object(chosen["resources"], "utilization_percent");
    for (const char *resource : {"dsp", "bram18", "lut", "ff"})
      ok = ok && isA(chosen["resources"]["utilization_percent"], resource, isNumber);
    for (const nlohmann::json &path : ok ? chosen["exit_paths"] : nlohmann::json::array())
      ok = ok && isA(path, "exit", [](const nlohmann::json &v) { return v.is_number_integer(); }) &&
           isA(path, "latency_us", isNumber);
    for (const nlohmann::json &placement : ok ? chosen["placements"] : nlohmann::json::array())
      ok = ok && placement.is_string();
  }
  if (!ok)
    return op->emitOpError() << "'" << name
                             << "' lacks the fields of an estimate (binding.binding, "
                                "binding.how, clock_ns, device, designs.chosen with placements, "
                                "exit_paths, fits_device and resources.utilization_percent)";
  return success();
}

/// The samples a project carries: N samples of the input, N exits, classes and logit rows.
LogicalResult verifyTestSamples(Operation *op) {
  auto samples = dyn_cast_or_null<ElementsAttr>(op->getAttr(attrs::kTestSamples));
  auto exits = dyn_cast_or_null<DenseI32ArrayAttr>(op->getAttr(attrs::kTestExits));
  auto classes = dyn_cast_or_null<DenseI32ArrayAttr>(op->getAttr(attrs::kTestClasses));
  auto logits = dyn_cast_or_null<ElementsAttr>(op->getAttr(attrs::kTestLogits));
  if (!samples || !exits || !classes || !logits)
    return op->emitOpError() << "the test samples need all four of " << attrs::kTestSamples
                             << " (f32 elements), " << attrs::kTestExits << ", "
                             << attrs::kTestClasses << " (array<i32>) and " << attrs::kTestLogits
                             << " (f32 elements)";
  ShapedType sampleType = samples.getShapedType(), logitType = logits.getShapedType();
  const int64_t count = exits.size();
  if (!sampleType.getElementType().isF32() || !logitType.getElementType().isF32() ||
      sampleType.getRank() < 1 || logitType.getRank() != 2 || sampleType.getDimSize(0) != count ||
      logitType.getDimSize(0) != count || static_cast<int64_t>(classes.size()) != count)
    return op->emitOpError() << "the test samples disagree: " << count << " exits, "
                             << classes.size() << " classes, samples " << sampleType
                             << ", logits " << logitType << " (need N of each, f32, logits N x K)";
  if (auto network = dyn_cast<eecc::ee::NetworkOp>(op)) {
    int64_t numExits = static_cast<int64_t>(eecc::ee::getExits(network).size());
    auto input = cast<ShapedType>(network.getBody().front().getArgument(0).getType());
    if (sampleType.getNumElements() != count * input.getNumElements())
      return op->emitOpError() << "test samples " << sampleType << " are not " << count
                               << " samples of the input " << input;
    for (int32_t exit : exits.asArrayRef())
      if (exit < 0 || exit >= numExits)
        return op->emitOpError() << "test sample exit " << exit << " is not an exit of the network";
    for (int32_t predicted : classes.asArrayRef())
      if (predicted < 0 || predicted >= logitType.getDimSize(1))
        return op->emitOpError() << "test sample class " << predicted << " is not in [0, "
                                 << logitType.getDimSize(1) << ")";
  }
  return success();
}

/// A feature map's slot in the engine arena lies inside the arena.
LogicalResult verifyArenaOffset(Operation *op, Attribute value) {
  auto offset = dyn_cast<IntegerAttr>(value);
  if (!offset || offset.getInt() < 0)
    return op->emitOpError() << "'" << attrs::kArenaOffset << "' must be a non-negative integer";
  Operation *network = isa<eecc::ee::NetworkOp>(op) ? op : op->getParentOfType<eecc::ee::NetworkOp>();
  auto words = network ? network->getAttrOfType<IntegerAttr>(attrs::kArenaWords) : IntegerAttr();
  if (!words)
    return op->emitOpError() << "'" << attrs::kArenaOffset << "' needs the network's '"
                             << attrs::kArenaWords << "'";
  int64_t size = 0;
  if (auto netOp = dyn_cast<eecc::ee::NetworkOp>(op))
    size = cast<ShapedType>(netOp.getBody().front().getArgument(0).getType()).getNumElements();
  else if (op->getNumResults() == 1)
    if (auto shaped = dyn_cast<ShapedType>(op->getResult(0).getType()))
      size = shaped.getNumElements();
  if (offset.getInt() > words.getInt() || size > words.getInt() - offset.getInt())
    return op->emitOpError() << "arena slot [" << offset.getInt() << ", " << offset.getInt() + size
                             << ") is outside the arena of " << words.getInt() << " words";
  return success();
}

/// A MAC layer's weights (or biases: 4 words each) lie inside the weight image.
LogicalResult verifyImageOffset(Operation *op, StringRef name, Attribute value) {
  auto offset = dyn_cast<IntegerAttr>(value);
  if (!offset || offset.getInt() < 0)
    return op->emitOpError() << "'" << name << "' must be a non-negative integer";
  Operation *network = op->getParentOfType<eecc::ee::NetworkOp>();
  auto words =
      network ? network->getAttrOfType<IntegerAttr>(attrs::kWeightImageWords) : IntegerAttr();
  if (!words)
    return op->emitOpError() << "'" << name << "' needs the network's '"
                             << attrs::kWeightImageWords << "'";
  const bool biases = name == attrs::kBiasOffset;
  const unsigned operand = biases ? 2 : 1;
  int64_t size = 0;
  if (op->getNumOperands() > operand)
    if (auto shaped = dyn_cast<ShapedType>(op->getOperand(operand).getType()))
      size = shaped.getNumElements() * (biases ? 4 : 1);
  if (offset.getInt() > words.getInt() || size > words.getInt() - offset.getInt())
    return op->emitOpError() << (biases ? "biases" : "weights") << " at words ["
                             << offset.getInt() << ", " << offset.getInt() + size
                             << ") are outside the weight image of " << words.getInt()
                             << " words";
  return success();
}

} // namespace

LogicalResult HLSDialect::verifyOperationAttribute(Operation *op, NamedAttribute attribute) {
  StringRef name = attribute.getName().getValue();
  Attribute value = attribute.getValue();
  if (name.starts_with("hls.report."))
    return verifyReport(op, name, value);
  if (name == attrs::kTestExits)
    return verifyTestSamples(op);
  if (name == attrs::kTestSamples || name == attrs::kTestClasses || name == attrs::kTestLogits)
    return op->hasAttr(attrs::kTestExits) ? success() : verifyTestSamples(op);
  if (name == attrs::kArenaOffset)
    return verifyArenaOffset(op, value);
  if (name == attrs::kWeightOffset || name == attrs::kBiasOffset)
    return verifyImageOffset(op, name, value);
  if (name == attrs::kEngineTiles) { // as hls-bind and --engine-tiles take them
    auto tiles = dyn_cast<DenseI64ArrayAttr>(value);
    if (!tiles || tiles.size() != 2 || tiles[0] < 1 || tiles[0] > 1024 || tiles[1] < 1 ||
        tiles[1] > 1024)
      return op->emitOpError() << "'" << name
                               << "' must be two tile factors [M, N], each in [1, 1024]";
  }
  if (name == attrs::kWeightPorts) {
    auto ports = dyn_cast<IntegerAttr>(value);
    if (!ports || ports.getInt() < 1 || ports.getInt() > 4)
      return op->emitOpError() << "'" << name << "' must be 1 to 4 m_axi bundles";
  }
  if (name == attrs::kArenaWords || name == attrs::kWeightImageWords ||
      name == "hls.calibration_exits") {
    auto count = dyn_cast<IntegerAttr>(value);
    if (!count || count.getInt() < 0)
      return op->emitOpError() << "'" << name << "' must be a non-negative integer";
  }
  return success();
}
