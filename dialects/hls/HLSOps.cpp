// Verifiers of the hls ops.
#include "dialects/hls/HLSOps.h"

#include "dialects/ee/EEOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"

#include <limits>
#include <string>

using namespace mlir;
using namespace eecc::hls;

LogicalResult DesignOp::verify() {
  double clock = getClockNs().convertToDouble();
  if (!(clock > 0.0))
    return emitOpError("expects a positive clock period in ns, got ") << clock;
  if (getTarget().empty())
    return emitOpError("expects a non-empty target device name");
  return success();
}

namespace {
/// The signed value of an optional i64 attribute (ODS getters of I64Attr are unsigned).
int64_t valueOr(IntegerAttr attr, int64_t otherwise) { return attr ? attr.getInt() : otherwise; }
std::optional<int64_t> valueOf(IntegerAttr attr) {
  return attr ? std::optional<int64_t>(attr.getInt()) : std::nullopt;
}
} // namespace

LogicalResult LoopOp::verify() {
  if (getTripAttr().getInt() < 0)
    return emitOpError("expects a non-negative trip count, got ") << getTripAttr().getInt();
  struct Bound {
    const char *name;
    std::optional<int64_t> value;
    int64_t least;
  };
  for (const Bound &bound :
       {Bound{"ii", valueOf(getIiAttr()), 1}, Bound{"recurrence", valueOf(getRecurrenceAttr()), 1},
        Bound{"depth", valueOf(getDepthAttr()), 0}, Bound{"overhead", valueOf(getOverheadAttr()), 0}})
    if (bound.value && *bound.value < bound.least)
      return emitOpError("expects ") << bound.name << " >= " << bound.least << ", got "
                                     << *bound.value;
  if (getIiAttr() && !getPipeline())
    return emitOpError("has an ii but is not pipelined");
  if (getFlatten()) {
    Block &body = getBody().front();
    auto inner = body.empty() ? LoopOp() : dyn_cast<LoopOp>(body.front());
    if (getPipeline() || getOverheadAttr() || !inner || &body.front() != &body.back() ||
        !(inner.getPipeline() || inner.getFlatten()))
      return emitOpError("is flattened, so it must hold exactly one loop, pipelined or "
                         "flattened itself, and be neither pipelined nor have an overhead");
  }
  return success();
}

namespace {
/// a * b + c for cycle counts, saturating at INT64_MAX (a hand-written design may hold
/// any trip counts; a sum of them must not overflow).
int64_t mulAdd(int64_t a, int64_t b, int64_t c) {
  int64_t product, sum;
  if (__builtin_mul_overflow(a, b, &product) || __builtin_add_overflow(product, c, &sum))
    return std::numeric_limits<int64_t>::max();
  return sum;
}
} // namespace

int64_t LoopOp::getCycles() {
  int64_t trip = getTripAttr().getInt();
  if (getFlatten()) { // one pipeline over the whole perfect nest
    LoopOp inner = cast<LoopOp>(getBody().front().front());
    for (; inner.getFlatten(); inner = cast<LoopOp>(inner.getBody().front().front()))
      trip = mulAdd(trip, inner.getTripAttr().getInt(), 0);
    trip = mulAdd(trip, inner.getTripAttr().getInt(), 0);
    return trip == 0 ? 0
                     : mulAdd(trip, valueOr(inner.getIiAttr(), 1), valueOr(inner.getDepthAttr(), 0));
  }
  if (getPipeline())
    return trip == 0 ? 0 : mulAdd(trip, valueOr(getIiAttr(), 1), valueOr(getDepthAttr(), 0));
  int64_t body = valueOr(getOverheadAttr(), 0);
  for (LoopOp inner : getBody().front().getOps<LoopOp>())
    body = mulAdd(1, body, inner.getCycles());
  return mulAdd(trip, body, 0);
}

int64_t LoopOp::getUnrolledCopies() {
  int64_t copies = 1;
  for (LoopOp loop = *this; loop; loop = loop->getParentOfType<LoopOp>()) {
    if (loop.getPipeline())
      return copies;
    copies = mulAdd(copies, loop.getTripAttr().getInt(), 0);
  }
  return 1; // no pipelined loop encloses it: one iteration at a time
}

int64_t KernelOp::getCycles() {
  int64_t cycles = 0;
  for (LoopOp loop : getBody().front().getOps<LoopOp>())
    cycles = mulAdd(1, cycles, loop.getCycles());
  return cycles;
}

LogicalResult AccessOp::verify() {
  if (getReadsAttr().getInt() < 0 || getWritesAttr().getInt() < 0)
    return emitOpError("expects non-negative reads and writes");
  return success();
}

LogicalResult AccessOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto design = (*this)->getParentOfType<DesignOp>();
  if (!design)
    return emitOpError("must be inside an hls.design");
  if (!symbolTable.lookupSymbolIn<MemoryOp>(design, getMemoryAttr()))
    return emitOpError("names '") << getMemory() << "', which is not an hls.memory of the design";
  return success();
}

LogicalResult MemoryOp::verify() {
  const int64_t words = getWordsAttr().getInt(), width = getWidthAttr().getInt();
  const int64_t banks = getBanksAttr().getInt(), ports = getPortsAttr().getInt();
  if (words < 0)
    return emitOpError("expects a non-negative number of words, got ") << words;
  if (width < 1)
    return emitOpError("expects a width of at least 1 bit, got ") << width;
  if (banks < 1 || ports < 1)
    return emitOpError("expects at least one bank and one port, got ")
           << banks << " bank(s) of " << ports << " port(s)";
  for (auto [name, attr] : {std::pair{"latency", getLatencyAttr()}, {"outstanding", getOutstandingAttr()}})
    if (attr && attr.getInt() < 1)
      return emitOpError("expects ") << name << " >= 1, got " << attr.getInt();
  if (getKind() == MemoryKind::ddr && ports != 1)
    return emitOpError("is in ddr: each bank is one m_axi bundle of one port, got ") << ports
                                                                                    << " ports";
  return success();
}

int64_t MemoryOp::getAccessesPerCycle() {
  if (getKind() == MemoryKind::reg)
    return std::max<int64_t>(getWordsAttr().getInt(), 1);
  return mulAdd(getBanksAttr().getInt(), getPortsAttr().getInt(), 0);
}

int64_t eecc::hls::earnII(LoopOp loop, SymbolTable &symbols, std::string &why) {
  why.clear();
  int64_t ii = valueOr(loop.getRecurrenceAttr(), 1);
  if (ii > 1)
    why = "a loop-carried dependence of " + std::to_string(ii) + " cycles";
  // Accesses of one iteration per memory, nested loops unrolled.
  llvm::MapVector<MemoryOp, int64_t> accesses;
  llvm::DenseMap<MemoryOp, int64_t> singleBeats;
  loop.getBody().walk([&](AccessOp access) {
    auto memory = symbols.lookup<MemoryOp>(access.getMemoryAttr().getAttr());
    if (!memory)
      return;
    auto parent = access->getParentOfType<LoopOp>();
    const int64_t count =
        mulAdd(mulAdd(1, access.getReadsAttr().getInt(), access.getWritesAttr().getInt()),
               parent.getUnrolledCopies(), 0);
    accesses[memory] = mulAdd(1, accesses[memory], count);
    if (memory.getKind() == MemoryKind::ddr && !access.getBurst())
      singleBeats[memory] = mulAdd(1, singleBeats[memory], count);
  });
  auto ceilDiv = [](int64_t a, int64_t b) { return a / b + (a % b != 0); };
  for (auto [memory, count] : accesses) {
    int64_t perCycle = std::max<int64_t>(1, memory.getAccessesPerCycle());
    int64_t needed = ceilDiv(count, perCycle);
    if (int64_t beats = singleBeats[memory]; beats > 0) {
      // Single-beat DDR accesses: a bundle keeps `outstanding` in flight over `latency`.
      const int64_t latency = std::max<int64_t>(1, valueOr(memory.getLatencyAttr(), 1));
      const int64_t outstanding = std::max<int64_t>(1, valueOr(memory.getOutstandingAttr(), 1));
      const int64_t cyclesPerBeat = ceilDiv(latency, outstanding);
      const int64_t beatsNeeded = ceilDiv(mulAdd(beats, cyclesPerBeat, 0), perCycle);
      if (beatsNeeded > needed && beatsNeeded > ii) {
        ii = beatsNeeded;
        why = "@" + memory.getSymName().str() + ": " + std::to_string(beats) +
              " single-beat m_axi reads per iteration (no burst), " +
              std::to_string(outstanding) + " in flight per bundle over " +
              std::to_string(latency) + " cycles, " + std::to_string(memory.getBanksAttr().getInt()) +
              " bundle(s)";
        continue;
      }
    }
    if (needed > ii) {
      ii = needed;
      why = "@" + memory.getSymName().str() + ": " + std::to_string(count) +
            " accesses per iteration, " + std::to_string(perCycle) + " per cycle (" +
            std::to_string(memory.getBanksAttr().getInt()) + " bank(s) x " +
            std::to_string(memory.getPortsAttr().getInt()) +
            " port(s))";
    }
  }
  return ii;
}

LogicalResult ExitUnitOp::verify() {
  static const char *const criteria[] = {"entropy", "max_softmax", "margin"};
  if (!llvm::is_contained(criteria, getCriterion()))
    return emitOpError("criterion must be entropy, max_softmax or margin, got '")
           << getCriterion() << "'";
  if (getPlacement() != "pipeline" && getPlacement() != "parallel")
    return emitOpError("placement must be pipeline or parallel, got '") << getPlacement() << "'";
  if (getClassesAttr().getInt() < 1)
    return emitOpError("expects at least one class, got ") << getClassesAttr().getInt();
  return success();
}

namespace {
/// `symbol` names an op of kind Ops... in the enclosing design.
template <typename... Ops>
LogicalResult verifyDesignSymbol(Operation *op, FlatSymbolRefAttr symbol,
                                 SymbolTableCollection &symbolTable, StringRef what) {
  auto design = op->getParentOfType<DesignOp>();
  if (!design)
    return op->emitOpError("must be inside an hls.design");
  Operation *target = symbolTable.lookupSymbolIn(design, symbol);
  if (!target || !isa<Ops...>(target))
    return op->emitOpError("names '") << symbol.getValue() << "', which is not " << what
                                      << " of the design";
  return success();
}
} // namespace

LogicalResult CallOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyDesignSymbol<KernelOp, ExitUnitOp>(*this, getCalleeAttr(), symbolTable,
                                                  "an hls.kernel or hls.exit_unit");
}

LogicalResult PollOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyDesignSymbol<ExitUnitOp>(*this, getUnitAttr(), symbolTable, "an hls.exit_unit");
}

// An enum attribute in an op's format as its bare keyword (`bram`, `dedicated`): the
// attribute's own printer leads with a space of its own.
static ParseResult parseMemoryKind(OpAsmParser &parser, MemoryKindAttr &attr) {
  attr = llvm::dyn_cast_or_null<MemoryKindAttr>(MemoryKindAttr::parse(parser, Type()));
  return success(attr != nullptr);
}
static void printMemoryKind(OpAsmPrinter &printer, Operation *, MemoryKindAttr attr) {
  printer << stringifyMemoryKind(attr.getValue());
}
static ParseResult parseBinding(OpAsmParser &parser, BindingAttr &attr) {
  attr = llvm::dyn_cast_or_null<BindingAttr>(BindingAttr::parse(parser, Type()));
  return success(attr != nullptr);
}
static void printBinding(OpAsmPrinter &printer, Operation *, BindingAttr attr) {
  printer << stringifyBinding(attr.getValue());
}

#define GET_OP_CLASSES
#include "dialects/hls/HLSOps.cpp.inc"

mlir::Attribute eecc::hls::fixedFormatOf(mlir::Value value) {
  mlir::Value resolved = ee::resolveNetworkValue(value);
  if (auto argument = mlir::dyn_cast<mlir::BlockArgument>(resolved))
    return argument.getOwner()->getParentOp()->getAttr(attrs::kInputType);
  return resolved.getDefiningOp()->getAttr(attrs::kType);
}
