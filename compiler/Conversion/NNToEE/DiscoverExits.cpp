// ee-discover-exits: find each exit's branch point and build stages and exits.
#include "compiler/Conversion/Passes.h"
#include "dialects/ee/EEOps.h"
#include "dialects/nn/NNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"

#include <cmath>

namespace eecc {
#define GEN_PASS_DEF_DISCOVEREXITS
#include "compiler/Conversion/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

bool isConstant(Operation *op) { return op && op->hasTrait<OpTrait::ConstantLike>(); }

/// "output 'exit0'" when the importer recorded output names, else "result 0".
std::string describeResult(func::FuncOp function, int64_t index) {
  if (auto names = function->getAttrOfType<ArrayAttr>("eecc.output_names"))
    if (index >= 0 && index < static_cast<int64_t>(names.size()))
      if (auto name = dyn_cast<StringAttr>(names[index]))
        return "output '" + name.str() + "'";
  return "result " + std::to_string(index);
}

/// Non-constant ops that `value` depends on.
llvm::DenseSet<Operation *> ancestorsOf(Value value) {
  llvm::DenseSet<Operation *> ancestors;
  SmallVector<Value> worklist = {value};
  while (!worklist.empty()) {
    Operation *op = worklist.pop_back_val().getDefiningOp();
    if (!op || isConstant(op) || !ancestors.insert(op).second)
      continue;
    llvm::append_range(worklist, op->getOperands());
  }
  return ancestors;
}

/// The number of non-constant ops on the longest path from the function's inputs to
/// `value` (memoized in `depths`).
int64_t depthOf(Value value, llvm::DenseMap<Operation *, int64_t> &depths) {
  Operation *root = value.getDefiningOp();
  if (!root || isConstant(root))
    return 0;
  // Iterative post-order: graphs of 40,000 layers must not overflow the stack.
  SmallVector<std::pair<Operation *, bool>> worklist = {{root, false}};
  while (!worklist.empty()) {
    auto [op, expanded] = worklist.pop_back_val();
    if (depths.count(op))
      continue;
    if (expanded) {
      int64_t deepest = 0;
      for (Value operand : op->getOperands())
        if (Operation *definer = operand.getDefiningOp(); definer && !isConstant(definer))
          deepest = std::max(deepest, depths.lookup(definer));
      depths[op] = deepest + 1;
      continue;
    }
    worklist.push_back({op, true});
    for (Value operand : op->getOperands())
      if (Operation *definer = operand.getDefiningOp();
          definer && !isConstant(definer) && !depths.count(definer))
        worklist.push_back({definer, false});
  }
  return depths.lookup(root);
}

/// One early exit while it is being placed.
struct ExitPlan {
  int64_t output = 0;      // result index of the model function
  int64_t exitOrdinal = 0; // position among the early-exit results (metadata order)
  Value logits;            // what the exit yields (the output, or its Softmax's input)
  Value branch;            // the backbone tensor the exit reads
  SmallVector<Operation *> layers; // exit-only ops, in program order
};

/// Copies ops into a new region of `regionOp`, taking `inputs` as block arguments;
/// constants used inside are cloned in. Returns the mapping for the yield.
IRMapping fillRegion(OpBuilder &builder, Region &region, ValueRange inputs,
                     ArrayRef<Operation *> ops, Location loc) {
  Block *block = builder.createBlock(&region);
  IRMapping mapping;
  for (Value input : inputs)
    mapping.map(input, block->addArgument(input.getType(), input.getLoc()));
  for (Operation *op : ops) {
    for (Value operand : op->getOperands()) {
      Operation *definer = operand.getDefiningOp();
      if (!mapping.contains(operand) && isConstant(definer))
        mapping.map(operand, builder.clone(*definer)->getResult(0));
    }
    builder.clone(*op, mapping);
  }
  return mapping;
}

struct DiscoverExitsPass : eecc::impl::DiscoverExitsBase<DiscoverExitsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<func::FuncOp> functions(getOperation().getOps<func::FuncOp>());
    for (func::FuncOp function : functions)
      if (!function.isExternal() && failed(discover(function)))
        return signalPassFailure();
  }

  LogicalResult discover(func::FuncOp function);
  LogicalResult planExits(func::FuncOp function, int64_t finalIndex,
                          const llvm::DenseSet<Operation *> &backbone,
                          SmallVectorImpl<ExitPlan> &plans);
  void attachDecision(func::FuncOp function, const ExitPlan &plan, ee::ExitOp exit);
  LogicalResult resolveExits(func::FuncOp function);

  /// The results `exits` names (result indices or graph output names).
  SmallVector<int64_t> resolvedExits;
};

LogicalResult DiscoverExitsPass::resolveExits(func::FuncOp function) {
  resolvedExits.clear();
  auto names = function->getAttrOfType<ArrayAttr>("eecc.output_names");
  for (const std::string &item : exitOutputs) {
    int64_t index = -1;
    if (StringRef(item).getAsInteger(10, index)) {
      index = -1;
      for (auto [position, name] : llvm::enumerate(names ? names.getValue() : ArrayRef<Attribute>()))
        if (auto text = dyn_cast<StringAttr>(name); text && text.getValue() == item)
          index = static_cast<int64_t>(position);
    }
    if (index < 0)
      return function.emitError("--exits: '") << item << "' is not an output of the model";
    resolvedExits.push_back(index);
  }
  return success();
}

LogicalResult DiscoverExitsPass::planExits(func::FuncOp function, int64_t finalIndex,
                                           const llvm::DenseSet<Operation *> &backbone,
                                           SmallVectorImpl<ExitPlan> &plans) {
  auto ret = cast<func::ReturnOp>(function.getBody().front().getTerminator());
  int64_t numResults = ret.getNumOperands();
  SmallVector<int64_t> exitIndices;
  if (!resolvedExits.empty()) {
    exitIndices.assign(resolvedExits.begin(), resolvedExits.end());
  } else {
    for (int64_t index = 0; index < numResults; ++index)
      if (index != finalIndex)
        exitIndices.push_back(index);
  }
  for (int64_t index : exitIndices) {
    if (index < 0 || index >= numResults || index == finalIndex)
      return function.emitError("exit ")
             << describeResult(function, index) << " is not a non-final result of @"
             << function.getSymName();
    Value logits = ret.getOperand(index);
    ExitPlan plan;
    plan.output = index;
    plan.logits = logits;
    // Metadata lists one decision per non-final output, in output order.
    plan.exitOrdinal = index < finalIndex ? index : index - 1;
    Operation *producer = logits.getDefiningOp();
    if (!producer || backbone.contains(producer) || isConstant(producer))
      return function.emitError("exit ")
             << describeResult(function, index)
             << " is computed by the backbone itself, not by an exit classifier";
    llvm::DenseSet<Operation *> ancestors = ancestorsOf(logits);
    llvm::SetVector<Value> branches;
    for (Operation &op : function.getBody().front()) {
      if (!ancestors.contains(&op) || backbone.contains(&op))
        continue;
      plan.layers.push_back(&op);
      for (Value operand : op.getOperands()) {
        Operation *definer = operand.getDefiningOp();
        if (!definer || backbone.contains(definer))
          branches.insert(operand);
      }
    }
    if (branches.size() != 1)
      return function.emitError("exit ")
             << describeResult(function, index) << " reads " << branches.size()
             << " backbone tensors; eecc needs exactly one branch point per exit";
    plan.branch = branches.front();
    // An exit that already ends in a softmax over its classes (probabilities, as many
    // exports return) would get a second one from its criterion: its max-softmax could
    // never pass a threshold above about 1/C. The exit keeps the logits instead (same
    // class, same decision as the exported model's criterion on its probabilities).
    // The same for a LogSoftmax (log-probabilities): softmax is shift-invariant, so the
    // criterion on the logits decides as on the log-probabilities.
    Operation *normalizer = logits.getDefiningOp();
    if (isa_and_nonnull<nn::SoftmaxOp, nn::LogSoftmaxOp>(normalizer) && normalizer->hasOneUse() &&
        normalizer->getOperand(0).getDefiningOp() &&
        !backbone.contains(normalizer->getOperand(0).getDefiningOp())) {
      auto type = cast<ShapedType>(logits.getType());
      int64_t axis = static_cast<int64_t>(isa<nn::SoftmaxOp>(normalizer)
                                              ? cast<nn::SoftmaxOp>(normalizer).getAxis()
                                              : cast<nn::LogSoftmaxOp>(normalizer).getAxis());
      if (axis == -1 || axis == type.getRank() - 1) {
        plan.logits = normalizer->getOperand(0);
        llvm::erase(plan.layers, normalizer);
        function.emitWarning("exit ")
            << describeResult(function, index) << " ends in a "
            << (isa<nn::SoftmaxOp>(normalizer) ? "Softmax" : "LogSoftmax")
            << ": eecc applies the exit's criterion to the logits before it (the same "
               "decision) and reports those logits for this exit";
      }
    }
    if (isa<BlockArgument>(plan.branch))
      return function.emitError("exit ")
             << describeResult(function, index)
             << " branches off the network input; an exit needs a backbone stage before it";
    plans.push_back(std::move(plan));
  }
  // Number exits along the backbone: by the position of their branch point.
  llvm::sort(plans, [](const ExitPlan &a, const ExitPlan &b) {
    return a.branch.getDefiningOp()->isBeforeInBlock(b.branch.getDefiningOp());
  });
  for (size_t i = 1; i < plans.size(); ++i)
    if (plans[i].branch == plans[i - 1].branch)
      return function.emitError("exits ")
             << describeResult(function, plans[i - 1].output) << " and "
             << describeResult(function, plans[i].output)
             << " branch off the same tensor; exits must be at distinct points of the backbone";
  return success();
}

void DiscoverExitsPass::attachDecision(func::FuncOp function, const ExitPlan &plan,
                                       ee::ExitOp exit) {
  auto criteria = function->getAttrOfType<ArrayAttr>("eecc.exit_criteria");
  auto thresholds = function->getAttrOfType<ArrayAttr>("eecc.exit_thresholds");
  auto pick = [&](ArrayAttr list) -> Attribute {
    if (!list || plan.exitOrdinal >= static_cast<int64_t>(list.size()))
      return {};
    return list[plan.exitOrdinal];
  };
  if (auto name = dyn_cast_or_null<StringAttr>(pick(criteria)))
    if (auto criterion = ee::symbolizeCriterion(name.getValue()))
      exit.setCriterionAttr(ee::CriterionAttr::get(&getContext(), *criterion));
  if (auto threshold = dyn_cast_or_null<FloatAttr>(pick(thresholds));
      threshold && exit.getCriterion() && thresholds.size() > static_cast<size_t>(plan.exitOrdinal)) {
    exit.setThresholdAttr(threshold);
    if (auto strict = dyn_cast_or_null<BoolAttr>(
            pick(function->getAttrOfType<ArrayAttr>("eecc.exit_strict")));
        strict && strict.getValue())
      exit.setStrict(true);
  }
  if (auto names = function->getAttrOfType<ArrayAttr>("eecc.output_names");
      names && plan.output < static_cast<int64_t>(names.size()))
    exit->setAttr("eecc.output_name", names[plan.output]);
}

LogicalResult DiscoverExitsPass::discover(func::FuncOp function) {
  Block &body = function.getBody().front();
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  int64_t numResults = ret.getNumOperands();
  if (numResults == 0)
    return function.emitError("model function @") << function.getSymName() << " has no results";
  if (failed(resolveExits(function)))
    return failure();
  int64_t finalIndex = finalOutput >= 0 ? static_cast<int64_t>(finalOutput) : -1;
  if (finalIndex < 0)
    if (auto attr = function->getAttrOfType<IntegerAttr>("eecc.final_output"))
      finalIndex = attr.getInt();
  if (finalIndex < 0) {
    // The final classifier is downstream of every branch point: the deepest output (the
    // last listed on a tie); exports may list it first (`return final, exits`).
    llvm::DenseMap<Operation *, int64_t> depths;
    int64_t deepest = -1;
    for (int64_t index = 0; index < numResults; ++index) {
      if (llvm::is_contained(resolvedExits, index))
        continue;
      int64_t depth = depthOf(ret.getOperand(index), depths);
      if (depth >= deepest) {
        deepest = depth;
        finalIndex = index;
      }
    }
    if (finalIndex < 0)
      finalIndex = numResults - 1;
    if (finalIndex != numResults - 1)
      function.emitWarning("the final exit is ")
          << describeResult(function, finalIndex) << " (the deepest, " << deepest
          << " layers), not the last output, " << describeResult(function, numResults - 1)
          << " (" << depthOf(ret.getOperand(numResults - 1), depths)
          << " layers); --final-output=NAME chooses another";
  }
  if (finalIndex < 0 || finalIndex >= numResults)
    return function.emitError("final output ")
           << finalIndex << " is out of range for " << numResults << " results";
  Value finalLogits = ret.getOperand(finalIndex);
  llvm::DenseSet<Operation *> backbone = ancestorsOf(finalLogits);
  if (!finalLogits.getDefiningOp() || !backbone.contains(finalLogits.getDefiningOp()))
    return function.emitError("the final output is not computed by any layer");

  SmallVector<ExitPlan> plans;
  if (failed(planExits(function, finalIndex, backbone, plans)))
    return failure();

  // Cut the backbone (program order) after each branch point.
  SmallVector<SmallVector<Operation *>> stages(1);
  size_t nextCut = 0;
  for (Operation &op : body) {
    if (!backbone.contains(&op))
      continue;
    stages.back().push_back(&op);
    if (nextCut < plans.size() && plans[nextCut].branch.getDefiningOp() == &op) {
      stages.emplace_back();
      ++nextCut;
    }
  }
  if (stages.back().empty())
    return function.emitError("the last exit branches off the final classifier's output");

  llvm::DenseMap<Operation *, int64_t> stageOf;
  for (auto [index, ops] : llvm::enumerate(stages))
    for (Operation *op : ops)
      stageOf[op] = index;
  llvm::DenseSet<Operation *> exitLayers;
  for (const ExitPlan &plan : plans)
    exitLayers.insert(plan.layers.begin(), plan.layers.end());

  OpBuilder builder(function);
  Location loc = function.getLoc();
  auto network = builder.create<ee::NetworkOp>(loc, function.getSymNameAttr());
  Block *networkBody = builder.createBlock(&network.getBody());
  IRMapping outer; // function values -> network values
  for (BlockArgument argument : function.getArguments())
    outer.map(argument, networkBody->addArgument(argument.getType(), argument.getLoc()));

  size_t nextExit = 0;
  for (auto [index, ops] : llvm::enumerate(stages)) {
    llvm::DenseSet<Operation *> inStage(ops.begin(), ops.end());
    llvm::SetVector<Value> inputs, outputs;
    for (Operation *op : ops)
      for (Value operand : op->getOperands()) {
        Operation *definer = operand.getDefiningOp();
        if (!isConstant(definer) && !inStage.contains(definer))
          inputs.insert(operand);
      }
    // A stage yields what later stages, the kept exits or the final output read;
    // users that nothing returned depends on (exits dropped by `exits`) do not count.
    for (Operation *op : ops)
      for (Value result : op->getResults())
        for (Operation *user : result.getUsers())
          if (!inStage.contains(user) && (stageOf.count(user) || exitLayers.contains(user) ||
                                          result == finalLogits)) {
            outputs.insert(result);
            break;
          }

    builder.setInsertionPointToEnd(networkBody);
    SmallVector<Value> stageInputs;
    for (Value input : inputs)
      stageInputs.push_back(outer.lookup(input));
    auto stage = builder.create<ee::StageOp>(
        ops.front()->getLoc(), ValueRange(outputs.getArrayRef()).getTypes(),
        builder.getI64IntegerAttr(index), stageInputs);
    {
      OpBuilder::InsertionGuard guard(builder);
      IRMapping inner = fillRegion(builder, stage.getBody(), inputs.getArrayRef(), ops, loc);
      SmallVector<Value> yielded;
      for (Value output : outputs)
        yielded.push_back(inner.lookup(output));
      builder.create<ee::YieldOp>(loc, yielded);
    }
    for (auto [original, result] : llvm::zip(outputs, stage.getResults()))
      outer.map(original, result);

    // Exits whose branch point this stage computes.
    while (nextExit < plans.size() && stageOf.lookup(plans[nextExit].branch.getDefiningOp()) ==
                                          static_cast<int64_t>(index)) {
      const ExitPlan &plan = plans[nextExit];
      Value logits = plan.logits;
      builder.setInsertionPointToEnd(networkBody);
      auto exit = builder.create<ee::ExitOp>(
          logits.getLoc(), logits.getType(), builder.getI64IntegerAttr(nextExit),
          /*final=*/nullptr, ValueRange{outer.lookup(plan.branch)}, /*criterion=*/nullptr,
          /*threshold=*/nullptr, /*strict=*/nullptr, /*placement=*/nullptr);
      {
        OpBuilder::InsertionGuard guard(builder);
        IRMapping inner = fillRegion(builder, exit.getBody(), plan.branch, plan.layers, loc);
        builder.create<ee::YieldOp>(loc, inner.lookup(logits));
      }
      attachDecision(function, plan, exit);
      ++nextExit;
    }
  }

  builder.setInsertionPointToEnd(networkBody);
  Value finalInput = outer.lookup(finalLogits);
  auto finalExit = builder.create<ee::ExitOp>(
      finalLogits.getLoc(), finalLogits.getType(), builder.getI64IntegerAttr(plans.size()),
      builder.getUnitAttr(), ValueRange{finalInput}, nullptr, nullptr, nullptr, nullptr);
  {
    OpBuilder::InsertionGuard guard(builder);
    Block *block = builder.createBlock(&finalExit.getBody());
    builder.create<ee::YieldOp>(loc, block->addArgument(finalInput.getType(), loc));
  }
  if (auto names = function->getAttrOfType<ArrayAttr>("eecc.output_names");
      names && finalIndex < static_cast<int64_t>(names.size()))
    finalExit->setAttr("eecc.output_name", names[finalIndex]);
  for (StringRef attr : {"eecc.source", "eecc.onnx_opset"})
    if (Attribute value = function->getAttr(attr))
      network->setAttr(attr, value);
  function.erase();
  return success();
}

} // namespace
