// Internal: turns If-encoded early exits into extra graph outputs.
#include "IfExits.h"

#include "TensorData.h"

#include <cmath>
#include <map>
#include <set>

namespace eecc::onnx_frontend {

namespace {

/// Producer of every value of a graph, for following a condition back to its source.
class Producers {
public:
  explicit Producers(const onnx::GraphProto &graph) : graph(graph) {
    for (const auto &node : graph.node())
      for (const auto &output : node.output())
        byValue[output] = &node;
  }

  const onnx::NodeProto *of(const std::string &name) const {
    auto found = byValue.find(name);
    return found == byValue.end() ? nullptr : found->second;
  }

  /// Follows value-preserving ops (casts, squeezes, reshapes, identities) back.
  std::string skipShapeOps(std::string name) const {
    static const std::set<std::string> transparent = {"Cast",     "Squeeze", "Unsqueeze",
                                                      "Reshape",  "Identity", "Flatten"};
    for (int depth = 0; depth < 16; ++depth) {
      const onnx::NodeProto *node = of(name);
      if (!node || !transparent.count(node->op_type()) || node->input_size() == 0)
        return name;
      name = node->input(0);
    }
    return name;
  }

  /// The producer of `name` (after shape ops) if it is an `opType` node.
  const onnx::NodeProto *producerIs(const std::string &name, const char *opType) const {
    const onnx::NodeProto *node = of(skipShapeOps(name));
    return node && node->op_type() == opType ? node : nullptr;
  }

  /// The value of a scalar float constant (initializer or Constant node).
  bool scalarConstant(const std::string &name, double &value) const {
    const std::string source = skipShapeOps(name);
    const onnx::TensorProto *tensor = nullptr;
    for (const auto &initializer : graph.initializer())
      if (initializer.name() == source)
        tensor = &initializer;
    const onnx::NodeProto *node = tensor ? nullptr : of(source);
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

private:
  const onnx::GraphProto &graph;
  std::map<std::string, const onnx::NodeProto *> byValue;
};

/// Whether `name` is Softmax(logits) over the class axis.
bool isSoftmaxOf(const Producers &producers, const std::string &name, const std::string &logits) {
  const onnx::NodeProto *softmax = producers.producerIs(name, "Softmax");
  if (!softmax || softmax->input_size() != 1 ||
      producers.skipShapeOps(softmax->input(0)) != producers.skipShapeOps(logits))
    return false;
  for (const auto &attribute : softmax->attribute())
    if (attribute.name() == "axis" && attribute.i() != 1 && attribute.i() != -1)
      return false;
  return true;
}

/// max(softmax(logits)): ReduceMax of the class probabilities.
bool isMaxSoftmax(const Producers &producers, const std::string &score, const std::string &logits) {
  const onnx::NodeProto *reduce = producers.producerIs(score, "ReduceMax");
  return reduce && reduce->input_size() == 1 && isSoftmaxOf(producers, reduce->input(0), logits);
}

/// -sum(p * log p) with p = softmax(logits).
bool isEntropy(const Producers &producers, const std::string &score, const std::string &logits) {
  const onnx::NodeProto *negate = producers.producerIs(score, "Neg");
  const onnx::NodeProto *sum = negate ? producers.producerIs(negate->input(0), "ReduceSum") : nullptr;
  const onnx::NodeProto *product = sum ? producers.producerIs(sum->input(0), "Mul") : nullptr;
  if (!product || product->input_size() != 2)
    return false;
  for (int first : {0, 1}) {
    const std::string &p = product->input(first);
    const onnx::NodeProto *log = producers.producerIs(product->input(1 - first), "Log");
    if (log && isSoftmaxOf(producers, p, logits) &&
        producers.skipShapeOps(log->input(0)) == producers.skipShapeOps(p))
      return true;
  }
  return false;
}

/// Recovers criterion and threshold from the If's condition, which must measure the
/// logits the then branch returns (`exitLogits`).
bool decodeCondition(const onnx::GraphProto &graph, const std::string &condition,
                     const std::string &exitLogits, ExitDecision &decision, std::string &error) {
  Producers producers(graph);
  const onnx::NodeProto *compare = producers.of(producers.skipShapeOps(condition));
  static const std::set<std::string> comparisons = {"Greater", "GreaterOrEqual", "Less",
                                                    "LessOrEqual"};
  if (!compare || !comparisons.count(compare->op_type()) || compare->input_size() != 2) {
    error = "its condition is not a comparison of a confidence with a threshold";
    return false;
  }
  bool greater = compare->op_type().rfind("Greater", 0) == 0;
  bool strict = compare->op_type() == "Greater" || compare->op_type() == "Less";
  // score OP threshold, or threshold OP score (which flips the direction).
  double threshold = 0.0;
  int thresholdIndex = 1;
  if (!producers.scalarConstant(compare->input(1), threshold)) {
    if (!producers.scalarConstant(compare->input(0), threshold)) {
      error = "its condition compares with a non-constant threshold";
      return false;
    }
    thresholdIndex = 0;
    greater = !greater;
  }
  if (!std::isfinite(threshold)) {
    error = "its condition (node '" + compare->name() + "') compares with the threshold '" +
            compare->input(thresholdIndex) + "' = " + std::to_string(threshold) +
            ", which is not a finite number";
    return false;
  }
  const std::string &score = compare->input(1 - thresholdIndex);
  if (greater && isMaxSoftmax(producers, score, exitLogits)) {
    decision.criterion = "max_softmax";
  } else if (!greater && isEntropy(producers, score, exitLogits)) {
    decision.criterion = "entropy";
  } else {
    error = "its condition is neither max(softmax(exit logits)) > threshold nor "
            "entropy(softmax(exit logits)) < threshold, with the exit logits those the then "
            "branch returns";
    return false;
  }
  // Greater/Less stay strict on the exit (ee.exit `strict`), in float and in the
  // fixed-point unit alike: a tie never exits.
  decision.strict = strict;
  decision.threshold = threshold;
  return true;
}

/// The outer value a then branch returns through Identity, or its output's own name.
std::string branchResult(const onnx::GraphProto &branch, int index) {
  const std::string &output = branch.output(index).name();
  for (const auto &node : branch.node())
    if (node.op_type() == "Identity" && node.output_size() == 1 && node.output(0) == output)
      return node.input(0);
  return output;
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

/// A node as errors name it: its name, or its first output when it has none.
std::string nodeLabel(const onnx::NodeProto &node) {
  if (!node.name().empty())
    return "'" + node.name() + "'";
  return node.output_size() ? "(unnamed, output '" + node.output(0) + "')" : "(unnamed)";
}

/// What a branch returns as its output `index`: "constant" (a Constant node or an
/// initializer of the branch, through shape ops), "if" (a nested If's output: a later
/// exit's choice), or the producing op type.
std::string branchOutputKind(const onnx::GraphProto &branch, int index) {
  Producers producers(branch);
  const std::string source = producers.skipShapeOps(branch.output(index).name());
  for (const auto &initializer : branch.initializer())
    if (initializer.name() == source)
      return "constant";
  const onnx::NodeProto *node = producers.of(source);
  if (!node)
    return "an outer value '" + source + "'";
  if (node->op_type() == "Constant")
    return "constant";
  return node->op_type() == "If" ? "if" : "the result of a " + node->op_type() + " node";
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
    std::string where = "If node " + nodeLabel(ifNode);

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
    if (thenBranch->output_size() != ifNode.output_size() ||
        elseBranch->output_size() != ifNode.output_size()) {
      error = where + ": its branches return " + std::to_string(thenBranch->output_size()) +
              " and " + std::to_string(elseBranch->output_size()) + " values for " +
              std::to_string(ifNode.output_size()) + " outputs";
      return false;
    }
    // The logits are the output the criterion's Softmax reads; the others must be the
    // exit's index (a constant in each branch, or a nested If's choice in the else branch),
    // which eecc reports itself.
    ExitDecision decision;
    std::string conditionError;
    int logitsIndex = -1;
    for (int index = 0; index < thenBranch->output_size() && logitsIndex < 0; ++index) {
      std::string attempt;
      if (decodeCondition(graph, ifNode.input(0), branchResult(*thenBranch, index), decision,
                          attempt))
        logitsIndex = index;
      else if (index == 0)
        conditionError = attempt;
    }
    if (logitsIndex < 0) {
      error = where + ": " + conditionError;
      return false;
    }
    for (int index = 0; index < ifNode.output_size(); ++index) {
      if (index == logitsIndex)
        continue;
      std::string thenKind = branchOutputKind(*thenBranch, index);
      std::string elseKind = branchOutputKind(*elseBranch, index);
      if (thenKind != "constant" || (elseKind != "constant" && elseKind != "if")) {
        error = where + ": output '" + ifNode.output(index) +
                "' is neither the exit's logits (what the decision's Softmax reads) nor its "
                "index (a constant in each branch): the then branch returns " +
                (thenKind == "constant" ? "a constant" : thenKind) + ", the else branch " +
                (elseKind == "constant" ? "a constant" : elseKind);
        return false;
      }
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

    // Outputs: the exit's logits (then) before the continuation's (else), where the If's
    // were. An index output goes; a nested If's index stays an output until that If is
    // lowered in turn (its outputs must be graph outputs).
    google::protobuf::RepeatedPtrField<onnx::ValueInfoProto> outputs;
    for (const auto &output : graph.output()) {
      auto found = std::find(ifNode.output().begin(), ifNode.output().end(), output.name());
      if (found == ifNode.output().end()) {
        *outputs.Add() = output;
        continue;
      }
      int index = static_cast<int>(found - ifNode.output().begin());
      if (index != logitsIndex) {
        if (branchOutputKind(*elseBranch, index) == "if") {
          onnx::ValueInfoProto info = output;
          info.set_name(elseBranch->output(index).name());
          *outputs.Add() = info;
        }
        continue;
      }
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
