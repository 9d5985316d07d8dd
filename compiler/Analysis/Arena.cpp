// The feature-map arena of engine binding (see Arena.h).
#include "Arena.h"

#include "dialects/nn/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <algorithm>
#include <vector>

using namespace mlir;

namespace eecc {

namespace {
struct Storage {
  int64_t size = 0, start = 0, end = 0, offset = -1;
};
} // namespace

ArenaPlan planArena(ee::NetworkOp network) {
  std::vector<Storage> storages;
  llvm::DenseMap<Value, unsigned> storageOf;
  auto size = [](Value v) { return cast<ShapedType>(v.getType()).getNumElements(); };
  auto define = [&](Value v, int64_t at) {
    storageOf[v] = static_cast<unsigned>(storages.size());
    storages.push_back({size(v), at, at, -1});
  };
  std::vector<unsigned> touched; // storages of the span being laid out
  auto use = [&](Value v, int64_t at) {
    auto found = storageOf.find(v);
    if (found == storageOf.end())
      return; // a weight
    Storage &s = storages[found->second];
    s.end = std::max(s.end, at);
    touched.push_back(found->second);
  };
  auto alias = [&](Value v, Value of) {
    auto found = storageOf.find(of);
    if (found != storageOf.end())
      storageOf[v] = found->second;
  };

  Block &body = network.getBody().front();
  define(body.getArgument(0), 0);
  int64_t step = 1;
  SmallVector<Operation *> ops = llvm::to_vector(llvm::make_pointer_range(body));
  int64_t spanStart = -1; // a parallel exit and its neighbour stage
  for (size_t position = 0; position < ops.size(); ++position) {
    Operation *op = ops[position];
    Region &region = op->getRegion(0);
    Block &block = region.front();
    auto exit = dyn_cast<ee::ExitOp>(op);
    const bool parallel = exit && exit.getPlacement() == ee::Placement::parallel &&
                          position + 1 < ops.size() && isa<ee::StageOp>(ops[position + 1]);
    if (parallel) {
      spanStart = step;
      touched.clear();
    }
    for (auto [argument, operand] : llvm::zip(block.getArguments(), op->getOperands())) {
      alias(argument, operand);
      use(operand, step);
    }
    for (Operation &inner : block) {
      if (isa<arith::ConstantOp>(inner))
        continue;
      if (auto yield = dyn_cast<ee::YieldOp>(inner)) {
        for (auto [index, value] : llvm::enumerate(yield.getValues())) {
          use(value, exit ? step + 1 : step); // logits: read by the decision
          alias(op->getResult(index), value);
        }
        continue;
      }
      for (Value operand : inner.getOperands())
        use(operand, step);
      for (Value result : inner.getResults()) {
        if (isa<nn::FlattenOp, nn::ReshapeOp>(inner))
          alias(result, inner.getOperand(0));
        else
          define(result, step);
        use(result, step);
      }
      ++step;
    }
    ++step; // the exit's decision, or the stage's end
    const bool spanEnds = spanStart >= 0 && isa<ee::StageOp>(op);
    if (spanEnds) { // the two blocks of the span run at once: nothing in it may share
      for (unsigned id : touched) {
        storages[id].start = std::min(storages[id].start, spanStart);
        storages[id].end = std::max(storages[id].end, step);
      }
      spanStart = -1;
    }
  }

  // First fit, in order of start.
  std::vector<unsigned> order(storages.size());
  for (unsigned i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](unsigned a, unsigned b) { return storages[a].start < storages[b].start; });
  std::vector<unsigned> active;
  int64_t words = 0;
  for (unsigned id : order) {
    Storage &s = storages[id];
    llvm::erase_if(active, [&](unsigned other) { return storages[other].end < s.start; });
    std::sort(active.begin(), active.end(),
              [&](unsigned a, unsigned b) { return storages[a].offset < storages[b].offset; });
    int64_t candidate = 0;
    for (unsigned other : active) {
      if (storages[other].offset - candidate >= s.size)
        break;
      candidate = std::max(candidate, storages[other].offset + storages[other].size);
    }
    s.offset = candidate;
    words = std::max(words, candidate + s.size);
    active.push_back(id);
  }
  ArenaPlan plan;
  plan.words = words;
  for (auto [value, id] : storageOf)
    plan.offset[value] = storages[id].offset;
  return plan;
}

} // namespace eecc
