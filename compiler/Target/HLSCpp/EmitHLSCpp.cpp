// Emission of the HLS C++ kernels, top function and weights of an ee.network.
#include "EmitHLSCpp.h"

#include "compiler/Support/ShapeUtils.h"
#include "dialects/ee/EEOps.h"
#include "dialects/nn/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/TypeSwitch.h"

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
std::string floatLiteral(double value) {
  std::string text = fmt::format("{:.9g}", value);
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

class NetworkEmitter {
public:
  explicit NetworkEmitter(ee::NetworkOp network) : network(network) {}
  LogicalResult emit(StringRef modelName, std::vector<ProjectFile> &files);

private:
  LogicalResult emitRegion(Region &region, StringRef functionName, ValueRange results);
  LogicalResult emitLayer(Operation &op);
  std::string ref(Value value);
  void emitWeight(arith::ConstantOp constant);

  ee::NetworkOp network;
  std::string weights, configs, functions;
  std::string body; // of the region being emitted
  llvm::DenseMap<Value, std::string> regionNames;
};

std::string NetworkEmitter::ref(Value value) {
  auto found = regionNames.find(value);
  if (found != regionNames.end())
    return found->second;
  return cname(value.getDefiningOp());
}

void NetworkEmitter::emitWeight(arith::ConstantOp constant) {
  auto attr = cast<DenseElementsAttr>(constant.getValue());
  std::string text = fmt::format("// {}\nstatic const weight_t {}[{}] = {{", commentText(
      isa<NameLoc>(constant.getLoc()) ? cast<NameLoc>(constant.getLoc()).getName().getValue() : ""),
      cname(constant), attr.getNumElements());
  int64_t index = 0;
  for (APFloat value : attr.getValues<APFloat>()) {
    bool losesInfo = false;
    value.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &losesInfo);
    text += (index % 8 ? " " : "\n    ") + floatLiteral(value.convertToFloat()) + ",";
    ++index;
  }
  weights += text + "\n};\n\n";
}

LogicalResult NetworkEmitter::emitLayer(Operation &op) {
  std::string name = cname(&op);
  if (name.empty())
    return op.emitError("has no eecc.cname; run eecc-prepare-for-emission before emitting");
  if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
    if (!isa<DenseElementsAttr>(constant.getValue()))
      return op.emitError("the HLS emitter needs dense constants");
    emitWeight(constant);
    return success();
  }
  Value result = op.getResult(0);
  int64_t count = elementCount(result);
  body += fmt::format("  static data_t {}[{}];\n", name, count);
  auto shape = [](Value value) { return cast<ShapedType>(value.getType()).getShape(); };
  return llvm::TypeSwitch<Operation *, LogicalResult>(&op)
      .Case([&](nn::Conv2DOp conv) {
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
            "  static const bool has_bias = {};\n  static const int pipeline_ii = 1;\n"
            "  typedef ::accum_t accum_t;\n}};\n\n",
            name, in[1], in[2], in[3], w[0], static_cast<int64_t>(conv.getGroups()), w[1], w[2],
            w[3], s[0], s[1], p[0], p[1], p[2], p[3], d[0], d[1], out[2], out[3],
            conv.getBias() ? "true" : "false");
        body += fmt::format("  eecc_hls::conv2d<{}_config>({}, {}, {}, {});\n", name,
                            ref(conv.getInput()), ref(conv.getWeight()),
                            conv.getBias() ? ref(conv.getBias()) : "static_cast<const weight_t *>(nullptr)", name);
        return success();
      })
      .Case([&](nn::DenseOp layer) {
        auto w = shape(layer.getWeight());
        configs += fmt::format("struct {}_config {{\n  static const int units = {}, features = {};\n"
                               "  static const bool has_bias = {};\n  static const int pipeline_ii = 1;\n"
                               "  typedef ::accum_t accum_t;\n}};\n\n",
                               name, w[0], w[1], layer.getBias() ? "true" : "false");
        body += fmt::format("  eecc_hls::dense<{}_config>({}, {}, {}, {});\n", name,
                            ref(layer.getInput()), ref(layer.getWeight()),
                            layer.getBias() ? ref(layer.getBias()) : "static_cast<const weight_t *>(nullptr)", name);
        return success();
      })
      .Case<nn::MaxPool2DOp, nn::AvgPool2DOp>([&](auto pool) {
        auto in = shape(pool.getInput()), out = shape(result);
        auto k = pool.getKernelShape(), s = pool.getStrides(), p = pool.getPads();
        int64_t dilations[2] = {1, 1};
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
            "  static const bool count_include_pad = {};\n  static const int pipeline_ii = 1;\n"
            "  typedef ::accum_t accum_t;\n}};\n\n",
            name, in[0] * in[1], in[2], in[3], k[0], k[1], s[0], s[1], p[0], p[1], p[2], p[3],
            dilations[0], dilations[1], out[2], out[3], countIncludePad ? "true" : "false");
        body += fmt::format("  eecc_hls::{}<{}_config>({}, {});\n",
                            std::is_same_v<decltype(pool), nn::MaxPool2DOp> ? "max_pool2d"
                                                                             : "avg_pool2d",
                            name, ref(pool.getInput()), name);
        return success();
      })
      .Case([&](nn::GlobalAvgPoolOp pool) {
        auto in = shape(pool.getInput());
        configs += fmt::format("struct {}_config {{\n  static const int channels = {}, area = {};\n"
                               "  static const int pipeline_ii = 1;\n  typedef ::accum_t accum_t;\n}};\n\n",
                               name, in[0] * in[1], in[2] * in[3]);
        body += fmt::format("  eecc_hls::global_avg_pool<{}_config>({}, {});\n", name,
                            ref(pool.getInput()), name);
        return success();
      })
      .Case([&](nn::ReluOp relu) {
        body += fmt::format("  eecc_hls::relu<{}>({}, {});\n", count, ref(relu.getInput()), name);
        return success();
      })
      .Case([&](nn::LeakyReluOp relu) {
        body += fmt::format("  eecc_hls::leaky_relu<{}>({}, {}, {});\n", count, ref(relu.getInput()),
                            name, floatLiteral(relu.getAlpha().convertToFloat()));
        return success();
      })
      .Case([&](nn::ClipOp clip) {
        body += fmt::format("  eecc_hls::clip<{}>({}, {}, {}, {});\n", count, ref(clip.getInput()),
                            name, floatLiteral(clip.getMin().convertToFloat()),
                            floatLiteral(clip.getMax().convertToFloat()));
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
        body += fmt::format("  eecc_hls::lrn<{}, {}, {}>({}, {}, {}, {}, {});\n", in[1], in[2] * in[3],
                            static_cast<int64_t>(lrn.getSize()), ref(lrn.getInput()), name,
                            floatLiteral(lrn.getAlpha().convertToFloat()),
                            floatLiteral(lrn.getBeta().convertToFloat()),
                            floatLiteral(lrn.getBias().convertToFloat()));
        return success();
      })
      .Case([&](nn::AddOp add) {
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
        body += fmt::format("  static const int {0}_shape[] = {{{1}}};\n"
                            "  static const int {0}_lhs_strides[] = {{{2}}};\n"
                            "  static const int {0}_rhs_strides[] = {{{3}}};\n"
                            "  eecc_hls::add<{4}, {5}>({6}, {7}, {0}, {0}_shape, {0}_lhs_strides, "
                            "{0}_rhs_strides);\n",
                            name, intList(out), intList(strides(shape(add.getLhs()))),
                            intList(strides(shape(add.getRhs()))), count, out.size(),
                            ref(add.getLhs()), ref(add.getRhs()));
        return success();
      })
      .Case([&](nn::PadOp pad) {
        auto in = shape(pad.getInput()), out = shape(result);
        body += fmt::format("  static const int {0}_in_shape[] = {{{1}}};\n"
                            "  static const int {0}_out_shape[] = {{{2}}};\n"
                            "  static const int {0}_begin[] = {{{3}}};\n"
                            "  eecc_hls::pad<{4}, {5}>({6}, {0}, {0}_in_shape, {0}_out_shape, "
                            "{0}_begin, {7});\n",
                            name, intList(in), intList(out),
                            intList(pad.getPads().take_front(in.size())), count, in.size(),
                            ref(pad.getInput()), floatLiteral(pad.getValue().convertToFloat()));
        return success();
      })
      .Case<nn::FlattenOp, nn::ReshapeOp>([&](auto reshape) {
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
        if (axis != -1 && axis != static_cast<int64_t>(in.size()) - 1)
          return softmax.emitError("the HLS emitter supports softmax along the last axis only");
        body += fmt::format("  eecc_hls::softmax<{}, {}>({}, {});\n", count / in.back(), in.back(),
                            ref(softmax.getInput()), name);
        return success();
      })
      .Default([&](Operation *other) -> LogicalResult {
        return other->emitError("the HLS emitter does not support ") << other->getName()
                                                                     << " yet";
      });
}

LogicalResult NetworkEmitter::emitRegion(Region &region, StringRef functionName,
                                         ValueRange results) {
  Block &block = region.front();
  regionNames.clear();
  body.clear();
  std::string signature;
  for (auto [index, argument] : llvm::enumerate(block.getArguments())) {
    regionNames[argument] = fmt::format("in{}", index);
    signature += fmt::format("{}const data_t in{}[{}]", index ? ", " : "", index,
                             elementCount(argument));
  }
  for (auto [index, value] : llvm::enumerate(results))
    signature += fmt::format(", data_t out{}[{}]", index, elementCount(value));
  for (Operation &op : block) {
    if (auto yield = dyn_cast<ee::YieldOp>(op)) {
      for (auto [index, value] : llvm::enumerate(yield.getValues()))
        body += fmt::format("  eecc_hls::copy<{}>({}, out{});\n", elementCount(value), ref(value),
                            index);
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
  networkNames[block.getArgument(0)] = "input";
  for (Operation &op : block) {
    SmallVector<std::string> args;
    for (Value operand : op.getOperands())
      args.push_back(networkNames.lookup(operand));
    if (auto stage = dyn_cast<ee::StageOp>(op)) {
      std::string name = fmt::format("stage_{}", static_cast<int64_t>(stage.getIndex()));
      if (failed(emitRegion(stage.getBody(), name, stage.getResults())))
        return failure();
      for (auto [index, result] : llvm::enumerate(stage.getResults())) {
        std::string buffer = fmt::format("{}_out{}", name, index);
        top += fmt::format("  static data_t {}[{}];\n", buffer, elementCount(result));
        networkNames[result] = buffer;
        args.push_back(buffer);
      }
      top += fmt::format("  {}({});\n", name, llvm::join(args, ", "));
      continue;
    }
    auto exit = cast<ee::ExitOp>(op);
    int64_t index = static_cast<int64_t>(exit.getIndex());
    int64_t classes = elementCount(exit.getLogits());
    std::string name = fmt::format("exit_{}", index);
    if (failed(emitRegion(exit.getBody(), name, exit.getLogits())))
      return failure();
    top += fmt::format("  static data_t {0}_logits[{1}];\n  {0}({2}, {0}_logits);\n", name, classes,
                       llvm::join(args, ", "));
    std::string finish = fmt::format("finish<{}>({}, {}_logits, exit_id, predicted_class, logits);\n",
                                     classes, index, name);
    if (exit.getFinal()) {
      top += "  " + finish;
    } else if (exit.getCriterion() && exit.getThreshold()) {
      const char *criterion = *exit.getCriterion() == ee::Criterion::entropy ? "CRITERION_ENTROPY"
                              : *exit.getCriterion() == ee::Criterion::max_softmax
                                  ? "CRITERION_MAX_SOFTMAX"
                                  : "CRITERION_MARGIN";
      top += fmt::format("  if (eecc_hls::exit_decision<{}>({}_logits, eecc_hls::{}, {:.17g})) {{\n"
                         "    {}    return;\n  }}\n",
                         classes, name, criterion, exit.getThreshold()->convertToDouble(), finish);
    } else {
      top += fmt::format("  // exit {} has no threshold: it is never taken\n", index);
    }
  }

  std::string header = fmt::format(
      "// eecc_top.h: interface of the generated early-exit network ({}).\n"
      "#ifndef EECC_TOP_H\n#define EECC_TOP_H\n\n"
      "typedef float data_t;   // activations\n"
      "typedef float weight_t; // weights and biases\n"
      "typedef float accum_t;  // accumulators\n\n"
      "#define EECC_INPUT_SIZE {}\n#define EECC_NUM_EXITS {}\n#define EECC_MAX_CLASSES {}\n\n"
      "/// Runs one sample; stops at the first exit whose criterion passes its threshold.\n"
      "/// logits[0..classes) holds that exit's logits, the rest is zero.\n"
      "void eecc_top(const data_t input[EECC_INPUT_SIZE], int *exit_id, int *predicted_class,\n"
      "              data_t logits[EECC_MAX_CLASSES]);\n\n#endif // EECC_TOP_H\n",
      commentText(modelName), inputSize, exits.size(), maxClasses);
  std::string source = fmt::format(
      "// eecc_top.cpp: generated by eecc from {}. Each stage and exit is a function;\n"
      "// the top function runs them in backbone order and returns at the first confident exit.\n"
      "#include \"eecc_top.h\"\n#include \"eecc_layers.h\"\n#include \"weights.h\"\n\n"
      "{}"
      "template <int CLASSES>\nstatic void finish(int exit, const data_t exit_logits[], int *exit_id,\n"
      "                   int *predicted_class, data_t logits[EECC_MAX_CLASSES]) {{\n"
      "  *exit_id = exit;\n  *predicted_class = eecc_hls::argmax<CLASSES>(exit_logits);\n"
      "  for (int k = 0; k < EECC_MAX_CLASSES; ++k)\n"
      "    logits[k] = k < CLASSES ? exit_logits[k] : data_t(0);\n}}\n\n"
      "{}"
      "void eecc_top(const data_t input[EECC_INPUT_SIZE], int *exit_id, int *predicted_class,\n"
      "              data_t logits[EECC_MAX_CLASSES]) {{\n"
      "EECC_PRAGMA(HLS INTERFACE m_axi port = input offset = slave bundle = gmem)\n"
      "EECC_PRAGMA(HLS INTERFACE m_axi port = logits offset = slave bundle = gmem)\n"
      "EECC_PRAGMA(HLS INTERFACE s_axilite port = exit_id)\n"
      "EECC_PRAGMA(HLS INTERFACE s_axilite port = predicted_class)\n"
      "EECC_PRAGMA(HLS INTERFACE s_axilite port = return)\n"
      "{}}}\n",
      commentText(modelName), configs, functions, top);
  files.push_back({"hls/eecc_top.h", header});
  files.push_back({"hls/eecc_top.cpp", source});
  files.push_back({"hls/weights.h",
                   "// weights.h: every weight and bias of the network (float32, exact decimal).\n"
                   "#ifndef EECC_WEIGHTS_H\n#define EECC_WEIGHTS_H\n\n#include \"eecc_top.h\"\n\n" +
                       weights + "#endif // EECC_WEIGHTS_H\n"});
  for (const auto &entry : kTemplates)
    files.push_back({std::string("hls/") + entry[0], entry[1]});
  return success();
}

} // namespace

LogicalResult emitProject(ModuleOp module, StringRef modelName, std::vector<ProjectFile> &files) {
  auto networks = llvm::to_vector(module.getOps<ee::NetworkOp>());
  if (networks.size() != 1)
    return module.emitError("the HLS emitter expects one ee.network, found ") << networks.size();
  NetworkEmitter emitter(networks.front());
  if (failed(emitter.emit(modelName, files)))
    return failure();
  emitTestbench(modelName, files);
  return success();
}

} // namespace eecc::hlscpp
