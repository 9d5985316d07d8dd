// eecc-prepare-for-emission: give every layer and weight a legal, unique C++ name.
#include "compiler/Transforms/Passes.h"
#include "dialects/ee/EEOps.h"
#include "dialects/nn/NNOps.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <cctype>

namespace eecc {
#define GEN_PASS_DEF_PREPAREFOREMISSION
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

/// [A-Za-z0-9_] only, no "__" (reserved in C++), at most 48 characters; the pass
/// prefixes it with "l_" or "w_".
std::string legalize(StringRef name, StringRef fallback) {
  std::string result;
  for (char c : name) {
    bool keep = std::isalnum(static_cast<unsigned char>(c));
    if (keep)
      result += c;
    else if (!result.empty() && result.back() != '_')
      result += '_';
    if (result.size() >= 48)
      break;
  }
  while (!result.empty() && result.back() == '_')
    result.pop_back();
  if (result.empty())
    result = fallback.str();
  return result;
}

/// Names the emitter derives from a layer's name (config structs, shape tables).
constexpr const char *kDerivedSuffixes[] = {"_config",  "_shape",     "_lhs_strides",
                                            "_rhs_strides", "_in_shape", "_out_shape",
                                            "_begin", "_t", "_reciprocal"};

struct PrepareForEmissionPass : eecc::impl::PrepareForEmissionBase<PrepareForEmissionPass> {
  void runOnOperation() override {
    // Layers are "l_...", weights "w_...": the emitter's own names (stage_0, exit_0,
    // in0, out0, finish, eecc_top, data_t, ...) never start so, and neither do C++
    // keywords. A name is taken only if it and every name derived from it are free.
    llvm::StringSet<> used;
    // The next suffix to try per base name: thousands of layers sharing one ONNX name
    // take linear time, not a rescan of every earlier suffix.
    llvm::StringMap<int> nextSuffix;
    auto isFree = [&](const std::string &name) {
      if (used.contains(name))
        return false;
      for (const char *suffix : kDerivedSuffixes)
        if (used.contains(name + suffix))
          return false;
      return true;
    };
    getOperation()->walk([&](Operation *op) {
      bool isWeight = isa<arith::ConstantOp>(op);
      if (!isWeight && !isa_and_nonnull<nn::NNDialect>(op->getDialect()))
        return;
      StringRef source = op->getName().stripDialect();
      if (auto name = dyn_cast<NameLoc>(op->getLoc()))
        source = name.getName().getValue();
      std::string base = (isWeight ? "w_" : "l_") + legalize(source, op->getName().stripDialect());
      std::string unique = base;
      if (!isFree(unique)) {
        int &suffix = nextSuffix[base];
        do
          unique = base + "_" + std::to_string(++suffix);
        while (!isFree(unique));
      }
      used.insert(unique);
      for (const char *suffix : kDerivedSuffixes)
        used.insert(unique + suffix);
      op->setAttr("eecc.cname", StringAttr::get(&getContext(), unique));
    });
  }
};

} // namespace
