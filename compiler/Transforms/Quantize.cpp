// nn-quantize: per-layer fixed-point formats from a calibration set.
#include "dialects/hls/HLSReport.h"
#include "compiler/Numerics/FixedPoint.h"
#include "compiler/Interpreter/Interpreter.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/ee/EEOps.h"
#include "dialects/hls/HLSDialect.h"
#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/TypeSwitch.h"
#include "compiler/Support/Progress.h"
#include "compiler/Support/SampleData.h"
#include "llvm/Support/MemoryBuffer.h"

#include "llvm/Support/Path.h"

#include <cmath>
#include <cstring>
#include <fmt/format.h>

namespace eecc {
#define GEN_PASS_DEF_QUANTIZE
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

enum class Role { Data, Weight, Bias, Accum };

/// Integer bits of every activation when no calibration set sizes them: hls4ml's
/// default ap_fixed<16,6> (capped below the width).
constexpr int64_t kUncalibratedIntegerBits = 6;

/// One `KEY[:ROLE]=W[,I]` entry of the overrides option.
struct Override {
  std::string key;
  Role role = Role::Data;
  int64_t width = 0;
  std::optional<int64_t> integerBits;
  bool used = false;
};

FailureOr<Override> parseOverride(StringRef text, Operation *anchor) {
  auto fail = [&](const Twine &why) {
    anchor->emitError("nn-quantize: override '") << text << "': " << why;
    return failure();
  };
  // In a pass pipeline, entries holding a comma are quoted: "conv1=8,3".
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
    text = text.drop_front().drop_back();
  size_t equals = text.rfind('=');
  if (equals == StringRef::npos)
    return fail("expected KEY[:ROLE]=W[,I]");
  Override entry;
  StringRef key = text.take_front(equals), spec = text.drop_front(equals + 1);
  size_t colon = key.rfind(':');
  if (colon != StringRef::npos) {
    StringRef role = key.drop_front(colon + 1);
    std::optional<Role> parsed = llvm::StringSwitch<std::optional<Role>>(role)
                                     .Case("data", Role::Data)
                                     .Case("weight", Role::Weight)
                                     .Case("bias", Role::Bias)
                                     .Case("accum", Role::Accum)
                                     .Default(std::nullopt);
    if (parsed) {
      entry.role = *parsed;
      key = key.take_front(colon);
    }
  }
  if (key.empty())
    return fail("the key (node name, op kind or 'input') is empty");
  entry.key = key.str();
  auto [widthText, intText] = spec.split(',');
  int64_t integerBits = 0;
  if (widthText.trim().getAsInteger(10, entry.width) ||
      (spec.contains(',') && intText.trim().getAsInteger(10, integerBits)))
    return fail("expected W or W,I after '='");
  if (entry.width < 1 || entry.width > 64)
    return fail("widths are limited to [1, 64] bits (the host fixed-point type's limit)");
  if (spec.contains(','))
    entry.integerBits = integerBits;
  return entry;
}

/// The integer bits (sign included) that hold every value of magnitude <= maxAbs.
int64_t integerBitsFor(double maxAbs) {
  if (!(maxAbs > 0.0))
    return 1;
  return static_cast<int64_t>(std::floor(std::log2(maxAbs))) + 2;
}

double maxAbsOf(DenseElementsAttr values) {
  double result = 0.0;
  numerics::forEachFloat(values, [&](float value) {
    result = std::max(result, std::fabs(static_cast<double>(value)));
  });
  return result;
}

struct Range {
  double min = INFINITY, max = -INFINITY;
  void add(float value) {
    min = std::min(min, static_cast<double>(value));
    max = std::max(max, static_cast<double>(value));
  }
  double maxAbs() const { return std::max(std::fabs(min), std::fabs(max)); }
  bool valid() const { return min <= max && std::isfinite(min) && std::isfinite(max); }
};

class QuantizePass : public eecc::impl::QuantizeBase<QuantizePass> {
public:
  using QuantizeBase::QuantizeBase;
  void runOnOperation() override;

private:
  LogicalResult readCalibration(ee::NetworkOp network, std::vector<interp::Tensor> &samples);
  LogicalResult assignFormats(ee::NetworkOp network);
  LogicalResult assignOp(Operation *op);
  hls::FixedPointAttr dataFormat(Operation *op, Value input);
  hls::FixedPointAttr constantFormat(Operation *layer, Value constant, Role role);
  hls::FixedPointAttr accumFormat(Operation *op);
  hls::FixedPointAttr format(Value value);
  hls::FixedPointAttr make(int64_t width, int64_t integerBits, bool exact);
  Override *findOverride(Operation *op, Role role);

  std::vector<Override> parsedOverrides;
  llvm::DenseMap<Operation *, Range> ranges;
  Range inputRange;
  hls::FixedPointAttr inputFormat;
  hls::QuantMode quant = hls::QuantMode::rnd;
  hls::OverflowMode overflowMode = hls::OverflowMode::sat;
  /// Integer bits of every activation: integer-bits, or without a calibration set
  /// hls4ml's default ap_fixed<W, 6>; -1000: calibrated per layer.
  int64_t activationIntBits = -1000;
  void report(ee::NetworkOp network);
};

hls::FixedPointAttr QuantizePass::make(int64_t width, int64_t integerBits, bool exact) {
  if (exact) // accumulators: nothing to round, nothing can overflow
    return hls::FixedPointAttr::get(&getContext(), width, integerBits, hls::QuantMode::trn,
                                    hls::OverflowMode::wrap);
  return hls::FixedPointAttr::get(&getContext(), width, integerBits, quant, overflowMode);
}

Override *QuantizePass::findOverride(Operation *op, Role role) {
  std::string name = op ? nn::nodeName(op) : "input";
  std::string kind = op ? op->getName().stripDialect().str() : "";
  std::string fullKind = op ? op->getName().getStringRef().str() : "";
  Override *found = nullptr;
  // A node name wins over an op kind; later entries win over earlier ones.
  for (Override &entry : parsedOverrides)
    if (entry.role == role && (entry.key == kind || entry.key == fullKind))
      found = &entry;
  for (Override &entry : parsedOverrides)
    if (entry.role == role && !name.empty() && entry.key == name)
      found = &entry;
  if (found)
    found->used = true;
  return found;
}

LogicalResult QuantizePass::readCalibration(ee::NetworkOp network,
                                            std::vector<interp::Tensor> &samples) {
  // A FIFO would block and a device (/dev/zero) would never end: regular files only.
  // A .npy array is converted to float32 samples (its shape checked against the input).
  auto shape = cast<ShapedType>(network.getBody().front().getArgument(0).getType());
  auto file = readSampleBytes(calibration, shape.getShape());
  if (!file)
    return network.emitError("nn-quantize: cannot read the calibration file: ")
           << llvm::toString(file.takeError());
  const size_t sampleBytes = static_cast<size_t>(shape.getNumElements()) * sizeof(float);
  const size_t size = (*file)->getBufferSize();
  if (size == 0 || size % sampleBytes != 0)
    return network.emitError("nn-quantize: calibration file '")
           << calibration << "' has " << size << " bytes, not a positive multiple of one sample ("
           << sampleBytes << " bytes of float32 for input " << shape << ")";
  size_t available = size / sampleBytes, count = available;
  if (calibrationCount < 0 || static_cast<size_t>(calibrationCount) > available)
    return network.emitError("nn-quantize: calibration-count ")
           << static_cast<int64_t>(calibrationCount) << " is not in [0, " << available << "] (samples in '"
           << calibration << "')";
  if (calibrationCount > 0)
    count = static_cast<size_t>(calibrationCount);
  const char *data = (*file)->getBufferStart();
  // Data that cannot be what the network was trained on: float64 written raw and read as
  // float32 (the halves of each double read as huge, tiny, denormal or NaN floats), or
  // values far beyond any normalized input.
  size_t odd = 0, total = count * static_cast<size_t>(shape.getNumElements());
  float largest = 0.0f;
  bool nonFinite = false;
  for (size_t i = 0; i < total; ++i) {
    float value;
    std::memcpy(&value, data + i * sizeof(float), sizeof(float));
    float magnitude = std::fabs(value);
    nonFinite = nonFinite || !std::isfinite(value);
    if (std::isfinite(value))
      largest = std::max(largest, magnitude);
    odd += !std::isfinite(value) || magnitude > 1e6f || (magnitude != 0.0f && magnitude < 1e-30f);
  }
  if (odd * 10 > total) {
    InFlightDiagnostic diagnostic =
        nonFinite ? network.emitError("nn-quantize: calibration file '")
                  : network.emitWarning("nn-quantize: calibration file '");
    diagnostic << calibration << "': " << odd << " of " << total
               << " values are beyond 1e6 or below 1e-30 in magnitude (or not finite): this looks "
                  "like float64 (or integer) data read as float32; save float32 (numpy: "
                  "x.astype(np.float32).tofile) or a .npy file";
    if (nonFinite)
      return failure();
  } else if (largest > 1e6f) {
    network.emitWarning("nn-quantize: calibration file '")
        << calibration << "': values reach " << static_cast<double>(largest)
        << " in magnitude; a 16-bit format that holds them keeps few fractional bits (inputs "
           "are usually normalized)";
  }
  for (size_t i = 0; i < count; ++i) {
    interp::Tensor sample(shape.getShape());
    std::memcpy(sample.data.data(), data + i * sampleBytes, sampleBytes);
    auto bad = llvm::find_if(sample.data, [](float value) { return !std::isfinite(value); });
    if (bad != sample.data.end())
      return network.emitError("nn-quantize: calibration file '")
             << calibration << "': sample " << i << " holds " << (std::isnan(*bad) ? "NaN" : "an infinity")
             << " (element " << (bad - sample.data.begin())
             << "); calibration samples must be finite";
    samples.push_back(std::move(sample));
  }
  return success();
}

hls::FixedPointAttr QuantizePass::format(Value value) {
  return dyn_cast_or_null<hls::FixedPointAttr>(hls::fixedFormatOf(value));
}

hls::FixedPointAttr QuantizePass::dataFormat(Operation *op, Value input) {
  Override *entry = findOverride(op, Role::Data);
  // Layers that only move or clamp values keep their input's format.
  bool preserving = isa<nn::ReluOp, nn::MaxPool2DOp, nn::PadOp, nn::ClipOp, nn::FlattenOp,
                        nn::ReshapeOp, nn::TransposeOp, nn::SliceOp>(op);
  if (!entry && preserving && input)
    return format(input);
  int64_t bits = entry ? entry->width : width;
  if (entry && entry->integerBits)
    return make(bits, *entry->integerBits, false);
  if (activationIntBits != -1000)
    return make(bits, activationIntBits, false);
  const Range &range = op ? ranges[op] : inputRange;
  if (!range.valid() && input) // a width-only override of a layer that keeps its input's range
    return make(bits, format(input).getIntegerBits(), false);
  return make(bits, integerBitsFor(range.maxAbs()) + headroom, false);
}

hls::FixedPointAttr QuantizePass::constantFormat(Operation *layer, Value constant, Role role) {
  Operation *producer = constant.getDefiningOp();
  auto values = cast<DenseElementsAttr>(cast<arith::ConstantOp>(producer).getValue());
  // Data constants (an add's operand, ...) take the activation width and their own range;
  // a layer's override is about its result, not its constant operands.
  Override *entry = role == Role::Data ? nullptr : findOverride(layer, role);
  int64_t bits = entry ? entry->width : role == Role::Bias ? biasWidth : weightWidth;
  if (role == Role::Data)
    bits = width;
  int64_t intBits = entry && entry->integerBits ? *entry->integerBits : integerBitsFor(maxAbsOf(values));
  hls::FixedPointAttr result = make(bits, intBits, false);
  // ap_fixed has no NaN or infinity: say what the hardware will hold instead.
  int64_t nonFinite = 0;
  numerics::forEachFloat(values, [&](float value) { nonFinite += !std::isfinite(value); });
  if (nonFinite > 0)
    layer->emitWarning() << "nn-quantize: layer '" << nn::nodeName(layer) << "': " << nonFinite
                         << " NaN or infinite value(s) of " << values.getNumElements()
                         << " in its " << (role == Role::Bias ? "bias" : role == Role::Weight ? "weights" : "constant operand")
                         << " have no " << numerics::toFixedFormat(result).apType()
                         << " value: they are stored as the format's extremes (as ap_fixed "
                            "converts them; NaN as a huge value)";
  return result;
}

hls::FixedPointAttr QuantizePass::accumFormat(Operation *op) {
  Override *entry = findOverride(op, Role::Accum);
  hls::FixedPointAttr in = format(op->getOperand(0));
  // The largest |input| its format can hold.
  double inputMax = std::ldexp(1.0, static_cast<int>(in.getIntegerBits()) - 1);
  int64_t frac = in.getFractionalBits();
  double bound = 0.0; // the largest |sum| any input can produce
  if (isa<nn::Conv2DOp, nn::DenseOp>(op)) {
    Value weight = op->getOperand(1), bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
    hls::FixedPointAttr weightFormat = format(weight);
    frac += weightFormat.getFractionalBits();
    auto weights = cast<DenseElementsAttr>(cast<arith::ConstantOp>(weight.getDefiningOp()).getValue());
    auto shape = cast<ShapedType>(weight.getType()).getShape();
    int64_t rows = shape[0], perRow = weights.getNumElements() / rows, index = 0;
    std::vector<double> rowSums(rows, 0.0);
    double weightMax = std::ldexp(1.0, static_cast<int>(weightFormat.getIntegerBits()) - 1);
    const double lsb = std::ldexp(1.0, -static_cast<int>(weightFormat.getFractionalBits()));
    numerics::forEachFloat(weights, [&](float value) {
      // quantized weights can round up by one LSB (at most the format's maximum)
      rowSums[index++ / perRow] += std::min(weightMax, std::fabs(static_cast<double>(value)) + lsb);
    });
    double biasMax = 0.0;
    if (bias)
      biasMax = std::ldexp(1.0, static_cast<int>(format(bias).getIntegerBits()) - 1);
    for (double rowSum : rowSums)
      bound = std::max(bound, rowSum * inputMax + biasMax);
  } else { // average pools: the window's cells
    auto shape = cast<ShapedType>(op->getOperand(0).getType()).getShape();
    int64_t window = isa<nn::GlobalAvgPoolOp>(op) ? shape[2] * shape[3] : 1;
    if (auto pool = dyn_cast<nn::AvgPool2DOp>(op))
      window = pool.getKernelShape()[0] * pool.getKernelShape()[1];
    bound = static_cast<double>(window) * inputMax;
  }
  int64_t intBits = entry && entry->integerBits ? *entry->integerBits : integerBitsFor(bound);
  int64_t bits = entry ? entry->width : std::min<int64_t>(63, intBits + frac);
  return make(bits, intBits, /*exact=*/true);
}

LogicalResult QuantizePass::assignOp(Operation *op) {
  if (isa<arith::ConstantOp, ee::YieldOp>(op))
    return success(); // constants are typed by their users
  MLIRContext *context = &getContext();
  auto typeConstant = [&](Value value, Role role) -> LogicalResult {
    Operation *producer = value.getDefiningOp();
    if (!isa_and_nonnull<arith::ConstantOp>(producer))
      return op->emitError("nn-quantize: expected a constant ")
             << (role == Role::Bias ? "bias" : "weight") << " (weights are compile-time constants)";
    if (!producer->hasAttr(hls::attrs::kType))
      producer->setAttr(hls::attrs::kType, constantFormat(op, value, role));
    return success();
  };
  // Constants feeding other layers (an add of a constant, ...) are data.
  for (OpOperand &use : op->getOpOperands())
    if (auto constant = use.get().getDefiningOp<arith::ConstantOp>())
      if ((!isa<nn::Conv2DOp, nn::DenseOp>(op) || use.getOperandNumber() == 0) &&
          (!isa<nn::BatchNormOp>(op) || use.getOperandNumber() == 0) &&
          !constant->hasAttr(hls::attrs::kType))
        if (failed(typeConstant(use.get(), Role::Data)))
          return failure();
  if (isa<nn::Conv2DOp, nn::DenseOp>(op)) {
    if (failed(typeConstant(op->getOperand(1), Role::Weight)) ||
        (op->getNumOperands() > 2 && failed(typeConstant(op->getOperand(2), Role::Bias))))
      return failure();
  }
  const bool needsRange = !isa<nn::ReluOp, nn::MaxPool2DOp, nn::PadOp, nn::ClipOp, nn::FlattenOp,
                               nn::ReshapeOp, nn::TransposeOp, nn::SliceOp>(op) &&
                          activationIntBits == -1000;
  if (needsRange && !ranges[op].valid())
    return op->emitError("nn-quantize: layer '")
           << nn::nodeName(op) << "' has no finite calibrated range ("
           << (calibration.empty()
                   ? "no calibration file given); give --calibration=FILE or integer bits "
                     "(--precision=W,I)"
                   : "its results are NaN or infinite on the calibration set); check its "
                     "inputs and weights, or give integer bits (--precision-override)");
  hls::FixedPointAttr result = dataFormat(op, op->getNumOperands() ? op->getOperand(0) : Value());
  op->setAttr(hls::attrs::kType, result);
  if (isa<nn::Conv2DOp, nn::DenseOp, nn::AvgPool2DOp, nn::GlobalAvgPoolOp>(op)) {
    hls::FixedPointAttr accum = accumFormat(op);
    // `accum += term` is exact in fixed.h/ap_fixed's sum type before requantization:
    // max(I) + 1 + max(F) bits, which must fit the host type's 64.
    hls::FixedPointAttr in = format(op->getOperand(0));
    int64_t termInt = in.getIntegerBits(), termFrac = in.getFractionalBits();
    if (isa<nn::Conv2DOp, nn::DenseOp>(op)) {
      hls::FixedPointAttr weight = format(op->getOperand(1));
      termInt += weight.getIntegerBits();
      termFrac += weight.getFractionalBits();
    }
    int64_t sumBits = std::max(accum.getIntegerBits(), termInt) + 1 +
                      std::max(accum.getFractionalBits(), termFrac);
    if (sumBits > 64)
      return op->emitError("nn-quantize: accumulating needs ")
             << sumBits << " bits (accumulator " << accum << ", products of " << termInt
             << " integer and " << termFrac
             << " fractional bits); the host fixed-point type holds 64: use narrower "
                "activations or weights";
    op->setAttr(hls::attrs::kAccumType, accum);
  }
  if (isa<nn::AvgPool2DOp, nn::GlobalAvgPoolOp>(op)) {
    // 1/divisor in (0, 1]: 22 fractional bits, rounded, saturating.
    auto reciprocal = hls::FixedPointAttr::get(context, 24, 2, hls::QuantMode::rnd,
                                               hls::OverflowMode::sat);
    op->setAttr(hls::attrs::kReciprocalType, reciprocal);
    if (cast<hls::FixedPointAttr>(op->getAttr(hls::attrs::kAccumType)).getWidth() + 24 > 64)
      return op->emitError("nn-quantize: the average's accumulator times its 24-bit reciprocal "
                           "exceeds 64 bits; narrow the input format");
  }
  // Products and sums must fit the host type's 64 bits.
  if (isa<nn::Conv2DOp, nn::DenseOp>(op) &&
      format(op->getOperand(0)).getWidth() + format(op->getOperand(1)).getWidth() > 64)
    return op->emitError("nn-quantize: input width + weight width exceeds 64 bits");
  if (isa<nn::MulOp>(op)) {
    hls::FixedPointAttr lhs = format(op->getOperand(0)), rhs = format(op->getOperand(1));
    if (lhs.getWidth() + rhs.getWidth() > 64)
      return op->emitError("nn-quantize: the exact product of ")
             << lhs << " and " << rhs << " needs " << lhs.getWidth() + rhs.getWidth()
             << " bits (at most 64)";
  }
  if (isa<nn::AddOp, nn::SubOp>(op)) {
    hls::FixedPointAttr lhs = format(op->getOperand(0)), rhs = format(op->getOperand(1));
    int64_t sumBits = std::max(lhs.getIntegerBits(), rhs.getIntegerBits()) + 1 +
                      std::max(lhs.getFractionalBits(), rhs.getFractionalBits());
    if (sumBits > 64)
      return op->emitError("nn-quantize: the exact sum of ")
             << lhs << " and " << rhs << " needs " << sumBits << " bits (at most 64)";
  }
  for (Value value : op->getResults())
    if (hls::FixedPointAttr type = format(value);
        type && std::abs(type.getFractionalBits()) > 1000)
      return op->emitError("nn-quantize: ") << type << " is outside |W - I| <= 1000";
  return success();
}

LogicalResult QuantizePass::assignFormats(ee::NetworkOp network) {
  Override *inputEntry = findOverride(nullptr, Role::Data);
  if (inputEntry && inputEntry->integerBits)
    inputFormat = make(inputEntry->width, *inputEntry->integerBits, false);
  else if (activationIntBits != -1000 && !inputEntry)
    inputFormat = make(width, activationIntBits, false);
  else if (!inputRange.valid())
    return network.emitError("nn-quantize: the input's integer bits need a calibration set "
                             "(calibration=FILE) or integer-bits");
  else
    inputFormat = make(inputEntry ? inputEntry->width : width,
                       integerBitsFor(inputRange.maxAbs()) + headroom, false);
  network->setAttr(hls::attrs::kInputType, inputFormat);
  WalkResult walk = network.walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (isa<ee::NetworkOp, ee::StageOp, ee::ExitOp>(op))
      return WalkResult::advance();
    return failed(assignOp(op)) ? WalkResult::interrupt() : WalkResult::advance();
  });
  return failure(walk.wasInterrupted());
}

void QuantizePass::runOnOperation() {
  ModuleOp module = getOperation();
  auto networks = llvm::to_vector(module.getOps<ee::NetworkOp>());
  if (networks.size() != 1) {
    module.emitError("nn-quantize expects one ee.network, found ") << networks.size();
    return signalPassFailure();
  }
  ee::NetworkOp network = networks.front();
  std::optional<hls::QuantMode> parsedQuant = hls::symbolizeQuantMode(rounding);
  std::optional<hls::OverflowMode> parsedOverflow = hls::symbolizeOverflowMode(overflow);
  if (!parsedQuant || !parsedOverflow) {
    network.emitError("nn-quantize: unknown ")
        << (parsedQuant ? "overflow mode '" + overflow : "rounding mode '" + rounding) << "'";
    return signalPassFailure();
  }
  quant = *parsedQuant;
  overflowMode = *parsedOverflow;
  activationIntBits = integerBits != -1000 ? static_cast<int64_t>(integerBits)
                      : calibration.empty() ? std::min<int64_t>(kUncalibratedIntegerBits, width - 1)
                                            : -1000;
  if (width < 1 || width > 32 || weightWidth < 1 || weightWidth > 32 || biasWidth < 1 ||
      biasWidth > 64) {
    network.emitError("nn-quantize: activation and weight widths must be in [1, 32] (their "
                      "products are exact in 64 bits), bias widths in [1, 64]");
    return signalPassFailure();
  }
  // A re-run starts from scratch: formats and statistics of an earlier run go.
  network.walk([](Operation *op) {
    for (StringRef name : {hls::attrs::kType, hls::attrs::kAccumType, hls::attrs::kReciprocalType,
                           hls::attrs::kInputType, hls::attrs::kRange, hls::attrs::kOverflows,
                           hls::attrs::kConversions, interp::kCalibrationExitsAttr})
      op->removeAttr(name);
  });
  parsedOverrides.clear();
  for (const std::string &text : overrides) {
    FailureOr<Override> entry = parseOverride(text, network);
    if (failed(entry))
      return signalPassFailure();
    parsedOverrides.push_back(*entry);
  }

  // 1. Calibrated float ranges.
  std::vector<interp::Tensor> samples;
  if (!calibration.empty() && failed(readCalibration(network, samples)))
    return signalPassFailure();
  ranges.clear();
  inputRange = Range();
  if (!samples.empty()) {
    auto floatInterpreter = interp::NetworkInterpreter::create(network);
    if (!floatInterpreter)
      return signalPassFailure();
    floatInterpreter->setObserver([&](Operation *op, const interp::Tensor &result) {
      Range &range = ranges[op];
      for (float value : result.data)
        range.add(value);
    });
    Progress floatProgress("calibration, float ranges", samples.size(), progress);
    for (size_t index = 0; index < samples.size(); ++index) {
      for (float value : samples[index].data)
        inputRange.add(value);
      floatInterpreter->run(samples[index], /*allExits=*/true);
      floatProgress.update(index + 1);
    }
  }

  // 2. Formats.
  if (failed(assignFormats(network)))
    return signalPassFailure();
  for (ee::ExitOp exit : ee::getExits(network))
    if (hls::FixedPointAttr logits = format(exit.getLogits()); logits && logits.getWidth() > 63) {
      exit.emitError("nn-quantize: exit logits of ")
          << logits << " are too wide for the exit decision (at most 63 bits)";
      return signalPassFailure();
    }
  for (const Override &entry : parsedOverrides)
    if (!entry.used) {
      network.emitError("nn-quantize: override '")
          << entry.key << "' matches no layer name, op kind or 'input' for its role";
      return signalPassFailure();
    }

  // 3. What saturates: the calibration set through the fixed-point interpreter.
  Builder builder(&getContext());
  for (auto &[op, range] : ranges)
    if (range.valid())
      op->setAttr(hls::attrs::kRange, builder.getF64ArrayAttr({range.min, range.max}));
  if (inputRange.valid())
    network->setAttr(hls::attrs::kRange, builder.getF64ArrayAttr({inputRange.min, inputRange.max}));
  if (samples.empty())
    return report(network);
  auto fixedInterpreter = interp::NetworkInterpreter::create(network, interp::Arithmetic::Fixed);
  if (!fixedInterpreter)
    return signalPassFailure();
  std::vector<int64_t> exitCounts(fixedInterpreter->numExits(), 0);
  Progress fixedProgress("calibration, fixed point", samples.size(), progress);
  for (size_t index = 0; index < samples.size(); ++index) {
    ++exitCounts[fixedInterpreter->run(samples[index], /*allExits=*/true).exitIndex];
    fixedProgress.update(index + 1);
  }
  interp::recordExitCounts(network, exitCounts);
  for (auto &[op, stats] : fixedInterpreter->conversionStats()) {
    op->setAttr(hls::attrs::kOverflows, builder.getI64IntegerAttr(stats.overflows));
    op->setAttr(hls::attrs::kConversions, builder.getI64IntegerAttr(stats.conversions));
  }
  report(network);
}

/// The largest |value| a fixed format holds.
double formatMax(Attribute attr) {
  numerics::FixedFormat format = numerics::toFixedFormat(attr);
  return std::ldexp(1.0, format.intBits - 1) - std::ldexp(1.0, -format.frac());
}

/// Largest |element| of a constant, or nullopt when `value` is not one.
std::optional<double> constantMaxAbs(Value value) {
  auto constant = ee::resolveNetworkValue(value).getDefiningOp<arith::ConstantOp>();
  if (!constant)
    return std::nullopt;
  double largest = 0.0;
  numerics::forEachFloat(cast<DenseElementsAttr>(constant.getValue()),
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
std::vector<OverflowRisk> overflowRisks(ee::NetworkOp network) {
  std::vector<OverflowRisk> risks;
  auto inputBound = [](Value value) {
    if (std::optional<double> constant = constantMaxAbs(value))
      return *constant;
    Attribute format = hls::fixedFormatOf(value);
    return format ? formatMax(format) : 0.0;
  };
  auto rowSums = [](Value weight) {
    auto values = cast<DenseElementsAttr>(
        ee::resolveNetworkValue(weight).getDefiningOp<arith::ConstantOp>().getValue());
    int64_t rows = cast<ShapedType>(weight.getType()).getShape()[0];
    int64_t perRow = values.getNumElements() / rows, index = 0;
    std::vector<double> sums(rows, 0.0);
    numerics::forEachFloat(values, [&](float v) { sums[index++ / perRow] += std::fabs(double(v)); });
    return sums;
  };
  network.walk([&](Operation *op) {
    if (!op->hasAttr(hls::attrs::kType) || isa<arith::ConstantOp>(op))
      return;
    double bound = 0.0;
    bool known = true;
    llvm::TypeSwitch<Operation *>(op)
        .Case<nn::Conv2DOp, nn::DenseOp>([&](Operation *layer) {
          Value weight = layer->getOperand(1);
          if (!ee::resolveNetworkValue(weight).getDefiningOp<arith::ConstantOp>()) {
            known = false;
            return;
          }
          std::vector<double> sums = rowSums(weight);
          double bias =
              layer->getNumOperands() > 2 ? constantMaxAbs(layer->getOperand(2)).value_or(0.0) : 0.0;
          for (double sum : sums)
            bound = std::max(bound, sum * inputBound(layer->getOperand(0)) + bias);
        })
        .Case<nn::AddOp, nn::SubOp>([&](Operation *binary) {
          bound = inputBound(binary->getOperand(0)) + inputBound(binary->getOperand(1));
        })
        .Case<nn::MulOp>(
            [&](nn::MulOp mul) { bound = inputBound(mul.getLhs()) * inputBound(mul.getRhs()); })
        .Case<nn::LeakyReluOp>([&](nn::LeakyReluOp relu) {
          bound = inputBound(relu.getInput()) *
                  std::max(1.0, std::fabs(double(relu.getAlpha().convertToFloat())));
        })
        .Case<nn::ClipOp>([&](nn::ClipOp clip) {
          bound = std::min(inputBound(clip.getInput()),
                           std::max(std::fabs(double(clip.getMin().convertToFloat())),
                                    std::fabs(double(clip.getMax().convertToFloat()))));
        })
        .Case<nn::SigmoidOp, nn::TanhOp, nn::SoftmaxOp>([&](Operation *) { bound = 1.0; })
        .Case<nn::LogSoftmaxOp>([&](nn::LogSoftmaxOp logSoftmax) {
          auto shape = cast<ShapedType>(logSoftmax.getType()).getShape();
          int64_t axis = static_cast<int64_t>(logSoftmax.getAxis());
          int64_t length = shape[axis < 0 ? axis + static_cast<int64_t>(shape.size()) : axis];
          bound = 2.0 * inputBound(logSoftmax.getInput()) + std::log(double(length));
        })
        .Case<nn::PadOp>([&](nn::PadOp pad) {
          bound = std::max(inputBound(pad.getInput()),
                           std::fabs(double(pad.getValue().convertToFloat())));
        })
        .Case<nn::MaxPool2DOp, nn::AvgPool2DOp, nn::GlobalAvgPoolOp, nn::ReluOp, nn::FlattenOp,
              nn::ReshapeOp, nn::TransposeOp, nn::SliceOp, nn::ConcatOp>([&](Operation *layer) {
          for (Value operand : layer->getOperands())
            bound = std::max(bound, inputBound(operand));
        })
        .Default([&](Operation *) { known = false; }); // LRN, batch norm: float layers
    double max = formatMax(op->getAttr(hls::attrs::kType));
    if (known && bound > max)
      risks.push_back({nn::layerName(op), bound, max});
  });
  return risks;
}

/// What the formats rest on (report.json "calibration", as hls.report.calibration) and
/// the warnings a user needs: layers that could saturate without a calibration set,
/// values without a fractional bit, layers that overflowed on the calibration set.
void QuantizePass::report(ee::NetworkOp network) {
  const bool uncalibrated = calibration.empty() && integerBits == -1000;
  // The format every activation without an override gets.
  const std::string defaultType =
      uncalibrated ? numerics::toFixedFormat(make(width, activationIntBits, false)).apType() : "";
  nlohmann::ordered_json section;
  section["calibrated"] = !calibration.empty();
  section["file"] = calibration.empty() ? nlohmann::ordered_json(nullptr)
                                        : nlohmann::ordered_json(std::string(
                                              llvm::sys::path::filename(calibration)));
  if (!uncalibrated) {
    section["activations"] =
        calibration.empty() ? "--precision (fixed integer bits)" : "calibrated per layer";
  } else {
    std::vector<OverflowRisk> risks = overflowRisks(network);
    section["activations"] = defaultType + " (uncalibrated default)";
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const OverflowRisk &risk : risks)
      list.push_back({{"layer", risk.layer}, {"bound", risk.bound}, {"format_max", risk.max}});
    section["may_saturate"] = std::move(list);
    std::string listed;
    for (size_t i = 0; i < risks.size() && i < 5; ++i)
      listed += fmt::format("{}'{}' (up to {:.4g}, format max {:.4g})", i ? ", " : ": ",
                            risks[i].layer, risks[i].bound, risks[i].max);
    if (risks.size() > 5)
      listed += fmt::format(" and {} more", risks.size() - 5);
    network.emitWarning(fmt::format(
        "no --calibration: every activation is {} (hls4ml's default), weights and biases fit "
        "their own values; {} layer(s) could exceed their format for inputs within its range "
        "and saturate{} (report.json: calibration.may_saturate). Give --calibration=FILE "
        "(samples of the input) to size each layer, or --precision=W,I",
        defaultType, risks.size(), listed));
  }
  network->setAttr(report::kCalibration, report::toAttr(&getContext(), section));
  // Formats without a fractional bit: the calibrated range is as wide as the width.
  std::string coarse;
  int64_t coarseCount = 0;
  network.walk([&](Operation *op) {
    Attribute type = op->getAttr(isa<ee::NetworkOp>(op) ? hls::attrs::kInputType : hls::attrs::kType);
    auto format = dyn_cast_or_null<hls::FixedPointAttr>(type);
    if (!format || isa<arith::ConstantOp>(op) ||
        format.getIntegerBits() < static_cast<int64_t>(format.getWidth()))
      return;
    if (coarseCount++ < 3)
      coarse += fmt::format("{}'{}' ({})", coarse.empty() ? "" : ", ",
                            isa<ee::NetworkOp>(op) ? std::string("input") : nn::layerName(op),
                            numerics::toFixedFormat(type).apType());
  });
  if (coarseCount > 0)
    network.emitWarning(fmt::format(
        "{} value(s) have no fractional bit: {}{}; their calibrated ranges are huge (check the "
        "calibration data) or the width is too small",
        coarseCount, coarse, coarseCount > 3 ? " and more" : ""));
  network.walk([&](Operation *op) {
    auto overflows = op->getAttrOfType<IntegerAttr>(hls::attrs::kOverflows);
    auto conversions = op->getAttrOfType<IntegerAttr>(hls::attrs::kConversions);
    if (!overflows || overflows.getInt() == 0 || !conversions)
      return;
    Attribute type = op->getAttr(isa<ee::NetworkOp>(op) ? hls::attrs::kInputType : hls::attrs::kType);
    network.emitWarning(fmt::format(
        "{} '{}': {} of {} values overflowed {} on the calibration set",
        isa<ee::NetworkOp>(op) ? "input of network" : "layer",
        isa<ee::NetworkOp>(op) ? cast<ee::NetworkOp>(op).getSymName().str() : nn::layerName(op),
        overflows.getInt(), conversions.getInt(), numerics::toFixedFormat(type).apType()));
  });
}

} // namespace
