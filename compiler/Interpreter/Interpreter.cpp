// Reference interpreter of ee.network: float semantics of every layer and exit decision.
#include "Interpreter.h"

#include "Kernels.h"

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
  for (APFloat value : attr.getValues<APFloat>()) {
    bool losesInfo = false;
    value.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &losesInfo);
    tensor.data[index++] = value.convertToFloat();
  }
  return tensor;
}

bool isSupported(Operation &op) {
  return isa<arith::ConstantOp, ee::YieldOp, nn::Conv2DOp, nn::DenseOp, nn::MaxPool2DOp,
             nn::AvgPool2DOp, nn::GlobalAvgPoolOp, nn::ReluOp, nn::LeakyReluOp, nn::ClipOp,
             nn::SoftmaxOp, nn::LRNOp, nn::BatchNormOp, nn::AddOp, nn::PadOp, nn::FlattenOp,
             nn::ReshapeOp, nn::ConcatOp>(op);
}

} // namespace

bool exitDecision(ee::Criterion criterion, double threshold, llvm::ArrayRef<float> logits) {
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
  switch (criterion) {
  case ee::Criterion::max_softmax:
    return *std::max_element(probabilities.begin(), probabilities.end()) >= threshold;
  case ee::Criterion::entropy: {
    double entropy = 0.0;
    for (double p : probabilities)
      if (p > 0.0)
        entropy -= p * std::log(p);
    return entropy <= threshold;
  }
  case ee::Criterion::margin: {
    std::vector<double> sorted = probabilities;
    std::partial_sort(sorted.begin(), sorted.begin() + 2, sorted.end(), std::greater<double>());
    return sorted[0] - sorted[1] >= threshold;
  }
  }
  return false;
}

std::unique_ptr<NetworkInterpreter> NetworkInterpreter::create(ee::NetworkOp network) {
  std::unique_ptr<NetworkInterpreter> interpreter(new NetworkInterpreter(network));
  Block &body = network.getBody().front();
  if (body.getNumArguments() != 1) {
    network.emitError("the interpreter runs networks with one input, @")
        << network.getSymName() << " has " << body.getNumArguments();
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
    if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
      if (!isa<DenseElementsAttr>(constant.getValue()) ||
          !isa<FloatType>(getElementTypeOrSelf(constant.getType()))) {
        op->emitError("the reference interpreter needs dense float constants");
        return WalkResult::interrupt();
      }
      interpreter->constants[op] = constantTensor(constant);
    }
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return nullptr;
  return interpreter;
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
        return add(in(op.getLhs()), in(op.getRhs()), shapeOf(op.getOutput()));
      })
      .Case([&](nn::PadOp op) {
        return pad(in(op.getInput()), op.getPads(), op.getValue().convertToFloat(),
                   shapeOf(op.getOutput()));
      })
      .Case([&](nn::FlattenOp op) { return reshape(in(op.getInput()), shapeOf(op.getOutput())); })
      .Case([&](nn::ReshapeOp op) { return reshape(in(op.getInput()), shapeOf(op.getOutput())); })
      .Case([&](nn::ConcatOp op) {
        llvm::SmallVector<const Tensor *> inputs;
        for (Value input : op.getInputs())
          inputs.push_back(&in(input));
        return concat(inputs, static_cast<int64_t>(op.getAxis()), shapeOf(op.getOutput()));
      })
      .Default([&](Operation *) { return Tensor(); }); // unreachable: checked in create()
}

void NetworkInterpreter::evaluateRegion(Region &region, llvm::ArrayRef<const Tensor *> arguments,
                                        std::vector<Tensor> &results) {
  Block &block = region.front();
  llvm::DenseMap<Value, Tensor> values;
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
      values[op.getResult(0)] = constants.find(&op)->second;
      continue;
    }
    values[op.getResult(0)] = evaluateOp(op, values);
  }
}

SampleResult NetworkInterpreter::run(const Tensor &input, bool allExits) {
  Block &body = network.getBody().front();
  llvm::DenseMap<Value, Tensor> values;
  values[body.getArgument(0)] = input;
  SampleResult result;
  bool decided = false;
  std::vector<Tensor> outputs;
  for (Operation &op : body) {
    llvm::SmallVector<const Tensor *> arguments;
    for (Value operand : op.getOperands())
      arguments.push_back(&values.find(operand)->second);
    if (auto stage = dyn_cast<ee::StageOp>(op)) {
      evaluateRegion(stage.getBody(), arguments, outputs);
      for (auto [value, tensor] : llvm::zip(stage.getResults(), outputs))
        values[value] = std::move(tensor);
      continue;
    }
    auto exit = cast<ee::ExitOp>(op);
    evaluateRegion(exit.getBody(), arguments, outputs);
    std::vector<float> logits = std::move(outputs.front().data);
    if (allExits)
      result.allExitLogits.push_back(logits);
    bool taken = exit.getFinal() ||
                 (exit.getCriterion() && exit.getThreshold() &&
                  exitDecision(*exit.getCriterion(), exit.getThreshold()->convertToDouble(), logits));
    if (taken && !decided) {
      decided = true;
      result.exitIndex = static_cast<int64_t>(exit.getIndex());
      result.predictedClass = std::max_element(logits.begin(), logits.end()) - logits.begin();
      result.logits = logits;
      if (!allExits)
        break;
    }
  }
  return result;
}

} // namespace eecc::interp
