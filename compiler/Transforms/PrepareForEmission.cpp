// eecc-prepare-for-emission: give every layer and weight a legal, unique C++ name.
#include "compiler/Transforms/Passes.h"
#include "dialects/ee/EEOps.h"
#include "dialects/nn/NNOps.h"

#include "llvm/ADT/StringSet.h"

#include <cctype>

namespace eecc {
#define GEN_PASS_DEF_PREPAREFOREMISSION
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

/// [A-Za-z0-9_] only, not starting with a digit, no leading underscore (reserved
/// forms like __x or _X), at most 48 characters.
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
  if (std::isdigit(static_cast<unsigned char>(result[0])))
    result = "n" + result;
  return result;
}

struct PrepareForEmissionPass : eecc::impl::PrepareForEmissionBase<PrepareForEmissionPass> {
  void runOnOperation() override {
    // C++ keywords and names the generated code itself uses.
    llvm::StringSet<> used = {"input",  "output", "logits", "int",    "float", "double", "const",
                              "static", "void",   "return", "class",  "struct", "new",   "delete",
                              "auto",   "char",   "if",     "else",   "for",   "while",  "do",
                              "switch", "case",   "default", "break", "continue", "goto", "this",
                              "eecc_top", "data_t", "weight_t", "accum_t", "main"};
    getOperation()->walk([&](Operation *op) {
      if (!isa<arith::ConstantOp>(op) && !isa_and_nonnull<nn::NNDialect>(op->getDialect()))
        return;
      std::string base;
      if (auto name = dyn_cast<NameLoc>(op->getLoc()))
        base = legalize(name.getName().getValue(), op->getName().stripDialect());
      else
        base = legalize(op->getName().stripDialect(), "value");
      std::string unique = base;
      for (int suffix = 1; used.contains(unique); ++suffix)
        unique = base + "_" + std::to_string(suffix);
      used.insert(unique);
      op->setAttr("eecc.cname", StringAttr::get(&getContext(), unique));
    });
  }
};

} // namespace
