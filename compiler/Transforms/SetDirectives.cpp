// hls-set-directives: earn every pipelined loop's II (see Passes.td).
#include "compiler/Conversion/EEToHLS/Kernels.h"
#include "compiler/Transforms/Passes.h"

namespace eecc {
#define GEN_PASS_DEF_SETDIRECTIVES
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;

namespace {
struct SetDirectivesPass : eecc::impl::SetDirectivesBase<SetDirectivesPass> {
  void runOnOperation() override {
    for (auto design : getOperation().getOps<eecc::hls::DesignOp>())
      eecc::hls::earnIIs(design);
  }
};
} // namespace
