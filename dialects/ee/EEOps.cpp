// Verifiers of the ee ops: stage/exit order along the backbone, criteria, thresholds.
#include "dialects/ee/EEOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

#include <cmath>
#include <cstdio>

using namespace mlir;
using namespace eecc::ee;

namespace {

/// Checks that a single-block region's arguments match `inputs` and that its
/// ee.yield returns `results`.
LogicalResult verifyBodySignature(Operation *op, Region &body, TypeRange inputs,
                                  TypeRange results) {
  Block &block = body.front();
  if (block.getArgumentTypes() != inputs)
    return op->emitOpError("expects region arguments (")
           << inputs << ") matching the inputs, got (" << block.getArgumentTypes() << ")";
  Operation *terminator = block.empty() ? nullptr : &block.back();
  if (!terminator || !isa<YieldOp>(terminator))
    return op->emitOpError("expects its region to end with ee.yield");
  if (terminator->getOperandTypes() != results)
    return op->emitOpError("expects ee.yield to return (")
           << results << ") matching the results, got (" << terminator->getOperandTypes() << ")";
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// NetworkOp
//===----------------------------------------------------------------------===//

SmallVector<ExitOp> eecc::ee::getExits(NetworkOp network) {
  return llvm::to_vector(network.getBody().front().getOps<ExitOp>());
}

SmallVector<StageOp> eecc::ee::getStages(NetworkOp network) {
  return llvm::to_vector(network.getBody().front().getOps<StageOp>());
}

LogicalResult NetworkOp::verifyRegions() {
  Block &body = getBody().front();
  // Position of every stage result along the backbone; network inputs are -1.
  llvm::DenseMap<Value, int64_t> stageOf;
  for (BlockArgument argument : body.getArguments())
    stageOf[argument] = -1;

  int64_t nextStage = 0, nextExit = 0, lastBranchStage = -2;
  ExitOp finalExit;
  for (Operation &op : body) {
    if (auto stage = dyn_cast<StageOp>(op)) {
      if (static_cast<int64_t>(stage.getIndex()) != nextStage)
        return stage.emitOpError("expects stage index ")
               << nextStage << " (stages are numbered in order), got "
               << static_cast<int64_t>(stage.getIndex());
      if (finalExit)
        return stage.emitOpError("appears after the final exit");
      for (Value result : stage.getResults())
        stageOf[result] = nextStage;
      ++nextStage;
      continue;
    }
    auto exit = dyn_cast<ExitOp>(op);
    if (!exit)
      return op.emitOpError("is not allowed in an ee.network body (only ee.stage and ee.exit)");
    if (static_cast<int64_t>(exit.getIndex()) != nextExit)
      return exit.emitOpError("expects exit index ")
             << nextExit << " (exits are numbered along the backbone), got "
             << static_cast<int64_t>(exit.getIndex());
    if (finalExit && exit.getFinal())
      return exit.emitOpError("is a second final exit; a network has exactly one (exit ")
             << static_cast<int64_t>(finalExit.getIndex()) << " is final)";
    if (finalExit)
      return exit.emitOpError("appears after the final exit ")
             << static_cast<int64_t>(finalExit.getIndex());
    // The branch point is the latest stage any of the exit's inputs comes from.
    int64_t branchStage = -1;
    for (Value input : exit.getInputs()) {
      auto found = stageOf.find(input);
      if (found == stageOf.end())
        return exit.emitOpError("expects its inputs to be network inputs or stage results");
      branchStage = std::max(branchStage, found->second);
    }
    auto describe = [](int64_t stage) {
      return stage < 0 ? std::string("the network input") : "stage " + std::to_string(stage);
    };
    if (branchStage <= lastBranchStage)
      return exit.emitOpError("branches off ")
             << describe(branchStage) << ", but the previous exit branches off "
             << describe(lastBranchStage) << " (exits must be ordered along the backbone)";
    lastBranchStage = branchStage;
    if (exit.getFinal()) {
      if (branchStage != nextStage - 1)
        return exit.emitOpError("is final but branches off ")
               << describe(branchStage) << ", not the last stage " << nextStage - 1;
      finalExit = exit;
    }
    ++nextExit;
  }
  if (!finalExit)
    return emitOpError("expects exactly one final exit (marked 'final'), found none");
  for (Operation &op : body)
    if (auto stage = dyn_cast<StageOp>(op))
      for (Value input : stage.getInputs())
        if (!stageOf.count(input))
          return stage.emitOpError("expects its inputs to be network inputs or stage results");
  return success();
}

//===----------------------------------------------------------------------===//
// StageOp
//===----------------------------------------------------------------------===//

LogicalResult StageOp::verifyRegions() {
  return verifyBodySignature(*this, getBody(), getInputs().getTypes(), getResultTypes());
}

//===----------------------------------------------------------------------===//
// ExitOp
//===----------------------------------------------------------------------===//

int64_t ExitOp::getNumClasses() {
  return cast<RankedTensorType>(getLogits().getType()).getNumElements();
}

LogicalResult ExitOp::verify() {
  auto logitsType = cast<RankedTensorType>(getLogits().getType());
  if (logitsType.getRank() < 1 || !logitsType.hasStaticShape() ||
      !isa<FloatType>(logitsType.getElementType()))
    return emitOpError("expects statically shaped float logits, got ") << logitsType;
  int64_t classes = getNumClasses();
  // An early exit needs a choice to be confident about; the final exit may return a
  // single value (a regression head, a one-element feature map).
  if (classes < (getFinal() ? 1 : 2))
    return emitOpError("expects at least 2 classes in the logits, got ") << classes;
  // An early exit decides on a class vector: [1, C] (or [C]). The final exit returns the
  // network's output, of any shape (a static network may end in a feature map, or in
  // rows of a fixed leading dimension); its class is the argmax over every element.
  if (!getFinal() && logitsType.getDimSize(logitsType.getRank() - 1) != classes)
    return emitOpError("expects the logits of one sample (every dimension but the last is 1), "
                       "got ")
           << logitsType;

  if (getFinal()) {
    if (getCriterion() || getThreshold() || getStrict() || getPlacement())
      return emitOpError("is final: it takes every remaining sample and has no criterion, "
                         "threshold or placement");
    return success();
  }
  if (getThreshold() && !getCriterion())
    return emitOpError("has a threshold but no criterion to compare it with");
  if (getStrict() && !getThreshold())
    return emitOpError("is strict but has no threshold");
  if (!getThreshold())
    return success();

  double threshold = getThreshold()->convertToDouble();
  double upper = 1.0;
  if (*getCriterion() == Criterion::entropy)
    upper = std::log(static_cast<double>(classes));
  auto shortest = [](double value) {
    char text[32];
    std::snprintf(text, sizeof(text), "%g", value);
    return std::string(text);
  };
  if (!(threshold >= 0.0 && threshold <= upper)) {
    // Name the exit as the model does: its graph output, when the importer recorded it.
    std::string exitName = "exit " + std::to_string(getIndex());
    if (auto output = (*this)->getAttrOfType<StringAttr>("eecc.output_name"))
      exitName += " (output '" + output.str() + "')";
    return emitOpError() << exitName << ": threshold " << shortest(threshold) << " is outside [0, "
                         << shortest(upper) << "] for criterion "
                         << stringifyCriterion(*getCriterion()) << " with " << classes
                         << " classes (from the model's eecc.thresholds or If condition, or "
                            "--thresholds)";
  }
  return success();
}

LogicalResult ExitOp::verifyRegions() {
  return verifyBodySignature(*this, getBody(), getInputs().getTypes(), getLogits().getType());
}

#define GET_OP_CLASSES
#include "dialects/ee/EEOps.cpp.inc"

mlir::Value eecc::ee::resolveNetworkValue(mlir::Value value) {
  if (auto argument = dyn_cast<BlockArgument>(value)) {
    Operation *parent = argument.getOwner()->getParentOp();
    if (isa<NetworkOp>(parent))
      return value;
    return resolveNetworkValue(parent->getOperand(argument.getArgNumber())); // stage / exit
  }
  Operation *producer = value.getDefiningOp();
  if (isa<StageOp, ExitOp>(producer)) {
    auto yield = cast<YieldOp>(producer->getRegion(0).front().getTerminator());
    return resolveNetworkValue(yield.getValues()[cast<OpResult>(value).getResultNumber()]);
  }
  return value;
}
