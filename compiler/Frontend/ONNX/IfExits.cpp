// Internal: turns If-encoded early exits into extra graph outputs.
#include "IfExits.h"

#include "TensorData.h"

#include <map>
#include <set>

namespace eecc::onnx_frontend {

namespace {

const onnx::NodeProto *producerOf(const onnx::GraphProto &graph, const std::string &name) {
  for (const auto &node : graph.node())
    for (const auto &output : node.output())
      if (output == name)
        return &node;
  return nullptr;
}

/// Follows value-preserving ops (casts, squeezes, reshapes) back to the producer.
const onnx::NodeProto *skipShapeOps(const onnx::GraphProto &graph, std::string name) {
  static const std::set<std::string> transparent = {"Cast", "Squeeze", "Unsqueeze", "Reshape",
                                                    "Identity", "Flatten"};
  for (int depth = 0; depth < 16; ++depth) {
    const onnx::NodeProto *node = producerOf(graph, name);
    if (!node || !transparent.count(node->op_type()) || node->input_size() == 0)
      return node;
    name = node->input(0);
  }
  return nullptr;
}

/// The value of a scalar float constant (initializer or Constant node).
bool scalarConstant(const onnx::GraphProto &graph, const std::string &name, double &value) {
  const onnx::TensorProto *tensor = nullptr;
  for (const auto &initializer : graph.initializer())
    if (initializer.name() == name)
      tensor = &initializer;
  const onnx::NodeProto *node = tensor ? nullptr : skipShapeOps(graph, name);
  if (node && node->op_type() == "Constant") {
    for (const auto &attribute : node->attribute()) {
      if (attribute.name() == "value_float") {
        value = attribute.f();
        return true;
      }
      if (attribute.name() == "value")
        tensor = &attribute.t();
    }
  }
  if (!tensor)
    return false;
  TensorData data;
  std::string ignored;
  if (!decodeTensor(*tensor, "", data, ignored) || data.size() != 1)
    return false;
  value = data.isFloat ? data.floats[0] : static_cast<double>(data.ints[0]);
  return true;
}

/// Whether `name` is computed by a graph region containing `opType`.
bool dependsOnOp(const onnx::GraphProto &graph, const std::string &name, const std::string &opType,
                 int depth = 0) {
  const onnx::NodeProto *node = producerOf(graph, name);
  if (!node || depth > 12)
    return false;
  if (node->op_type() == opType)
    return true;
  for (const auto &input : node->input())
    if (!input.empty() && dependsOnOp(graph, input, opType, depth + 1))
      return true;
  return false;
}

/// Recovers criterion and threshold from the If's condition.
bool decodeCondition(const onnx::GraphProto &graph, const std::string &condition,
                     ExitDecision &decision, std::string &error) {
  const onnx::NodeProto *compare = skipShapeOps(graph, condition);
  static const std::set<std::string> comparisons = {"Greater", "GreaterOrEqual", "Less",
                                                    "LessOrEqual"};
  if (!compare || !comparisons.count(compare->op_type()) || compare->input_size() != 2) {
    error = "its condition is not a comparison of a confidence with a threshold";
    return false;
  }
  bool greater = compare->op_type().rfind("Greater", 0) == 0;
  // score OP threshold, or threshold OP score (which flips the direction).
  int thresholdIndex = 1;
  if (!scalarConstant(graph, compare->input(1), decision.threshold)) {
    if (!scalarConstant(graph, compare->input(0), decision.threshold)) {
      error = "its condition compares with a non-constant threshold";
      return false;
    }
    thresholdIndex = 0;
    greater = !greater;
  }
  const std::string &score = compare->input(1 - thresholdIndex);
  const onnx::NodeProto *scoreNode = skipShapeOps(graph, score);
  if (greater && scoreNode && scoreNode->op_type() == "ReduceMax" &&
      dependsOnOp(graph, scoreNode->input(0), "Softmax")) {
    decision.criterion = "max_softmax";
    return true;
  }
  if (!greater && dependsOnOp(graph, score, "Log") && dependsOnOp(graph, score, "Softmax")) {
    decision.criterion = "entropy";
    return true;
  }
  error = "its condition is neither max(softmax) > threshold nor entropy < threshold";
  return false;
}

/// Moves a branch's nodes and initializers into `graph`; names must not clash.
bool inlineBranch(onnx::GraphProto &graph, const onnx::GraphProto &branch,
                  std::set<std::string> &definedNames, std::string &error) {
  for (const auto &initializer : branch.initializer()) {
    if (!definedNames.insert(initializer.name()).second) {
      error = "branch value '" + initializer.name() + "' clashes with an outer value";
      return false;
    }
    *graph.add_initializer() = initializer;
  }
  for (const auto &node : branch.node()) {
    for (const auto &output : node.output())
      if (!output.empty() && !definedNames.insert(output).second) {
        error = "branch value '" + output + "' clashes with an outer value";
        return false;
      }
    *graph.add_node() = node;
  }
  for (const auto &info : branch.value_info())
    *graph.add_value_info() = info;
  return true;
}

} // namespace

bool lowerIfExits(onnx::GraphProto &graph, std::vector<ExitDecision> &decisions,
                  std::string &error) {
  for (;;) {
    int ifIndex = -1;
    for (int index = 0; index < graph.node_size(); ++index)
      if (graph.node(index).op_type() == "If")
        ifIndex = index;
    if (ifIndex < 0)
      return true;
    onnx::NodeProto ifNode = graph.node(ifIndex);
    std::string where = "If node '" + ifNode.name() + "'";

    // Its outputs must be graph outputs: the If chooses what the network returns.
    std::map<std::string, int> outputPosition;
    for (int index = 0; index < graph.output_size(); ++index)
      outputPosition[graph.output(index).name()] = index;
    for (const auto &output : ifNode.output())
      if (!outputPosition.count(output)) {
        error = where + ": output '" + output +
                "' feeds other nodes; only an If whose results are network outputs "
                "encodes an early exit";
        return false;
      }
    const onnx::GraphProto *thenBranch = nullptr, *elseBranch = nullptr;
    for (const auto &attribute : ifNode.attribute())
      (attribute.name() == "then_branch" ? thenBranch : elseBranch) = &attribute.g();
    if (!thenBranch || !elseBranch) {
      error = where + ": missing then_branch or else_branch";
      return false;
    }
    ExitDecision decision;
    std::string conditionError;
    if (!decodeCondition(graph, ifNode.input(0), decision, conditionError)) {
      error = where + ": " + conditionError;
      return false;
    }

    std::set<std::string> definedNames;
    for (const auto &input : graph.input())
      definedNames.insert(input.name());
    for (const auto &initializer : graph.initializer())
      definedNames.insert(initializer.name());
    for (int index = 0; index < graph.node_size(); ++index)
      if (index != ifIndex)
        for (const auto &output : graph.node(index).output())
          definedNames.insert(output);

    // Remove the If, then append both branches (the decision logic becomes dead).
    graph.mutable_node()->DeleteSubrange(ifIndex, 1);
    if (!inlineBranch(graph, *thenBranch, definedNames, error) ||
        !inlineBranch(graph, *elseBranch, definedNames, error)) {
      error = where + ": " + error;
      return false;
    }

    // Outputs: the exit's (then) before the continuation's (else), where the If's were.
    google::protobuf::RepeatedPtrField<onnx::ValueInfoProto> outputs;
    for (const auto &output : graph.output()) {
      auto found = std::find(ifNode.output().begin(), ifNode.output().end(), output.name());
      if (found == ifNode.output().end()) {
        *outputs.Add() = output;
        continue;
      }
      int index = static_cast<int>(found - ifNode.output().begin());
      for (const onnx::GraphProto *branch : {thenBranch, elseBranch}) {
        onnx::ValueInfoProto info = output;
        info.set_name(branch->output(index).name());
        *outputs.Add() = info;
      }
    }
    graph.mutable_output()->Swap(&outputs);
    decisions.push_back(decision);
  }
}

} // namespace eecc::onnx_frontend
