// Reference interpreter of ee.network: float or fixed-point semantics of every layer
// and exit decision.
#include "Interpreter.h"

#include "compiler/Numerics/ExitUnit.h"
#include "Kernels.h"

#include "dialects/hls/HLSDialect.h"
#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>
#include <cmath>

using namespace mlir;

namespace eecc::interp {

namespace {

llvm::ArrayRef<int64_t> shapeOf(Value value) { return cast<ShapedType>(value.getType()).getShape(); }

Tensor constantTensor(arith::ConstantOp constant) {
  auto attr = cast<DenseElementsAttr>(constant.getValue());
  Tensor tensor(cast<ShapedType>(constant.getType()).getShape());
  size_t index = 0;
  forEachFloat(attr, [&](float value) { tensor.data[index++] = value; });
  return tensor;
}

bool isSupported(Operation &op) {
  return isa<arith::ConstantOp, ee::YieldOp, nn::Conv2DOp, nn::DenseOp, nn::MaxPool2DOp,
             nn::AvgPool2DOp, nn::GlobalAvgPoolOp, nn::ReluOp, nn::LeakyReluOp, nn::ClipOp,
             nn::SoftmaxOp, nn::LRNOp, nn::BatchNormOp, nn::AddOp, nn::PadOp, nn::FlattenOp,
             nn::ReshapeOp, nn::ConcatOp, nn::TransposeOp, nn::SubOp, nn::MulOp, nn::SliceOp,
             nn::SigmoidOp, nn::TanhOp, nn::LogSoftmaxOp>(op);
}

} // namespace

bool exitDecision(ee::Criterion criterion, double threshold, llvm::ArrayRef<float> logits,
                  bool strict) {
  // Softmax in double: the reference decides as exactly as it can.
  double largest = *std::max_element(logits.begin(), logits.end());
  std::vector<double> probabilities(logits.size());
  double sum = 0.0;
  for (size_t i = 0; i < logits.size(); ++i)
    sum += probabilities[i] = std::exp(static_cast<double>(logits[i]) - largest);
  for (double &p : probabilities) {
    p /= sum;
    if (std::isnan(p))
      return false; // NaN logits are never confident (as in the HLS exit decision)
  }
  // larger >= smaller, or > when strict (a tie never exits then).
  auto passes = [strict](double larger, double smaller) {
    return strict ? larger > smaller : larger >= smaller;
  };
  switch (criterion) {
  case ee::Criterion::max_softmax:
    return passes(*std::max_element(probabilities.begin(), probabilities.end()), threshold);
  case ee::Criterion::entropy: {
    double entropy = 0.0;
    for (double p : probabilities)
      if (p > 0.0)
        entropy -= p * std::log(p);
    return passes(threshold, entropy);
  }
  case ee::Criterion::margin: {
    std::vector<double> sorted = probabilities;
    std::partial_sort(sorted.begin(), sorted.begin() + 2, sorted.end(), std::greater<double>());
    return passes(sorted[0] - sorted[1], threshold);
  }
  }
  return false;
}

void recordExitCounts(ee::NetworkOp network, llvm::ArrayRef<int64_t> counts) {
  Builder builder(network.getContext());
  for (auto [exit, count] : llvm::zip(ee::getExits(network), counts))
    exit->setAttr(kCalibrationExitsAttr, builder.getI64IntegerAttr(count));
}

Value resolveNetworkValue(Value value) { return ee::resolveNetworkValue(value); }

Attribute fixedFormatOf(Value value) { return hls::fixedFormatOf(value); }

namespace {
/// What the fixed-point interpreter needs on `op`, or an error.
LogicalResult checkFixedAttributes(Operation *op) {
  auto require = [&](StringRef name) -> LogicalResult {
    auto attr = dyn_cast_or_null<hls::FixedPointAttr>(op->getAttr(name));
    if (!attr)
      return op->emitError("fixed-point evaluation needs a #hls.fixed '")
             << name << "' attribute; run nn-quantize first";
    if (attr.getWidth() > 64)
      return op->emitError("fixed-point formats are limited to 64 bits here, '")
             << name << "' is " << attr;
    return success();
  };
  if (isa<arith::ConstantOp>(op) && llvm::all_of(op->getUses(), [](OpOperand &use) {
        return isa<nn::BatchNormOp>(use.getOwner()) && use.getOperandNumber() > 0;
      }))
    return success(); // batch-norm parameters: float, as the layer computes in float
  if (failed(require(hls::attrs::kType)))
    return failure();
  if (isa<nn::Conv2DOp, nn::DenseOp, nn::AvgPool2DOp, nn::GlobalAvgPoolOp>(op) &&
      failed(require(hls::attrs::kAccumType)))
    return failure();
  if (isa<nn::AvgPool2DOp, nn::GlobalAvgPoolOp>(op) &&
      failed(require(hls::attrs::kReciprocalType)))
    return failure();
  return success();
}
} // namespace

std::unique_ptr<NetworkInterpreter> NetworkInterpreter::create(ee::NetworkOp network,
                                                               Arithmetic arithmetic) {
  std::unique_ptr<NetworkInterpreter> interpreter(new NetworkInterpreter(network, arithmetic));
  Block &body = network.getBody().front();
  if (body.getNumArguments() != 1) {
    network.emitError("the interpreter runs networks with one input, @")
        << network.getSymName() << " has " << body.getNumArguments();
    return nullptr;
  }
  const bool fixed = arithmetic == Arithmetic::Fixed;
  if (fixed && !isa_and_nonnull<hls::FixedPointAttr>(network->getAttr(hls::attrs::kInputType))) {
    network.emitError("fixed-point evaluation needs the input format '")
        << hls::attrs::kInputType << "'; run nn-quantize first";
    return nullptr;
  }
  auto inputShape = shapeOf(body.getArgument(0));
  interpreter->inputShapeStorage.assign(inputShape.begin(), inputShape.end());
  for (ee::ExitOp exit : ee::getExits(network))
    interpreter->exits.push_back(exit);
  WalkResult walk = network.walk([&](Operation *op) {
    if (isa<ee::NetworkOp, ee::StageOp, ee::ExitOp>(op))
      return WalkResult::advance();
    if (!isSupported(*op)) {
      op->emitError("the reference interpreter does not support ") << op->getName();
      return WalkResult::interrupt();
    }
    if (fixed && !isa<ee::YieldOp>(op) && failed(checkFixedAttributes(op)))
      return WalkResult::interrupt();
    if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
      if (!isa<DenseElementsAttr>(constant.getValue()) ||
          !isa<FloatType>(getElementTypeOrSelf(constant.getType()))) {
        op->emitError("the reference interpreter needs dense float constants");
        return WalkResult::interrupt();
      }
      interpreter->constants[op] = constantTensor(constant);
      if (fixed && op->hasAttr(hls::attrs::kType))
        interpreter->fixedConstants[op] = quantizeTensor(
            interpreter->constants[op], FixedSink{toFixedFormat(op->getAttr(hls::attrs::kType))});
    }
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return nullptr;
  return interpreter;
}

FixedSink NetworkInterpreter::sink(Operation *op, StringRef attr, size_t count) {
  FixedFormat format = toFixedFormat(op->getAttr(attr));
  if (attr != hls::attrs::kType && attr != hls::attrs::kInputType)
    return FixedSink{format, nullptr}; // statistics are of results only
  ConversionStats &entry = stats[op];
  entry.conversions += static_cast<int64_t>(count);
  return FixedSink{format, &entry.overflows};
}

Tensor NetworkInterpreter::evaluateOp(Operation &op, llvm::DenseMap<Value, Tensor> &values) {
  auto in = [&](Value value) -> const Tensor & { return values.find(value)->second; };
  auto optional = [&](Value value) -> const Tensor * { return value ? &in(value) : nullptr; };
  return llvm::TypeSwitch<Operation *, Tensor>(&op)
      .Case([&](nn::Conv2DOp conv) {
        return conv2d(in(conv.getInput()), in(conv.getWeight()), optional(conv.getBias()),
                      conv.getStrides(), conv.getPads(), conv.getDilations(),
                      static_cast<int64_t>(conv.getGroups()), shapeOf(conv.getOutput()));
      })
      .Case([&](nn::DenseOp layer) {
        return dense(in(layer.getInput()), in(layer.getWeight()), optional(layer.getBias()));
      })
      .Case([&](nn::MaxPool2DOp pool) {
        return maxPool2d(in(pool.getInput()), pool.getKernelShape(), pool.getStrides(),
                         pool.getPads(), pool.getDilations(), shapeOf(pool.getOutput()));
      })
      .Case([&](nn::AvgPool2DOp pool) {
        return avgPool2d(in(pool.getInput()), pool.getKernelShape(), pool.getStrides(),
                         pool.getPads(), pool.getCountIncludePad(), shapeOf(pool.getOutput()));
      })
      .Case([&](nn::GlobalAvgPoolOp pool) { return globalAvgPool(in(pool.getInput())); })
      .Case([&](nn::ReluOp relu) {
        Tensor result = in(relu.getInput());
        for (float &v : result.data)
          v = v < 0.0f ? 0.0f : v; // NaN passes, as in onnxruntime and the HLS library
        return result;
      })
      .Case([&](nn::LeakyReluOp relu) {
        Tensor result = in(relu.getInput());
        float alpha = relu.getAlpha().convertToFloat();
        for (float &v : result.data)
          v = v >= 0.0f ? v : alpha * v;
        return result;
      })
      .Case([&](nn::ClipOp clip) {
        Tensor result = in(clip.getInput());
        float low = clip.getMin().convertToFloat(), high = clip.getMax().convertToFloat();
        for (float &v : result.data)
          v = std::min(std::max(v, low), high);
        return result;
      })
      .Case([&](nn::SoftmaxOp op) {
        return softmax(in(op.getInput()), static_cast<int64_t>(op.getAxis()));
      })
      .Case([&](nn::LRNOp op) {
        return lrn(in(op.getInput()), static_cast<int64_t>(op.getSize()),
                   op.getAlpha().convertToFloat(), op.getBeta().convertToFloat(),
                   op.getBias().convertToFloat());
      })
      .Case([&](nn::BatchNormOp op) {
        return batchNorm(in(op.getInput()), in(op.getScale()), in(op.getBias()), in(op.getMean()),
                         in(op.getVariance()), op.getEpsilon().convertToFloat());
      })
      .Case([&](nn::AddOp op) {
        return binary(BinaryKind::Add, in(op.getLhs()), in(op.getRhs()), shapeOf(op.getOutput()));
      })
      .Case([&](nn::SubOp op) {
        return binary(BinaryKind::Sub, in(op.getLhs()), in(op.getRhs()), shapeOf(op.getOutput()));
      })
      .Case([&](nn::MulOp op) {
        return binary(BinaryKind::Mul, in(op.getLhs()), in(op.getRhs()), shapeOf(op.getOutput()));
      })
      .Case([&](nn::SliceOp op) {
        return slice(in(op.getInput()), op.getOffsets(), shapeOf(op.getOutput()));
      })
      .Case([&](nn::SigmoidOp op) { return sigmoid(in(op.getInput())); })
      .Case([&](nn::TanhOp op) { return tanh(in(op.getInput())); })
      .Case([&](nn::LogSoftmaxOp op) {
        return logSoftmax(in(op.getInput()), static_cast<int64_t>(op.getAxis()));
      })
      .Case([&](nn::PadOp op) {
        return pad(in(op.getInput()), op.getPads(), op.getValue().convertToFloat(),
                   *parsePadMode(op.getMode()), shapeOf(op.getOutput()));
      })
      .Case([&](nn::FlattenOp op) { return reshape(in(op.getInput()), shapeOf(op.getOutput())); })
      .Case([&](nn::ReshapeOp op) { return reshape(in(op.getInput()), shapeOf(op.getOutput())); })
      .Case([&](nn::TransposeOp op) {
        const Tensor &input = in(op.getInput());
        Tensor output(shapeOf(op.getOutput()));
        std::vector<int64_t> sources = transposeSources(input.shape, op.getPerm());
        for (size_t i = 0; i < sources.size(); ++i)
          output.data[i] = input.data[sources[i]];
        return output;
      })
      .Case([&](nn::ConcatOp op) {
        llvm::SmallVector<const Tensor *> inputs;
        for (Value input : op.getInputs())
          inputs.push_back(&in(input));
        return concat(inputs, static_cast<int64_t>(op.getAxis()), shapeOf(op.getOutput()));
      })
      .Default([&](Operation *) { return Tensor(); }); // unreachable: checked in create()
}

FixedTensor NetworkInterpreter::evaluateOp(Operation &op,
                                           llvm::DenseMap<Value, FixedTensor> &values) {
  auto in = [&](Value value) -> const FixedTensor & { return values.find(value)->second; };
  auto optional = [&](Value value) -> const FixedTensor * { return value ? &in(value) : nullptr; };
  Value result = op.getResult(0);
  FixedSink output = sink(&op, hls::attrs::kType, cast<ShapedType>(result.getType()).getNumElements());
  auto accum = [&] { return sink(&op, hls::attrs::kAccumType, 0); };
  auto reciprocal = [&] { return toFixedFormat(op.getAttr(hls::attrs::kReciprocalType)); };
  // Layers the hardware computes in float (as the HLS library does): dequantize, run
  // the float kernel, quantize the result.
  auto throughFloat = [&](auto kernel) {
    Tensor floats = kernel(dequantizeTensor(in(op.getOperand(0))));
    return quantizeTensor(floats, output);
  };
  return llvm::TypeSwitch<Operation *, FixedTensor>(&op)
      .Case([&](nn::Conv2DOp conv) {
        return fixedConv2d(in(conv.getInput()), in(conv.getWeight()), optional(conv.getBias()),
                           conv.getStrides(), conv.getPads(), conv.getDilations(),
                           static_cast<int64_t>(conv.getGroups()), shapeOf(result), accum(),
                           output);
      })
      .Case([&](nn::DenseOp layer) {
        return fixedDense(in(layer.getInput()), in(layer.getWeight()), optional(layer.getBias()),
                          accum(), output);
      })
      .Case([&](nn::MaxPool2DOp pool) {
        return fixedMaxPool2d(in(pool.getInput()), pool.getKernelShape(), pool.getStrides(),
                              pool.getPads(), pool.getDilations(), shapeOf(result), output);
      })
      .Case([&](nn::AvgPool2DOp pool) {
        return fixedAvgPool2d(in(pool.getInput()), pool.getKernelShape(), pool.getStrides(),
                              pool.getPads(), pool.getCountIncludePad(), shapeOf(result), accum(),
                              reciprocal(), output);
      })
      .Case([&](nn::GlobalAvgPoolOp pool) {
        return fixedGlobalAvgPool(in(pool.getInput()), accum(), reciprocal(), output);
      })
      .Case([&](nn::ReluOp relu) { return fixedRelu(in(relu.getInput()), output); })
      .Case([&](nn::LeakyReluOp relu) {
        // out_t(x) for x >= 0, else out_t(alpha * float(x)) in float.
        const FixedTensor &input = in(relu.getInput());
        FixedTensor result(input.shape, output.format);
        float alpha = relu.getAlpha().convertToFloat();
        for (size_t i = 0; i < input.size(); ++i)
          result.raw[i] = input.raw[i] >= 0
                              ? output(input.raw[i], input.format.frac())
                              : output.fromDouble(alpha * rawToFloat(input.raw[i],
                                                                     input.format.frac()));
        return result;
      })
      .Case([&](nn::ClipOp clip) {
        return fixedClip(in(clip.getInput()), clip.getMin().convertToFloat(),
                         clip.getMax().convertToFloat(), output);
      })
      .Case([&](nn::SoftmaxOp softmaxOp) {
        return throughFloat([&](const Tensor &x) {
          return softmax(x, static_cast<int64_t>(softmaxOp.getAxis()));
        });
      })
      .Case([&](nn::LRNOp lrnOp) {
        return throughFloat([&](const Tensor &x) {
          return lrn(x, static_cast<int64_t>(lrnOp.getSize()), lrnOp.getAlpha().convertToFloat(),
                     lrnOp.getBeta().convertToFloat(), lrnOp.getBias().convertToFloat());
        });
      })
      .Case([&](nn::AddOp addOp) {
        return fixedBinary(BinaryKind::Add, in(addOp.getLhs()), in(addOp.getRhs()),
                           shapeOf(result), output);
      })
      .Case([&](nn::SubOp subOp) {
        return fixedBinary(BinaryKind::Sub, in(subOp.getLhs()), in(subOp.getRhs()),
                           shapeOf(result), output);
      })
      .Case([&](nn::MulOp mulOp) {
        return fixedBinary(BinaryKind::Mul, in(mulOp.getLhs()), in(mulOp.getRhs()),
                           shapeOf(result), output);
      })
      .Case([&](nn::SliceOp sliceOp) {
        return fixedSlice(in(sliceOp.getInput()), sliceOp.getOffsets(), shapeOf(result), output);
      })
      .Case<nn::SigmoidOp, nn::TanhOp>([&](Operation *activation) {
        const FixedTensor &input = in(activation->getOperand(0));
        auto found = tables.find(activation);
        if (found == tables.end())
          found = tables
                      .try_emplace(activation, activationTable(tableFunctionOf(activation),
                                                               input.format, output.format))
                      .first;
        return fixedTableActivation(input, found->second, output);
      })
      .Case([&](nn::LogSoftmaxOp logSoftmaxOp) {
        return throughFloat([&](const Tensor &x) {
          return logSoftmax(x, static_cast<int64_t>(logSoftmaxOp.getAxis()));
        });
      })
      .Case([&](nn::PadOp padOp) {
        return fixedPad(in(padOp.getInput()), padOp.getPads(), padOp.getValue().convertToFloat(),
                        *parsePadMode(padOp.getMode()), shapeOf(result), output);
      })
      .Case<nn::FlattenOp, nn::ReshapeOp>([&](Operation *reshapeOp) {
        return convertTensor(in(reshapeOp->getOperand(0)), output, shapeOf(result));
      })
      .Case([&](nn::TransposeOp transposeOp) {
        const FixedTensor &input = in(transposeOp.getInput());
        FixedTensor permuted(shapeOf(result), output.format);
        std::vector<int64_t> sources = transposeSources(input.shape, transposeOp.getPerm());
        for (size_t i = 0; i < sources.size(); ++i)
          permuted.raw[i] = output(input.raw[sources[i]], input.format.frac());
        return permuted;
      })
      .Case([&](nn::ConcatOp concatOp) {
        llvm::SmallVector<const FixedTensor *> inputs;
        for (Value input : concatOp.getInputs())
          inputs.push_back(&in(input));
        return fixedConcat(inputs, static_cast<int64_t>(concatOp.getAxis()), shapeOf(result),
                           output);
      })
      .Case([&](nn::BatchNormOp norm) {
        auto parameter = [&](Value value) -> const Tensor & {
          return constants.find(value.getDefiningOp())->second; // float constants
        };
        return throughFloat([&](const Tensor &x) {
          return batchNorm(x, parameter(norm.getScale()), parameter(norm.getBias()),
                           parameter(norm.getMean()), parameter(norm.getVariance()),
                           norm.getEpsilon().convertToFloat());
        });
      })
      .Default([&](Operation *) { return FixedTensor(); }); // unreachable: checked in create()
}

template <class T>
void NetworkInterpreter::evaluateRegion(Region &region, llvm::ArrayRef<const T *> arguments,
                                        std::vector<T> &results) {
  Block &block = region.front();
  llvm::DenseMap<Value, T> values;
  for (auto [argument, tensor] : llvm::zip(block.getArguments(), arguments))
    values[argument] = *tensor;
  for (Operation &op : block) {
    if (auto yield = dyn_cast<ee::YieldOp>(op)) {
      results.clear();
      for (Value value : yield.getValues())
        results.push_back(values.find(value)->second);
      return;
    }
    if (isa<arith::ConstantOp>(op)) {
      values[op.getResult(0)] = constant(&op, static_cast<const T *>(nullptr));
      continue;
    }
    T result = evaluateOp(op, values);
    if constexpr (std::is_same_v<T, Tensor>)
      if (observer)
        observer(&op, result);
    values[op.getResult(0)] = std::move(result);
  }
}

bool NetworkInterpreter::takeExit(ee::ExitOp exit, const Tensor &logits) {
  return exitDecision(*exit.getCriterion(), exit.getThreshold()->convertToDouble(), logits.data,
                      exit.getStrict());
}

bool NetworkInterpreter::takeExit(ee::ExitOp exit, const FixedTensor &logits) {
  return ExitUnit::decide(*exit.getCriterion(),
                          ExitUnit::quantizeThreshold(exit.getThreshold()->convertToDouble()),
                          logits.raw, logits.format.frac(), exit.getStrict());
}

template <class T> SampleResult NetworkInterpreter::runNetwork(T input, bool allExits) {
  Block &body = network.getBody().front();
  llvm::DenseMap<Value, T> values;
  values[body.getArgument(0)] = std::move(input);
  SampleResult result;
  bool decided = false;
  std::vector<T> outputs;
  for (Operation &op : body) {
    llvm::SmallVector<const T *> arguments;
    for (Value operand : op.getOperands())
      arguments.push_back(&values.find(operand)->second);
    if (auto stage = dyn_cast<ee::StageOp>(op)) {
      evaluateRegion<T>(stage.getBody(), arguments, outputs);
      for (auto [value, tensor] : llvm::zip(stage.getResults(), outputs))
        values[value] = std::move(tensor);
      continue;
    }
    auto exit = cast<ee::ExitOp>(op);
    evaluateRegion<T>(exit.getBody(), arguments, outputs);
    const T &exitLogits = outputs.front();
    std::vector<float> logits;
    if constexpr (std::is_same_v<T, Tensor>)
      logits = exitLogits.data;
    else
      logits = dequantizeTensor(exitLogits).data;
    if (allExits)
      result.allExitLogits.push_back(logits);
    bool taken = exit.getFinal() ||
                 (exit.getCriterion() && exit.getThreshold() && takeExit(exit, exitLogits));
    if (taken && !decided) {
      decided = true;
      result.exitIndex = static_cast<int64_t>(exit.getIndex());
      // argmax on the exit's own numbers (raw values in fixed point, as the hardware)
      if constexpr (std::is_same_v<T, Tensor>)
        result.predictedClass = std::max_element(logits.begin(), logits.end()) - logits.begin();
      else
        result.predictedClass =
            std::max_element(exitLogits.raw.begin(), exitLogits.raw.end()) - exitLogits.raw.begin();
      result.logits = logits;
      if (!allExits)
        break;
    }
  }
  return result;
}

SampleResult NetworkInterpreter::run(const Tensor &input, bool allExits) {
  if (arithmetic == Arithmetic::Float)
    return runNetwork<Tensor>(input, allExits);
  Operation *networkOp = network.getOperation();
  FixedSink quantizer = sink(networkOp, hls::attrs::kInputType, input.size());
  return runNetwork<FixedTensor>(quantizeTensor(input, quantizer), allExits);
}

} // namespace eecc::interp
