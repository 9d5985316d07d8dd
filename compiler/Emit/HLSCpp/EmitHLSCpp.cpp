// Emission of the HLS C++ kernels, top function and weights of an ee.network.
#include "EmitHLSCpp.h"


#include "compiler/Numerics/ExitUnit.h"
#include "compiler/Numerics/Attributes.h"
#include "dialects/nn/ShapeUtils.h"
#include "dialects/ee/EEOps.h"
#include "dialects/hls/HLSDialect.h"
#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/TypeSwitch.h"

#include <charconv>
#include <memory>
#include <fmt/format.h>

using namespace mlir;

namespace eecc::hlscpp {

namespace {

const char *const kTemplates[][2] = {
#include "Templates.inc"
};

std::string cname(Operation *op) {
  auto name = op->getAttrOfType<StringAttr>("eecc.cname");
  return name ? name.str() : std::string();
}

int64_t elementCount(Value value) {
  return cast<ShapedType>(value.getType()).getNumElements();
}

/// A float literal that reads back as the same float32 ("2.0f", "1e-05f").
/// The float nearest to `value` as a C++ literal: the shortest decimal that reads back
/// as that float (std::to_chars), with a '.0' where it would read as an integer.
std::string floatLiteral(double value) {
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, static_cast<float>(value));
  std::string text(buffer, error == std::errc() ? end : buffer);
  if (text.find_first_of(".e") == std::string::npos)
    text += ".0";
  return text + "f";
}

std::string intList(ArrayRef<int64_t> values) {
  std::string text;
  for (auto [index, value] : llvm::enumerate(values))
    text += (index ? ", " : "") + std::to_string(value);
  return text;
}

/// Sanitized text for comments: printable ASCII without comment delimiters.
std::string commentText(StringRef text) {
  std::string result;
  for (char c : text.take_front(80))
    result += (c >= 32 && c < 127 && c != '*' && c != '/' && c != '\\') ? c : '_';
  return result;
}

/// The tables of the fixed-point exit decision unit (see compiler/Numerics/ExitUnit.h).
std::string exitTables() {
  using numerics::ExitUnit;
  auto table = [](StringRef name, const std::vector<uint32_t> &values) {
    std::string text = fmt::format("static const unsigned {}[{}] = {{", name, values.size());
    for (auto [index, value] : llvm::enumerate(values))
      text += fmt::format("{}{},", index % 12 ? " " : "\n    ", value);
    return text + "\n};\n\n";
  };
  return fmt::format("// eecc_exit_tables.h: exp(-i/{}), exp(-j/{}) and ln(1 + m/{}) in units of "
                     "2^-{}, for the\n// division-free exit decision (eecc_hls::exit_decision_fixed)."
                     "\n#ifndef EECC_EXIT_TABLES_H\n#define EECC_EXIT_TABLES_H\n\n",
                     1 << (ExitUnit::kIndexFracBits - ExitUnit::kFineBits),
                     1 << ExitUnit::kIndexFracBits, 1 << ExitUnit::kLogTableBits,
                     ExitUnit::kOneBits) +
         table("eecc_exit_exp_coarse", ExitUnit::expCoarseTable()) +
         table("eecc_exit_exp_fine", ExitUnit::expFineTable()) +
         table("eecc_exit_log", ExitUnit::logTable()) + "#endif // EECC_EXIT_TABLES_H\n";
}

/// The C++ spelling of an hls.fixed format.
std::string fixedType(Attribute attr) { return numerics::toFixedFormat(attr).cppType(); }

/// The exact decimal of a raw fixed-point value (reads back as the same double).
std::string fixedLiteral(int64_t raw, int frac) {
  return fmt::format("{:.17g}", numerics::rawToDouble(raw, frac));
}

/// The engine a region's MAC layers run on: its tiles and the largest output plane.
struct EngineShape {
  int64_t tileM = 1, tileN = 1, maxPixels = 1;
  int64_t instance = 0; // 0: the backbone's engine; i + 1: parallel exit i's
  std::string args() const { return fmt::format("{}, {}, {}", tileM, tileN, maxPixels); }
};

class NetworkEmitter {
public:
  explicit NetworkEmitter(ee::NetworkOp network)
      : network(network), fixed(network->hasAttr(hls::attrs::kInputType)) {
    if (auto module = network->getParentOfType<ModuleOp>())
      for (auto candidate : module.getOps<hls::DesignOp>())
        design = candidate;
    if (design)
      designSymbols = std::make_unique<SymbolTable>(design);
  }
  LogicalResult emit(StringRef modelName, std::vector<ProjectFile> &files);
  /// The engine design (engine binding).
  LogicalResult emitEngine(StringRef modelName, std::vector<ProjectFile> &files);

private:
  LogicalResult emitEngineRegion(Region &region, StringRef functionName, const EngineShape &shape);
  LogicalResult emitMacDescriptor(Operation *op);
  std::string word(Value value);
  /// An element-wise layer's operand in the engine design: its arena words, or for a
  /// constant a ROM of its raw words (declared on first use).
  std::string operandWords(Value value);
  llvm::DenseSet<Operation *> constantRoms;
  /// eecc_types.h of a fixed-point design (the formats emitLayer collected in `types`).
  std::string fixedTypesHeader() const;
  LogicalResult emitRegion(Region &region, StringRef functionName, ValueRange results,
                           bool abortable = false);
  std::string decisionExpression(ee::ExitOp exit, StringRef logits);
  void declareStageOutputs(ee::StageOp stage, llvm::DenseMap<Value, std::string> &networkNames,
                           std::string &top, SmallVectorImpl<std::string> &buffers);
  LogicalResult emitParallelExit(ee::ExitOp exit, ee::StageOp stage, StringRef decision,
                                 llvm::DenseMap<Value, std::string> &networkNames,
                                 std::string &top);
  LogicalResult emitLayer(Operation &op);
  /// The II hls-set-directives earned for the pipelined loops (those labelled `label`,
  /// or all) of the design's kernel `symbol`: the largest; an error on `at` when the
  /// design has no such kernel or loop.
  FailureOr<int64_t> earnedII(Operation *at, StringRef symbol, StringRef label = "");
  std::string ref(Value value);
  std::string typeOf(Value value);
  std::string storageOf(Value weight);
  std::string weightTypedefs(Operation *layer);
  void emitWeight(arith::ConstantOp constant);
  std::string accumTypedef(Operation *op);
  void emitReciprocals(Operation *op, StringRef name, ArrayRef<int64_t> divisors);

  ee::NetworkOp network;
  hls::DesignOp design; // what ee-to-hls built beside the network (its directives)
  std::unique_ptr<SymbolTable> designSymbols;
  bool fixed; // quantized by nn-quantize: every value has its own ap_fixed type
  // Engine binding: the arena layout, the weight image (little-endian 16-bit words) and
  // the engine the region being emitted runs on (empty when dedicated).
  bool engine = false;
  std::string image;
  std::string engineArgs, engineInstance; // engineInstance: "" or ", <instance>"
  int64_t sweepII = 1; // the engine's sweep (the loops labelled "sweep" of its kernels)
  int64_t loadII = 1;  // the weight tile's load (the loops labelled "load")
  int64_t weightPorts = 1; // m_axi bundles of the weight image (hls.weight_ports)
  /// "const short *weights0, ..." and "weights0, ..." for the engine design's functions;
  /// the engine's four port arguments (unused ones repeat weights0).
  std::string weightParams() const;
  std::string weightArgs() const;
  std::string enginePorts() const;
  std::string types, weights, configs, functions;
  std::string body; // of the region being emitted
  llvm::DenseMap<Value, std::string> regionNames;
};

/// The top function's end at a taken exit: its id, class and logits out.
std::string NetworkEmitter::fixedTypesHeader() const {
  return fillSkeleton(
      "eecc_types_fixed.h",
      {{"INPUT_TYPE", fixedType(network->getAttr(hls::attrs::kInputType))},
       {"INDEX_WIDTH", std::to_string(numerics::ExitUnit::kIndexWidth)},
       {"INDEX_INT_BITS", std::to_string(numerics::ExitUnit::kIndexIntBits)},
       {"LAYER_TYPES", types}});
}

std::string NetworkEmitter::ref(Value value) {
  auto found = regionNames.find(value);
  if (found != regionNames.end())
    return found->second;
  return cname(value.getDefiningOp());
}

std::string NetworkEmitter::typeOf(Value value) {
  Value resolved = ee::resolveNetworkValue(value);
  if (isa<BlockArgument>(resolved)) // the network's input
    return fixed ? "input_t" : "data_t";
  Operation *producer = resolved.getDefiningOp();
  if (!fixed)
    return isa<arith::ConstantOp>(producer) ? "weight_t" : "data_t";
  if (isa<arith::ConstantOp>(producer) && !producer->hasAttr(hls::attrs::kType))
    return "float"; // batch-norm parameters
  return cname(producer) + "_t";
}

/// Weights that only feed conv2d/dense are stored as the integers of their raw bits in
/// fixed-point designs (eecc_hls::weight_value converts at use): compact, fast to compile.
bool storedAsRaw(Operation *constant) {
  if (!constant->hasAttr(hls::attrs::kType))
    return false;
  for (OpOperand &use : constant->getResult(0).getUses())
    if (!isa<nn::Conv2DOp, nn::DenseOp>(use.getOwner()) || use.getOperandNumber() == 0)
      return false;
  return true;
}

/// The smallest C integer type that holds a W-bit raw value.
const char *rawIntegerType(int64_t width) {
  return width <= 8 ? "signed char" : width <= 16 ? "short" : width <= 32 ? "int" : "long long";
}

std::string NetworkEmitter::storageOf(Value weight) {
  Operation *constant = weight.getDefiningOp();
  if (!fixed || !storedAsRaw(constant))
    return typeOf(weight);
  return rawIntegerType(cast<hls::FixedPointAttr>(constant->getAttr(hls::attrs::kType)).getWidth());
}

std::string NetworkEmitter::weightTypedefs(Operation *layer) {
  std::string weight = typeOf(layer->getOperand(1));
  std::string bias = layer->getNumOperands() > 2 ? typeOf(layer->getOperand(2)) : weight;
  return fmt::format("  typedef ::{} weight_t;\n  typedef ::{} bias_t;\n", weight, bias);
}

std::string NetworkEmitter::accumTypedef(Operation *op) {
  return fixed ? "  typedef " + fixedType(op->getAttr(hls::attrs::kAccumType)) + " accum_t;\n"
               : "  typedef ::accum_t accum_t;\n";
}

/// reciprocal[d] = 1/d for the divisors the layer uses (rounded to its recip_t).
void NetworkEmitter::emitReciprocals(Operation *op, StringRef name, ArrayRef<int64_t> divisors) {
  std::string values;
  for (auto [index, divisor] : llvm::enumerate(divisors)) {
    std::string literal = "0";
    if (divisor && fixed) {
      numerics::FixedFormat format = numerics::toFixedFormat(op->getAttr(hls::attrs::kReciprocalType));
      literal = fixedLiteral(numerics::reciprocalRaw(divisor, format), format.frac());
    } else if (divisor) {
      literal = floatLiteral(1.0 / static_cast<double>(divisor));
    }
    values += (index ? ", " : "") + literal;
  }
  configs += fmt::format("static const {0}_config::recip_t {0}_reciprocal[] = {{{1}}};\n\n", name,
                         values);
}

void NetworkEmitter::emitWeight(arith::ConstantOp constant) {
  auto attr = cast<DenseElementsAttr>(constant.getValue());
  std::string name = cname(constant);
  if (fixed && constant->hasAttr(hls::attrs::kType))
    types += fmt::format("typedef {} {}_t;\n", fixedType(constant->getAttr(hls::attrs::kType)), name);
  bool raw = fixed && storedAsRaw(constant);
  // Straight into `weights` (hundreds of MB for a large network: no temporaries).
  weights.reserve(weights.size() + 64 + 16 * static_cast<size_t>(attr.getNumElements()));
  weights += fmt::format(
      "// {}{}\nstatic const {} {}[{}] = {{",
      commentText(isa<NameLoc>(constant.getLoc())
                      ? cast<NameLoc>(constant.getLoc()).getName().getValue()
                      : ""),
      raw ? fmt::format(" (raw bits of {}_t)", name) : std::string(), storageOf(constant.getResult()),
      name, attr.getNumElements());
  std::optional<numerics::FixedFormat> format;
  if (fixed && constant->hasAttr(hls::attrs::kType))
    format = numerics::toFixedFormat(constant->getAttr(hls::attrs::kType));
  int64_t index = 0;
  numerics::forEachFloat(attr, [&](float value) {
    weights += index % 8 ? " " : "\n    ";
    if (format) { // the value nn-quantize's format holds, exactly
      bool overflowed = false;
      int64_t bits = numerics::convertDouble(value, *format, overflowed);
      if (raw) {
        char buffer[24];
        weights.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, bits).ptr);
      } else {
        weights += fixedLiteral(bits, format->frac());
      }
    } else {
      weights += floatLiteral(value);
    }
    weights += ',';
    ++index;
  });
  weights += "\n};\n\n";
}

FailureOr<int64_t> NetworkEmitter::earnedII(Operation *at, StringRef symbol, StringRef label) {
  if (!design)
    return at->emitError("has no hls.design to print its directives from (run ee-to-hls and "
                         "hls-set-directives)");
  auto kernel = dyn_cast_or_null<hls::KernelOp>(designSymbols->lookup(symbol));
  if (!kernel)
    return at->emitError("has no kernel @") << symbol << " in the hls.design (run ee-to-hls)";
  int64_t ii = 0;
  WalkResult walk = kernel.walk([&](hls::LoopOp loop) {
    if (!loop.getPipeline() || (!label.empty() && loop.getLabel() != label))
      return WalkResult::advance();
    if (!loop.getIi()) {
      at->emitError("loop '") << loop.getLabel() << "' of kernel @" << symbol
                              << " has no ii (run hls-set-directives)";
      return WalkResult::interrupt();
    }
    ii = std::max<int64_t>(ii, *loop.getIi());
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  if (ii == 0)
    return at->emitError("kernel @") << symbol << " has no pipelined loop"
                                     << (label.empty() ? "" : " '" + label.str() + "'");
  return ii;
}

LogicalResult NetworkEmitter::emitLayer(Operation &op) {
  std::string name = cname(&op);
  if (name.empty())
    return op.emitError("has no eecc.cname; run eecc-prepare-for-emission before emitting");
  if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
    if (!isa<DenseElementsAttr>(constant.getValue()))
      return op.emitError("weight '")
             << name << "' holds no values (" << constant.getValue()
             << "): a project's model.mlir elides large tensors; emit from the full IR "
                "(eecc --emit=mlir, --save-intermediate, or eecc-opt's output)";
    emitWeight(constant);
    return success();
  }
  Value result = op.getResult(0);
  int64_t count = elementCount(result);
  // The layer library's kernels whose pipelined loop takes CONFIG::pipeline_ii.
  int64_t ii = 1;
  // The engine's binary word kernels take theirs as a template argument (operands and
  // result share the arena's ports).
  if ((isa<nn::Conv2DOp, nn::DenseOp, nn::MaxPool2DOp, nn::AvgPool2DOp, nn::GlobalAvgPoolOp>(op) &&
       !(engine && isa<nn::Conv2DOp, nn::DenseOp>(op))) ||
      (engine && isa<nn::AddOp, nn::SubOp, nn::MulOp>(op))) {
    FailureOr<int64_t> earned = earnedII(&op, name);
    if (failed(earned))
      return failure();
    ii = *earned;
  }
  if (fixed) {
    if (!op.hasAttr(hls::attrs::kType))
      return op.emitError("has no ") << hls::attrs::kType << "; run nn-quantize on every layer";
    types += fmt::format("typedef {} {}_t;\n", fixedType(op.getAttr(hls::attrs::kType)), name);
  }
  if (auto estimate = op.getAttrOfType<hls::EstimateAttr>("hls.estimate"))
    body += fmt::format("  // estimated: {} cycles, {} DSP, {} BRAM18, {} LUT, {} FF\n",
                        estimate.getCycles(), estimate.getDsp(), estimate.getBram18(),
                        estimate.getLut(), estimate.getFf());
  if (!engine)
    body += fmt::format("  static {} {}[{}];\n", typeOf(result), name, count);
  // Engine binding: feature maps are words of the arena; each call names its types.
  const std::string out = engine ? word(result) : name;
  auto noBias = [&](Value weight) {
    return fmt::format("static_cast<const {} *>(nullptr)", storageOf(weight));
  };
  auto shape = [](Value value) { return cast<ShapedType>(value.getType()).getShape(); };
  auto recipTypedef = [&](Operation *pool) {
    return fmt::format("  typedef {} recip_t;\n",
                       fixed ? fixedType(pool->getAttr(hls::attrs::kReciprocalType)) : "float");
  };
  return llvm::TypeSwitch<Operation *, LogicalResult>(&op)
      .Case([&](nn::Conv2DOp conv) {
        if (engine) {
          if (failed(emitMacDescriptor(conv)))
            return failure();
          body += fmt::format("  eecc_engine::mac_engine<{}, {}, {}, {}{}>({}_layer, {}, {}, {});\n",
                              engineArgs, weightPorts, sweepII, loadII, engineInstance, name,
                              word(conv.getInput()), enginePorts(), out);
          return success();
        }
        auto in = shape(conv.getInput()), w = shape(conv.getWeight()), out = shape(result);
        auto s = conv.getStrides(), p = conv.getPads(), d = conv.getDilations();
        configs += fmt::format(
            "struct {}_config {{\n  static const int in_channels = {}, in_height = {}, in_width = {};\n"
            "  static const int filters = {}, groups = {}, group_channels = {};\n"
            "  static const int kernel_height = {}, kernel_width = {};\n"
            "  static const int stride_height = {}, stride_width = {};\n"
            "  static const int pad_top = {}, pad_left = {}, pad_bottom = {}, pad_right = {};\n"
            "  static const int dilation_height = {}, dilation_width = {};\n"
            "  static const int out_height = {}, out_width = {};\n"
            "  static const bool has_bias = {};\n  static const int pipeline_ii = {};\n"
            "{}}};\n\n",
            name, in[1], in[2], in[3], w[0], static_cast<int64_t>(conv.getGroups()), w[1], w[2],
            w[3], s[0], s[1], p[0], p[1], p[2], p[3], d[0], d[1], out[2], out[3],
            conv.getBias() ? "true" : "false", ii, accumTypedef(conv) + weightTypedefs(conv));
        body += fmt::format("  eecc_hls::conv2d<{}_config>({}, {}, {}, {});\n", name,
                            ref(conv.getInput()), ref(conv.getWeight()),
                            conv.getBias() ? ref(conv.getBias()) : noBias(conv.getWeight()), name);
        return success();
      })
      .Case([&](nn::DenseOp layer) {
        if (engine) {
          if (failed(emitMacDescriptor(layer)))
            return failure();
          body += fmt::format("  eecc_engine::mac_engine<{}, {}, {}, {}{}>({}_layer, {}, {}, {});\n",
                              engineArgs, weightPorts, sweepII, loadII, engineInstance, name,
                              word(layer.getInput()), enginePorts(), out);
          return success();
        }
        auto w = shape(layer.getWeight());
        configs += fmt::format("struct {}_config {{\n  static const int rows = {}, units = {}, "
                               "features = {};\n"
                               "  static const bool has_bias = {};\n  static const int pipeline_ii = {};\n"
                               "{}}};\n\n",
                               name, shape(layer.getInput())[0], w[0], w[1],
                               layer.getBias() ? "true" : "false", ii,
                               accumTypedef(layer) + weightTypedefs(layer));
        body += fmt::format("  eecc_hls::dense<{}_config>({}, {}, {}, {});\n", name,
                            ref(layer.getInput()), ref(layer.getWeight()),
                            layer.getBias() ? ref(layer.getBias()) : noBias(layer.getWeight()), name);
        return success();
      })
      .Case<nn::MaxPool2DOp, nn::AvgPool2DOp>([&](auto pool) {
        auto in = shape(pool.getInput()), out = shape(result);
        auto k = pool.getKernelShape(), s = pool.getStrides(), p = pool.getPads();
        int64_t dilations[2] = {1, 1};
        constexpr bool isMax = std::is_same_v<decltype(pool), nn::MaxPool2DOp>;
        bool countIncludePad = false;
        if constexpr (std::is_same_v<decltype(pool), nn::MaxPool2DOp>) {
          dilations[0] = pool.getDilations()[0];
          dilations[1] = pool.getDilations()[1];
        } else {
          countIncludePad = pool.getCountIncludePad();
        }
        configs += fmt::format(
            "struct {}_config {{\n  static const int channels = {}, in_height = {}, in_width = {};\n"
            "  static const int kernel_height = {}, kernel_width = {};\n"
            "  static const int stride_height = {}, stride_width = {};\n"
            "  static const int pad_top = {}, pad_left = {}, pad_bottom = {}, pad_right = {};\n"
            "  static const int dilation_height = {}, dilation_width = {};\n"
            "  static const int out_height = {}, out_width = {};\n"
            "  static const bool count_include_pad = {};\n  static const int pipeline_ii = {};\n"
            "{}}};\n\n",
            name, in[0] * in[1], in[2], in[3], k[0], k[1], s[0], s[1], p[0], p[1], p[2], p[3],
            dilations[0], dilations[1], out[2], out[3], countIncludePad ? "true" : "false", ii,
            isMax ? std::string() : accumTypedef(pool) + recipTypedef(pool));
        if (isMax && engine) {
          body += fmt::format("  eecc_engine::max_pool2d<{0}_config, {1}, {0}_t>({2}, {3});\n", name,
                              typeOf(pool.getInput()), word(pool.getInput()), word(result));
          return success();
        }
        if (isMax) {
          body += fmt::format("  eecc_hls::max_pool2d<{}_config>({}, {});\n", name,
                              ref(pool.getInput()), name);
          return success();
        }
        SmallVector<int64_t> divisors;
        for (int64_t d = 0; d <= k[0] * k[1]; ++d)
          divisors.push_back(d);
        emitReciprocals(pool, name, divisors);
        body += fmt::format("  eecc_hls::avg_pool2d<{0}_config>({1}, {0}, {0}_reciprocal);\n",
                            name, ref(pool.getInput()));
        return success();
      })
      .Case([&](nn::GlobalAvgPoolOp pool) {
        auto in = shape(pool.getInput());
        configs += fmt::format("struct {}_config {{\n  static const int channels = {}, area = {};\n"
                               "  static const int pipeline_ii = {};\n{}{}}};\n\n",
                               name, in[0] * in[1], in[2] * in[3], ii, accumTypedef(pool),
                               recipTypedef(pool));
        emitReciprocals(pool, name, {in[2] * in[3]});
        if (engine)
          body += fmt::format(
              "  eecc_engine::global_avg_pool<{0}_config, {1}, {0}_t>({2}, {3}, {0}_reciprocal);\n",
              name, typeOf(pool.getInput()), word(pool.getInput()), out);
        else
          body += fmt::format("  eecc_hls::global_avg_pool<{0}_config>({1}, {0}, {0}_reciprocal);\n",
                              name, ref(pool.getInput()));
        return success();
      })
      .Case([&](nn::ReluOp relu) {
        if (engine)
          body += fmt::format("  eecc_engine::relu<{}, {}, {}_t>({}, {});\n", count,
                              typeOf(relu.getInput()), name, word(relu.getInput()), out);
        else
          body += fmt::format("  eecc_hls::relu<{}>({}, {});\n", count, ref(relu.getInput()), name);
        return success();
      })
      .Case([&](nn::LeakyReluOp relu) {
        body += fmt::format("  eecc_hls::leaky_relu<{}>({}, {}, {});\n", count, ref(relu.getInput()),
                            name, floatLiteral(relu.getAlpha().convertToFloat()));
        return success();
      })
      .Case([&](nn::ClipOp clip) {
        std::string low = floatLiteral(clip.getMin().convertToFloat());
        std::string high = floatLiteral(clip.getMax().convertToFloat());
        if (fixed) { // exact values of the input's type (clamped to its range)
          numerics::FixedFormat format =
              numerics::toFixedFormat(hls::fixedFormatOf(clip.getInput()));
          low = fixedLiteral(numerics::clipBoundRaw(clip.getMin().convertToFloat(), format), format.frac());
          high = fixedLiteral(numerics::clipBoundRaw(clip.getMax().convertToFloat(), format), format.frac());
        }
        if (engine)
          body += fmt::format("  eecc_engine::clip<{}, {}, {}_t>({}, {}, {}, {});\n", count,
                              typeOf(clip.getInput()), name, word(clip.getInput()), out, low, high);
        else
          body += fmt::format("  eecc_hls::clip<{}>({}, {}, {}, {});\n", count, ref(clip.getInput()),
                              name, low, high);
        return success();
      })
      .Case([&](nn::BatchNormOp norm) {
        auto in = shape(norm.getInput());
        int64_t inner = 1;
        for (size_t i = 2; i < in.size(); ++i)
          inner *= in[i];
        body += fmt::format("  eecc_hls::batch_norm<{}, {}, {}>({}, {}, {}, {}, {}, {}, {});\n", count,
                            in[1], inner, ref(norm.getInput()), ref(norm.getScale()),
                            ref(norm.getBias()), ref(norm.getMean()), ref(norm.getVariance()),
                            floatLiteral(norm.getEpsilon().convertToFloat()), name);
        return success();
      })
      .Case([&](nn::LRNOp lrn) {
        auto in = shape(lrn.getInput());
        if (engine)
          body += fmt::format("  eecc_engine::lrn<{}, {}, {}, {}, {}_t>({}, {}, {}, {}, {});\n", in[1],
                              in[2] * in[3], static_cast<int64_t>(lrn.getSize()),
                              typeOf(lrn.getInput()), name, word(lrn.getInput()), out,
                              floatLiteral(lrn.getAlpha().convertToFloat()),
                              floatLiteral(lrn.getBeta().convertToFloat()),
                              floatLiteral(lrn.getBias().convertToFloat()));
        else
          body += fmt::format("  eecc_hls::lrn<{}, {}, {}>({}, {}, {}, {}, {});\n", in[1], in[2] * in[3],
                              static_cast<int64_t>(lrn.getSize()), ref(lrn.getInput()), name,
                              floatLiteral(lrn.getAlpha().convertToFloat()),
                              floatLiteral(lrn.getBeta().convertToFloat()),
                              floatLiteral(lrn.getBias().convertToFloat()));
        return success();
      })
      .Case<nn::AddOp, nn::SubOp, nn::MulOp>([&](Operation *binaryOp) {
        Value lhs = binaryOp->getOperand(0), rhs = binaryOp->getOperand(1);
        auto out = shape(result);
        auto strides = [&](ArrayRef<int64_t> dims) {
          SmallVector<int64_t> values(out.size(), 0);
          int64_t stride = 1;
          for (size_t i = 0; i < dims.size(); ++i) {
            size_t axis = dims.size() - 1 - i, outAxis = out.size() - 1 - i;
            values[outAxis] = dims[axis] == 1 ? 0 : stride;
            stride *= dims[axis];
          }
          return values;
        };
        SmallVector<int64_t> operandStrides = strides(shape(lhs));
        operandStrides.append(strides(shape(rhs)));
        body += fmt::format("  static const int {0}_shape[] = {{{1}}};\n"
                            "  static const int {0}_strides[] = {{{2}}}; // left operand's, right operand's\n",
                            name, intList(out), intList(operandStrides));
        const char *kind = isa<nn::AddOp>(binaryOp)   ? "eecc_hls::BINARY_ADD"
                           : isa<nn::SubOp>(binaryOp) ? "eecc_hls::BINARY_SUB"
                                                      : "eecc_hls::BINARY_MUL";
        if (engine && isa<nn::AddOp>(binaryOp))
          body += fmt::format("  eecc_engine::add<{1}, {2}, {3}, {4}, {0}_t, {8}>({5}, {6}, {7}, "
                              "{0}_shape, {0}_strides);\n",
                              name, count, out.size(), typeOf(lhs), typeOf(rhs), operandWords(lhs),
                              operandWords(rhs), word(result), ii);
        else if (engine)
          body += fmt::format("  eecc_engine::binary<{1}, {2}, {8}, {3}, {4}, {0}_t, {9}>({5}, {6}, "
                              "{7}, {0}_shape, {0}_strides);\n",
                              name, count, out.size(), typeOf(lhs), typeOf(rhs), operandWords(lhs),
                              operandWords(rhs), word(result), kind, ii);
        else
          body += fmt::format("  eecc_hls::binary<{1}, {2}, {5}>({3}, {4}, {0}, {0}_shape, "
                              "{0}_strides);\n",
                              name, count, out.size(), ref(lhs), ref(rhs), kind);
        return success();
      })
      .Case<nn::SigmoidOp, nn::TanhOp>([&](Operation *activation) {
        Value input = activation->getOperand(0);
        if (!fixed) {
          body += fmt::format("  eecc_hls::{}<{}>({}, {});\n",
                              isa<nn::SigmoidOp>(activation) ? "sigmoid" : "tanh", count,
                              ref(input), name);
          return success();
        }
        numerics::FixedFormat in = numerics::toFixedFormat(hls::fixedFormatOf(input));
        numerics::FixedFormat outFormat = numerics::toFixedFormat(activation->getAttr(hls::attrs::kType));
        numerics::ActivationTable table =
            numerics::activationTable(numerics::tableFunctionOf(activation), in, outFormat);
        std::string entries;
        for (auto [index, raw] : llvm::enumerate(table.entries))
          entries += std::string(index ? (index % 8 ? ", " : ",\n    ") : "") +
                     fixedLiteral(raw, outFormat.frac());
        configs += fmt::format("// {}({}_t) at the middle of each of its {} input steps of 2^{}\n"
                               "static const {}_t {}_table[{}] = {{\n    {}}};\n\n",
                               isa<nn::SigmoidOp>(activation) ? "sigmoid" : "tanh", name,
                               table.entries.size(), -table.stepBits, name, name,
                               table.entries.size(), entries);
        std::string args = fmt::format("{}, {}, {}LL, {}", count, table.shift, table.first,
                                       table.entries.size());
        if (engine)
          body += fmt::format("  eecc_engine::table_activation<{}, {}, {}_t>({}, {}, {}_table);\n",
                              args, typeOf(input), name, word(input), out, name);
        else
          body += fmt::format("  eecc_hls::table_activation<{}>({}, {}, {}_table);\n", args,
                              ref(input), name, name);
        return success();
      })
      .Case([&](nn::SliceOp slice) {
        // A box of the input: the transpose kernel's walk with the input's own strides,
        // from the box's first element.
        auto in = shape(slice.getInput()), out = shape(result);
        SmallVector<int64_t> identity;
        for (size_t axis = 0; axis < in.size(); ++axis)
          identity.push_back(static_cast<int64_t>(axis));
        SmallVector<int64_t> inStrides = permutedStrides(in, identity);
        int64_t base = 0;
        for (auto [offset, stride] : llvm::zip(slice.getOffsets(), inStrides))
          base += offset * stride;
        // A slice along one axis (every Split output): blocks of contiguous values, the
        // addresses from counters.
        SmallVector<int64_t> cut;
        for (size_t axis = 0; axis < in.size(); ++axis)
          if (in[axis] != out[axis])
            cut.push_back(static_cast<int64_t>(axis));
        if (cut.size() <= 1) {
          int64_t axis = cut.empty() ? 0 : cut.front();
          AxisSplit whole = splitAtAxis(in, axis), part = splitAtAxis(out, axis);
          std::string args = fmt::format("{}, {}, {}", part.outer, part.length * part.inner,
                                         whole.length * whole.inner);
          if (engine)
            body += fmt::format("  eecc_engine::slice_part<{}, {}, {}_t>({} + {}, {});\n", args,
                                typeOf(slice.getInput()), name, word(slice.getInput()), base,
                                word(result));
          else
            body += fmt::format("  eecc_hls::slice_part<{}>({} + {}, {});\n", args,
                                ref(slice.getInput()), base, name);
          return success();
        }
        body += fmt::format("  static const int {0}_out_shape[] = {{{1}}};\n"
                            "  static const int {0}_strides[] = {{{2}}};\n",
                            name, intList(out), intList(inStrides));
        if (engine)
          body += fmt::format("  eecc_engine::slice<{}, {}, {}, {}_t>({} + {}, {}, {}_out_shape, "
                              "{}_strides);\n",
                              count, out.size(), typeOf(slice.getInput()), name,
                              word(slice.getInput()), base, word(result), name, name);
        else
          body += fmt::format("  eecc_hls::transpose<{}, {}>({} + {}, {}, {}_out_shape, {}_strides);\n",
                              count, out.size(), ref(slice.getInput()), base, name, name, name);
        return success();
      })
      .Case([&](nn::PadOp pad) {
        auto in = shape(pad.getInput()), out = shape(result);
        body += fmt::format("  static const int {0}_in_shape[] = {{{1}}};\n"
                            "  static const int {0}_out_shape[] = {{{2}}};\n"
                            "  static const int {0}_begin[] = {{{3}}};\n",
                            name, intList(in), intList(out),
                            intList(pad.getPads().take_front(in.size())));
        const int mode = static_cast<int>(*parsePadMode(pad.getMode()));
        const std::string value = floatLiteral(pad.getValue().convertToFloat());
        if (engine)
          body += fmt::format("  eecc_engine::pad<{1}, {2}, {3}, {4}, {0}_t>({5}, {6}, {0}_in_shape, "
                              "{0}_out_shape, {0}_begin, {7});\n",
                              name, count, in.size(), mode, typeOf(pad.getInput()),
                              word(pad.getInput()), word(result), value);
        else
          body += fmt::format("  eecc_hls::pad<{1}, {2}, {3}>({4}, {0}, {0}_in_shape, {0}_out_shape, "
                              "{0}_begin, {5});\n",
                              name, count, in.size(), mode, ref(pad.getInput()), value);
        return success();
      })
      .Case([&](nn::TransposeOp transpose) {
        auto in = shape(transpose.getInput()), out = shape(result);
        body += fmt::format("  static const int {0}_out_shape[] = {{{1}}};\n"
                            "  static const int {0}_strides[] = {{{2}}};\n"
                            "  eecc_hls::transpose<{3}, {4}>({5}, {0}, {0}_out_shape, {0}_strides);\n",
                            name, intList(out),
                            intList(permutedStrides(in, transpose.getPerm())), count, out.size(),
                            ref(transpose.getInput()));
        return success();
      })
      .Case<nn::FlattenOp, nn::ReshapeOp>([&](auto reshape) {
        if (engine) // a view of its input's words
          body += fmt::format("  // {}: a view of {} (no copy)\n", name, word(reshape.getInput()));
        else
          body += fmt::format("  eecc_hls::copy<{}>({}, {});\n", count, ref(reshape.getInput()), name);
        return success();
      })
      .Case([&](nn::ConcatOp concat) {
        int64_t axis = static_cast<int64_t>(concat.getAxis());
        AxisSplit split = splitAtAxis(shape(result), axis);
        int64_t offset = 0;
        for (Value input : concat.getInputs()) {
          int64_t chunk = splitAtAxis(shape(input), axis).length * split.inner;
          body += fmt::format("  eecc_hls::concat_part<{}, {}, {}>({}, {}, {});\n", split.outer,
                              chunk, split.length * split.inner, ref(input), name, offset);
          offset += chunk;
        }
        return success();
      })
      .Case([&](nn::SoftmaxOp softmax) -> LogicalResult {
        auto in = shape(softmax.getInput());
        int64_t axis = static_cast<int64_t>(softmax.getAxis());
        auto split = splitAtAxis(in, axis);
        body += fmt::format("  eecc_hls::softmax<{}, {}, {}>({}, {});\n", split.outer, split.length,
                            split.inner, ref(softmax.getInput()), name);
        return success();
      })
      .Case([&](nn::LogSoftmaxOp logSoftmax) -> LogicalResult {
        auto split = splitAtAxis(shape(logSoftmax.getInput()),
                                 static_cast<int64_t>(logSoftmax.getAxis()));
        body += fmt::format("  eecc_hls::log_softmax<{}, {}, {}>({}, {});\n", split.outer,
                            split.length, split.inner, ref(logSoftmax.getInput()), name);
        return success();
      })
      .Default([&](Operation *other) -> LogicalResult {
        return other->emitError("the HLS emitter does not support ") << other->getName()
                                                                     << " yet";
      });
}

/// The exit decision unit's call on `logits` (division-free in fixed point).
std::string NetworkEmitter::decisionExpression(ee::ExitOp exit, StringRef logits) {
  int64_t classes = elementCount(exit.getLogits());
  const char *criterion = *exit.getCriterion() == ee::Criterion::entropy ? "CRITERION_ENTROPY"
                          : *exit.getCriterion() == ee::Criterion::max_softmax
                              ? "CRITERION_MAX_SOFTMAX"
                              : "CRITERION_MARGIN";
  double threshold = exit.getThreshold()->convertToDouble();
  if (fixed)
    return fmt::format("eecc_hls::exit_decision_fixed<{}, {}, {}, {}, {}, {}, exit_index_t>({}, "
                       "eecc_hls::{}, {}LL, eecc_exit_exp_coarse, eecc_exit_exp_fine, "
                       "eecc_exit_log, {}LL{})",
                       classes, numerics::ExitUnit::kIndexFracBits, numerics::ExitUnit::kFineBits,
                       numerics::ExitUnit::kCoarseSize, numerics::ExitUnit::kOneBits,
                       numerics::ExitUnit::kLogTableBits, logits, criterion,
                       numerics::ExitUnit::quantizeThreshold(threshold), numerics::ExitUnit::ln2(),
                       exit.getStrict() ? ", true" : "");
  return fmt::format("eecc_hls::exit_decision<{}>({}, eecc_hls::{}, {:.17g}{})", classes, logits,
                     criterion, threshold, exit.getStrict() ? ", true" : "");
}

/// The top function's buffers of a stage's results (stage_<j>_out<k>), named for the ops
/// that read them.
void NetworkEmitter::declareStageOutputs(ee::StageOp stage,
                                         llvm::DenseMap<Value, std::string> &networkNames,
                                         std::string &top, SmallVectorImpl<std::string> &buffers) {
  for (auto [index, result] : llvm::enumerate(stage.getResults())) {
    std::string buffer =
        fmt::format("stage_{}_out{}", static_cast<int64_t>(stage.getIndex()), index);
    top += fmt::format("  static {} {}[{}];\n", typeOf(result), buffer, elementCount(result));
    networkNames[result] = buffer;
    buffers.push_back(buffer);
  }
}

/// A parallel exit: its classifier and decision (a task) beside the next backbone stage
/// (a second task) in a DATAFLOW region; the decision goes to the stage through an abort
/// channel the stage polls between layers. Writes the region's call into `top`.
LogicalResult NetworkEmitter::emitParallelExit(ee::ExitOp exit, ee::StageOp stage,
                                               StringRef decision,
                                               llvm::DenseMap<Value, std::string> &networkNames,
                                               std::string &top) {
  int64_t index = static_cast<int64_t>(exit.getIndex());
  std::string exitName = fmt::format("exit_{}", index);
  std::string stageName = fmt::format("stage_{}", static_cast<int64_t>(stage.getIndex()));
  if (failed(emitRegion(stage.getBody(), stageName, stage.getResults(), /*abortable=*/true)))
    return failure();
  int64_t classes = elementCount(exit.getLogits());
  std::string logitType = typeOf(exit.getLogits());

  // The exit's task: classifier, decision, flag.
  std::string taskParams, taskArgs;
  for (auto [position, input] : llvm::enumerate(exit.getInputs())) {
    taskParams += fmt::format("const {} in{}[{}], ", typeOf(input), position, elementCount(input));
    taskArgs += fmt::format("in{}, ", position);
  }
  functions += fmt::format(
      "static void {0}_task({1}{2} logits[{3}], eecc_hls::abort_stream &abort, bool *taken) {{\n"
      "  {0}({4}logits);\n  const bool confident = {5};\n  *taken = confident;\n"
      "  abort.write(confident); // exactly one token per sample\n}}\n\n",
      exitName, taskParams, logitType, classes, taskArgs, decision);

  // The region: every input once; inputs both tasks read are forked into two copies.
  SmallVector<Value> inputs(exit.getInputs().begin(), exit.getInputs().end());
  for (Value input : stage.getOperands())
    if (!llvm::is_contained(inputs, input))
      inputs.push_back(input);
  std::string params, regionBody, exitArgs, stageArgs, topArgs;
  for (auto [position, input] : llvm::enumerate(inputs)) {
    std::string local = fmt::format("in{}", position);
    params += fmt::format("const {} {}[{}], ", typeOf(input), local, elementCount(input));
    topArgs += networkNames.lookup(input) + ", ";
    // Read by both tasks: one copy each (in<k>_exit, in<k>_stage).
    if (llvm::is_contained(exit.getInputs(), input) && llvm::is_contained(stage.getOperands(), input))
      regionBody += fmt::format("  EECC_CHANNEL {0} {1}_exit[{2}], {1}_stage[{2}];\n"
                                "  eecc_hls::fork<{2}>({1}, {1}_exit, {1}_stage);\n",
                                typeOf(input), local, elementCount(input));
  }
  for (Value input : exit.getInputs()) {
    size_t position = llvm::find(inputs, input) - inputs.begin();
    exitArgs += fmt::format("in{}{}, ", position,
                            llvm::is_contained(stage.getOperands(), input) ? "_exit" : "");
  }
  for (Value input : stage.getOperands()) {
    size_t position = llvm::find(inputs, input) - inputs.begin();
    stageArgs += fmt::format("in{}{}, ", position,
                             llvm::is_contained(exit.getInputs(), input) ? "_stage" : "");
  }
  std::string outputParams, outputArgs;
  for (auto [position, result] : llvm::enumerate(stage.getResults())) {
    outputParams += fmt::format(", {} out{}[{}]", typeOf(result), position, elementCount(result));
    outputArgs += fmt::format(", out{}", position);
  }
  SmallVector<std::string> buffers;
  declareStageOutputs(stage, networkNames, top, buffers);
  functions += fmt::format(
      "// exit {0}: parallel. Its kernels run beside {1}, which polls the decision between\n"
      "// layers and is abandoned when the exit is taken.\n"
      "static void parallel_{0}({2}{3} exit_logits[{4}]{5}, bool *taken) {{\n"
      "EECC_PRAGMA(HLS DATAFLOW)\n  eecc_hls::abort_stream abort;\n"
      "EECC_PRAGMA(HLS STREAM variable = abort depth = 2)\n{6}"
      "  {7}_task({8}exit_logits, abort, taken);\n  {1}({9}{10}, abort);\n}}\n\n",
      index, stageName, params, logitType, classes, outputParams, regionBody, exitName, exitArgs,
      stageArgs, outputArgs.empty() ? "" : outputArgs.substr(2));
  top += fmt::format("  // exit {0}: parallel (beside {1}, which it aborts when taken)\n"
                     "  static {2} {3}_logits[{4}];\n  bool {3}_taken = false;\n"
                     "  parallel_{0}({5}{3}_logits, {6}, &{3}_taken);\n",
                     index, stageName, logitType, exitName, classes, topArgs, llvm::join(buffers, ", "));
  return success();
}

LogicalResult NetworkEmitter::emitRegion(Region &region, StringRef functionName,
                                         ValueRange results, bool abortable) {
  Block &block = region.front();
  regionNames.clear();
  body.clear();
  std::string signature;
  for (auto [index, argument] : llvm::enumerate(block.getArguments())) {
    regionNames[argument] = fmt::format("in{}", index);
    signature += fmt::format("{}const {} in{}[{}]", index ? ", " : "", typeOf(argument), index,
                             elementCount(argument));
  }
  for (auto [index, value] : llvm::enumerate(results))
    signature += fmt::format(", {} out{}[{}]", typeOf(value), index, elementCount(value));
  if (abortable) {
    signature += ", eecc_hls::abort_stream &abort";
    body += "  bool abort_received = false, abort_raised = false;\n";
  }
  for (Operation &op : block) {
    // A stage beside a parallel exit stops at the first layer boundary after the exit
    // is taken (its results are then never read).
    if (abortable && !isa<ee::YieldOp>(op) && !isa<arith::ConstantOp>(op))
      body += "  if (eecc_hls::abort_poll(abort, abort_received, abort_raised))\n    return;\n";
    if (auto yield = dyn_cast<ee::YieldOp>(op)) {
      for (auto [index, value] : llvm::enumerate(yield.getValues()))
        body += fmt::format("  eecc_hls::copy<{}>({}, out{});\n", elementCount(value), ref(value),
                            index);
      if (abortable)
        body += "  eecc_hls::abort_drain(abort, abort_received); // the token, once per sample\n";
      continue;
    }
    if (failed(emitLayer(op)))
      return failure();
  }
  functions += fmt::format("static void {}({}) {{\n{}}}\n\n", functionName, signature, body);
  return success();
}

LogicalResult NetworkEmitter::emit(StringRef modelName, std::vector<ProjectFile> &files) {
  Block &block = network.getBody().front();
  if (block.getNumArguments() != 1)
    return network.emitError("the HLS emitter supports networks with one input");
  int64_t inputSize = elementCount(block.getArgument(0));
  int64_t maxClasses = 0;
  SmallVector<ee::ExitOp> exits = ee::getExits(network);
  for (ee::ExitOp exit : exits)
    maxClasses = std::max(maxClasses, elementCount(exit.getLogits()));

  // Stage and exit functions, then the top function that chains them.
  std::string top;
  llvm::DenseMap<Value, std::string> networkNames;
  networkNames[block.getArgument(0)] = fixed ? "input_q" : "input";
  if (fixed)
    top += fmt::format("  static input_t input_q[{0}];\n  for (int i = 0; i < {0}; ++i)\n"
                       "    input_q[i] = input_t(input[i]);\n",
                       inputSize);
  SmallVector<Operation *> ops = llvm::to_vector(llvm::make_pointer_range(block));
  for (size_t position = 0; position < ops.size(); ++position) {
    Operation &op = *ops[position];
    SmallVector<std::string> args;
    for (Value operand : op.getOperands())
      args.push_back(networkNames.lookup(operand));
    if (auto stage = dyn_cast<ee::StageOp>(op)) {
      std::string name = fmt::format("stage_{}", static_cast<int64_t>(stage.getIndex()));
      if (failed(emitRegion(stage.getBody(), name, stage.getResults())))
        return failure();
      declareStageOutputs(stage, networkNames, top, args);
      top += fmt::format("  {}({});\n", name, llvm::join(args, ", "));
      continue;
    }
    auto exit = cast<ee::ExitOp>(op);
    int64_t index = static_cast<int64_t>(exit.getIndex());
    int64_t classes = elementCount(exit.getLogits());
    std::string name = fmt::format("exit_{}", index);
    if (failed(emitRegion(exit.getBody(), name, exit.getLogits())))
      return failure();
    std::string finish = fmt::format("eecc_hls::finish<{}, EECC_MAX_CLASSES>({}, {}_logits, exit_id, "
                                     "predicted_class, logits);\n",
                                     classes, index, name);
    // The exit's classifier on its own, into exit_<i>_logits (pipeline and final exits).
    auto callExit = [&] {
      top += fmt::format("  static {3} {0}_logits[{1}];\n  {0}({2}, {0}_logits);\n", name, classes,
                         llvm::join(args, ", "), typeOf(exit.getLogits()));
    };
    if (exit.getFinal()) {
      callExit();
      top += "  " + finish;
      continue;
    }
    if (!exit.getCriterion() || !exit.getThreshold()) {
      callExit();
      top += fmt::format("  // exit {} has no threshold: it is never taken\n", index);
      continue;
    }
    std::string decision = decisionExpression(exit, name + "_logits");
    auto next = position + 1 < ops.size() ? dyn_cast<ee::StageOp>(ops[position + 1]) : nullptr;
    if (exit.getPlacement() != ee::Placement::parallel || !next) {
      // Pipeline: the exit classifier and its decision in series, before the next stage.
      top += fmt::format("  // exit {}: pipeline (in series with the backbone)\n", index);
      callExit();
      top += fmt::format("  if ({}) {{\n    {}    return;\n  }}\n", decision, finish);
      continue;
    }
    if (failed(emitParallelExit(exit, next, decisionExpression(exit, "logits"), networkNames, top)))
      return failure();
    top += fmt::format("  if ({}_taken) {{\n    {}    return;\n  }}\n", name, finish);
    ++position; // the next stage ran inside the parallel region
  }

  std::string model = commentText(modelName);
  files.push_back({"hls/eecc_top.h",
                   fillSkeleton("eecc_top.h",
                                {{"MODEL", model},
                                 {"INPUT_SIZE", std::to_string(inputSize)},
                                 {"NUM_EXITS", std::to_string(exits.size())},
                                 {"MAX_CLASSES", std::to_string(maxClasses)},
                                 {"INPUT_CONVERSION", fixed ? ", quantized to input_t on entry" : ""}})});
  files.push_back({"hls/eecc_types.h", fixed ? fixedTypesHeader() : fillSkeleton("eecc_types_float.h", {})});
  files.push_back(
      {"hls/eecc_top.cpp",
       fillSkeleton("eecc_top.cpp", {{"MODEL", model},
                                     {"EXIT_TABLES_INCLUDE", fixed ? "#include \"eecc_exit_tables.h\"\n" : ""},
                                     {"CONFIGS", configs},
                                     {"FUNCTIONS", functions},
                                     {"BODY", top}})});
  std::string weightsHeader =
      std::string("// weights.h: every weight and bias of the network (") +
      (fixed ? "the exact values of their ap_fixed formats" : "float32, exact decimal") +
      ").\n#ifndef EECC_WEIGHTS_H\n#define EECC_WEIGHTS_H\n\n#include \"eecc_types.h\"\n\n";
  weightsHeader.reserve(weightsHeader.size() + weights.size() + 32);
  weightsHeader += weights;
  weights = std::string(); // the one copy of the text is the file's
  weightsHeader += "#endif // EECC_WEIGHTS_H\n";
  files.push_back({"hls/weights.h", std::move(weightsHeader)});
  if (fixed)
    files.push_back({"hls/eecc_exit_tables.h", exitTables()});
  for (const auto &entry : kTemplates)
    files.push_back({std::string("hls/") + entry[0], entry[1]});
  return success();
}

// ---------------------------------------------------------------------------------
// Engine binding: the engine design.
// ---------------------------------------------------------------------------------

std::string NetworkEmitter::weightParams() const {
  std::string params;
  for (int64_t p = 0; p < weightPorts; ++p)
    params += fmt::format("{}const short *weights{}", p ? ", " : "", p);
  return params;
}

std::string NetworkEmitter::weightArgs() const {
  std::string args;
  for (int64_t p = 0; p < weightPorts; ++p)
    args += fmt::format("{}weights{}", p ? ", " : "", p);
  return args;
}

std::string NetworkEmitter::enginePorts() const {
  std::string args;
  for (int64_t p = 0; p < 4; ++p)
    args += fmt::format("{}weights{}", p ? ", " : "", p < weightPorts ? p : 0);
  return args;
}

/// A feature map's words in the arena (hls-plan-memory's hls.arena_offset on its
/// producer, or on the network for its input).
std::string NetworkEmitter::word(Value value) {
  Value resolved = ee::resolveNetworkValue(value);
  Operation *owner = resolved.getDefiningOp();
  if (!owner)
    owner = network;
  auto offset = owner->getAttrOfType<IntegerAttr>(hls::attrs::kArenaOffset);
  return fmt::format("arena + {}", offset ? offset.getInt() : 0);
}

std::string NetworkEmitter::operandWords(Value value) {
  auto constant = ee::resolveNetworkValue(value).getDefiningOp<arith::ConstantOp>();
  if (!constant)
    return word(value);
  std::string name = cname(constant);
  if (constantRoms.insert(constant).second) {
    numerics::FixedFormat format = numerics::toFixedFormat(constant->getAttr(hls::attrs::kType));
    types += fmt::format("typedef {} {}_t;\n", format.cppType(), name);
    std::string words;
    int64_t index = 0;
    numerics::forEachFloat(cast<DenseElementsAttr>(constant.getValue()), [&](float value) {
      bool overflowed = false;
      words += (index++ % 8 ? ", " : (index > 1 ? ",\n    " : "\n    ")) +
               std::to_string(numerics::convertDouble(value, format, overflowed));
    });
    configs += fmt::format("// {} (raw words of {}_t)\nstatic const eecc_engine::word_t {}_words[{}] = {{{}}};\n\n",
                           commentText(isa<NameLoc>(constant.getLoc())
                                           ? cast<NameLoc>(constant.getLoc()).getName().getValue()
                                           : ""),
                           name, name, index, words);
  }
  return name + "_words";
}

/// The mac_layer descriptor of a conv2d or dense, and its weights and biases written to
/// the weight image at the words hls-plan-memory gave them.
LogicalResult NetworkEmitter::emitMacDescriptor(Operation *op) {
  auto shape = [](Value value) { return cast<ShapedType>(value.getType()).getShape(); };
  Value weight = op->getOperand(1);
  Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
  auto weightAt = op->getAttrOfType<IntegerAttr>(hls::attrs::kWeightOffset);
  auto biasAt = op->getAttrOfType<IntegerAttr>(hls::attrs::kBiasOffset);
  if (!weightAt || (bias && !biasAt))
    return op->emitError("has no slot in the weight image (run hls-plan-memory)");
  numerics::FixedFormat weightFormat = numerics::toFixedFormat(hls::fixedFormatOf(weight));
  numerics::FixedFormat accum = numerics::toFixedFormat(op->getAttr(hls::attrs::kAccumType));
  numerics::FixedFormat output = numerics::toFixedFormat(op->getAttr(hls::attrs::kType));
  // The image is sized by the plan (emitEngine); the verifier keeps every slot inside it.
  size_t cursor = 0;
  auto appendWord = [&](int64_t raw) {
    const uint16_t bits = static_cast<uint16_t>(raw);
    image[cursor++] = static_cast<char>(bits & 0xff);
    image[cursor++] = static_cast<char>(bits >> 8);
  };
  auto constantValues = [](Value value) {
    return cast<DenseElementsAttr>(cast<arith::ConstantOp>(value.getDefiningOp()).getValue());
  };
  const int64_t weightOffset = weightAt.getInt();
  cursor = 2 * static_cast<size_t>(weightOffset);
  DenseElementsAttr weights = constantValues(weight);
  bool overflowed = false;
  numerics::forEachFloat(weights, [&](float value) {
    appendWord(numerics::convertDouble(value, weightFormat, overflowed));
  });
  const int64_t biasOffset = biasAt ? biasAt.getInt() : weightOffset + weights.getNumElements();
  if (bias) { // the accumulator's raw value of each bias, 64 bits little-endian
    cursor = 2 * static_cast<size_t>(biasOffset);
    numerics::FixedFormat biasFormat = numerics::toFixedFormat(hls::fixedFormatOf(bias));
    numerics::forEachFloat(constantValues(bias), [&](float value) {
      int64_t raw = numerics::convertDouble(value, biasFormat, overflowed);
      uint64_t accumRaw =
          static_cast<uint64_t>(numerics::convertRaw(raw, biasFormat.frac(), accum, overflowed));
      for (int i = 0; i < 4; ++i)
        appendWord(static_cast<int64_t>((accumRaw >> (16 * i)) & 0xffff));
    });
  }
  std::string fields;
  if (auto conv = dyn_cast<nn::Conv2DOp>(op)) {
    auto in = shape(conv.getInput()), w = shape(weight), out = shape(conv.getResult());
    auto st = conv.getStrides(), p = conv.getPads(), d = conv.getDilations();
    fields = fmt::format("0, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, 0, 0",
                         in[1], in[2], in[3], w[0], static_cast<int64_t>(conv.getGroups()), w[1],
                         w[2], w[3], st[0], st[1], p[0], p[1], d[0], d[1], out[2], out[3]);
  } else {
    auto dense = cast<nn::DenseOp>(op);
    auto w = shape(weight);
    fields = fmt::format("1, 0, 0, 0, {}, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, {}, {}", w[0],
                         shape(dense.getInput())[0], w[1]);
  }
  auto quant = [](eecc::Quant q) {
    static const char *const names[] = {"TRN", "TRN_ZERO", "RND", "RND_ZERO",
                                        "RND_MIN_INF", "RND_INF", "RND_CONV"};
    return names[static_cast<int>(q)];
  };
  auto overflow = [](eecc::Overflow o) {
    static const char *const names[] = {"WRAP", "SAT", "SAT_ZERO", "SAT_SYM"};
    return names[static_cast<int>(o)];
  };
  configs += fmt::format(
      "// {0}: weights at word {2} of the image, {3}\n"
      "static const eecc_engine::mac_layer {0}_layer = {{{1}, {4}, {2}L, {5}L, {6}, {7}, "
      "{{{8}, {9}, eecc::Quant::{10}, eecc::Overflow::{11}}}}};\n\n",
      cname(op), fields, weightOffset,
      bias ? fmt::format("biases at word {}", biasOffset) : std::string("no bias"),
      bias ? 1 : 0, biasOffset, accum.width, accum.frac(), output.width, output.frac(),
      quant(output.quant), overflow(output.overflow));
  return success();
}

LogicalResult NetworkEmitter::emitEngineRegion(Region &region, StringRef functionName,
                                               const EngineShape &shape) {
  body.clear();
  engineArgs = shape.args();
  engineInstance = shape.instance ? fmt::format(", {}", shape.instance) : std::string();
  for (Operation &op : region.front()) {
    if (isa<ee::YieldOp, arith::ConstantOp>(op))
      continue; // results stay where they are in the arena; weights are in the image
    if (failed(emitLayer(op)))
      return failure();
  }
  const bool macs = llvm::any_of(region.front(), [](Operation &op) {
    return isa<nn::Conv2DOp, nn::DenseOp>(op);
  });
  std::string unused;
  for (int64_t p = 0; !macs && p < weightPorts; ++p)
    unused += fmt::format("  (void)weights{}; // no MAC layer here\n", p);
  functions += fmt::format("static void {}({}) {{\n{}{}}}\n\n", functionName, weightParams(),
                           unused, body);
  return success();
}

EngineShape tilesOf(Operation *op, EngineShape fallback) {
  if (auto tiles = op->getAttrOfType<DenseI64ArrayAttr>(hls::attrs::kEngineTiles))
    if (tiles.size() == 2) {
      fallback.tileM = tiles[0];
      fallback.tileN = tiles[1];
    }
  return fallback;
}

LogicalResult NetworkEmitter::emitEngine(StringRef modelName, std::vector<ProjectFile> &files) {
  engine = true;
  auto arenaWords = network->getAttrOfType<IntegerAttr>(hls::attrs::kArenaWords);
  auto imageWords = network->getAttrOfType<IntegerAttr>(hls::attrs::kWeightImageWords);
  if (!arenaWords || !imageWords)
    return network.emitError("the engine design needs its memory plan (run hls-plan-memory)");
  image.assign(2 * static_cast<size_t>(imageWords.getInt()), '\0');
  if (auto ports = network->getAttrOfType<IntegerAttr>(hls::attrs::kWeightPorts))
    weightPorts = std::clamp<int64_t>(ports.getInt(), 1, 4);
  Block &block = network.getBody().front();
  if (block.getNumArguments() != 1)
    return network.emitError("the HLS emitter supports networks with one input");
  Value input = block.getArgument(0);
  int64_t inputSize = elementCount(input);
  SmallVector<ee::ExitOp> exits = ee::getExits(network);
  int64_t maxClasses = 0;
  for (ee::ExitOp exit : exits)
    maxClasses = std::max(maxClasses, elementCount(exit.getLogits()));

  // The backbone's engine serves the stages and every exit, in series. hls-bind never
  // leaves a parallel exit in engine binding (the exit and the next stage would share
  // the one arena: not a canonical DATAFLOW region).
  for (Operation &op : block)
    if (auto exit = dyn_cast<ee::ExitOp>(op);
        exit && !exit.getFinal() && exit.getPlacement() == ee::Placement::parallel)
      return exit.emitOpError("is placed parallel in engine binding, which hls-bind refuses");
  if (!design)
    return network.emitError("has no hls.design to print its directives from (run ee-to-hls "
                             "and hls-set-directives)");
  EngineShape backbone = tilesOf(network.getOperation(), {});
  // The partial sums: Tm banks of the largest output plane (the design's memory).
  if (auto psum = dyn_cast_or_null<hls::MemoryOp>(designSymbols->lookup("partial_sums")))
    backbone.maxPixels = std::max<int64_t>(1, psum.getWordsAttr().getInt() / backbone.tileM);
  // The sweep's and the load's II: the largest any MAC layer's kernel earned (one engine,
  // one pragma each).
  for (auto kernel : design.getBody().front().getOps<hls::KernelOp>())
      if (kernel.getUnit() == "mac_engine") {
        FailureOr<int64_t> earned = earnedII(network, kernel.getSymName(), "sweep");
        FailureOr<int64_t> load = earnedII(network, kernel.getSymName(), "load");
        if (failed(earned) || failed(load))
          return failure();
        sweepII = std::max(sweepII, *earned);
        loadII = std::max(loadII, *load);
      }

  std::string top = fmt::format("  eecc_engine::load_input<{}, input_t>(input, {});\n", inputSize,
                                word(input));
  auto readLogits = [&](ee::ExitOp exit, StringRef name) {
    return fmt::format("  static {0} {1}_logits[{2}];\n"
                       "  eecc_engine::read_logits<{2}, {0}>({3}, {1}_logits);\n",
                       typeOf(exit.getLogits()), name, elementCount(exit.getLogits()),
                       word(exit.getLogits()));
  };
  for (Operation &op : block) {
    if (auto stage = dyn_cast<ee::StageOp>(op)) {
      std::string name = fmt::format("stage_{}", static_cast<int64_t>(stage.getIndex()));
      if (failed(emitEngineRegion(stage.getBody(), name, backbone)))
        return failure();
      top += fmt::format("  {}({});\n", name, weightArgs());
      continue;
    }
    auto exit = cast<ee::ExitOp>(op);
    int64_t index = static_cast<int64_t>(exit.getIndex());
    int64_t classes = elementCount(exit.getLogits());
    std::string name = fmt::format("exit_{}", index);
    std::string finish = fmt::format("eecc_hls::finish<{}, EECC_MAX_CLASSES>({}, {}_logits, exit_id, "
                                     "predicted_class, logits);\n",
                                     classes, index, name);
    if (failed(emitEngineRegion(exit.getBody(), name, backbone)))
      return failure();
    if (exit.getFinal()) {
      top += fmt::format("  {}({});\n{}  {}", name, weightArgs(), readLogits(exit, name), finish);
      continue;
    }
    if (!exit.getCriterion() || !exit.getThreshold()) {
      top += fmt::format("  {0}({2});\n  // exit {1} has no threshold: it is never taken\n",
                         name, index, weightArgs());
      continue;
    }
    top += fmt::format("  // exit {0}: pipeline (on the backbone's engine, in series)\n"
                       "  {1}({5});\n{2}  if ({3}) {{\n    {4}    return;\n  }}\n",
                       index, name, readLogits(exit, name),
                       decisionExpression(exit, name + "_logits"), finish, weightArgs());
  }

  const int64_t imageWordCount = std::max<int64_t>(1, imageWords.getInt());
  if (image.empty())
    image.assign(2, '\0'); // an m_axi port of one word: the design has no MAC layer
  std::string model = commentText(modelName);
  files.push_back({"hls/eecc_top.h",
                   fillSkeleton("eecc_top_engine.h",
                                {{"MODEL", model},
                                 {"INPUT_SIZE", std::to_string(inputSize)},
                                 {"NUM_EXITS", std::to_string(exits.size())},
                                 {"MAX_CLASSES", std::to_string(maxClasses)},
                                 {"WEIGHT_WORDS", std::to_string(imageWordCount)},
                                 {"WEIGHT_PORTS", std::to_string(weightPorts)},
                                 {"WEIGHT_PARAMS", weightParams()}})});
  files.push_back({"hls/eecc_types.h", fixedTypesHeader()});
  files.push_back(
      {"hls/eecc_top.cpp",
       fillSkeleton("eecc_top_engine.cpp",
                    {{"MODEL", model},
                     {"TILE_M", std::to_string(backbone.tileM)},
                     {"TILE_N", std::to_string(backbone.tileN)},
                     {"ARENA_WORDS", std::to_string(std::max<int64_t>(1, arenaWords.getInt()))},
                     {"CONFIGS", configs},
                     {"FUNCTIONS", functions},
                     {"WEIGHT_PARAMS", weightParams()},
                     {"BODY", top}})});
  files.push_back({"hls/weights.bin", std::move(image)});
  files.push_back({"hls/eecc_exit_tables.h", exitTables()});
  for (const auto &entry : kTemplates)
    files.push_back({std::string("hls/") + entry[0], entry[1]});
  return success();
}

/// FNV-1a over the kernel sources: the design identifier the IP reports (eecc_ip.h), so
/// the runtime can tell that the bitstream is the design it was built for.
uint32_t designIdentifier(const std::vector<ProjectFile> &files) {
  uint32_t hash = 2166136261u;
  for (const ProjectFile &file : files)
    for (char c : file.path + '\0' + file.contents)
      hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return hash;
}

/// hls/eecc_ip.{h,cpp}: the synthesis top. It wraps eecc_top with the AXI interfaces the
/// board needs and an identify command that answers without touching memory.
uint32_t emitIPTop(std::vector<ProjectFile> &files, int64_t weightPorts) {
  uint32_t id = designIdentifier(files);
  // Engine binding: the weight image over `weightPorts` m_axi bundles of their own (one
  // per HP port), each given the image's address.
  std::string weightsParam, weightsArg, weightsPragma;
  for (int64_t p = 0; p < weightPorts; ++p) {
    weightsParam += fmt::format(",\n             const short weights{}[EECC_WEIGHT_WORDS]", p);
    weightsArg += fmt::format(", weights{}", p);
    weightsPragma += fmt::format("EECC_PRAGMA(HLS INTERFACE m_axi port = weights{0} offset = slave "
                                 "bundle = weights{0} depth = EECC_WEIGHT_WORDS)\n",
                                 p);
  }
  files.push_back({"hls/eecc_ip.h", fillSkeleton("eecc_ip.h", {{"DESIGN_ID", fmt::format("{:08x}", id)},
                                                               {"WEIGHT_PARAMS", weightsParam}})});
  files.push_back(
      {"hls/eecc_ip.cpp",
       fillSkeleton("eecc_ip.cpp", {{"WEIGHTS_NOTE", weightPorts > 0 ? ", and for the weight image" : ""},
                                    {"WEIGHT_PARAMS", weightsParam},
                                    {"WEIGHT_PRAGMAS", weightsPragma},
                                    {"WEIGHT_ARGS", weightsArg}})});
  return id;
}

} // namespace

LogicalResult emitProject(ModuleOp module, StringRef modelName, std::vector<ProjectFile> &files,
                          uint32_t *designId) {
  auto networks = llvm::to_vector(module.getOps<ee::NetworkOp>());
  if (networks.size() != 1)
    return module.emitError("the HLS emitter expects one ee.network, found ") << networks.size();
  // The binding hls-bind says the C++ realizes (hls.emitted_binding when the engine
  // design lacks a piece of this network).
  const bool engine = hls::emittedBinding(networks.front()) == hls::Binding::engine;
  if (engine && !networks.front()->hasAttr(hls::attrs::kInputType))
    return networks.front().emitError(
        "the engine design is fixed-point: this float network's C++ is dedicated kernels "
        "(hls-bind records hls.emitted_binding)");
  NetworkEmitter emitter(networks.front());
  if (failed(engine ? emitter.emitEngine(modelName, files) : emitter.emit(modelName, files)))
    return failure();
  int64_t ports = 0;
  if (engine) {
    auto attr = networks.front()->getAttrOfType<IntegerAttr>(hls::attrs::kWeightPorts);
    ports = attr ? std::clamp<int64_t>(attr.getInt(), 1, 4) : 1;
  }
  uint32_t id = emitIPTop(files, ports);
  if (designId)
    *designId = id;
  emitTestbench(modelName, files);
  return success();
}

} // namespace eecc::hlscpp
