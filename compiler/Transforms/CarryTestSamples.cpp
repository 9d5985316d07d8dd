// hls-carry-test-samples: the samples a project carries (Vitis C-simulation, the board
// application) and the reference interpreter's answers for them, in the design's
// arithmetic: what the C-simulation and the board must reproduce bit for bit.
#include "compiler/Interpreter/SampleRun.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/ee/EEOps.h"

#include "mlir/IR/BuiltinAttributes.h"

#include <cstring>

namespace eecc {
#define GEN_PASS_DEF_CARRYTESTSAMPLES
#include "compiler/Transforms/Passes.h.inc"
} // namespace eecc

using namespace mlir;
using namespace eecc;

namespace {

struct CarryTestSamplesPass : eecc::impl::CarryTestSamplesBase<CarryTestSamplesPass> {
  using CarryTestSamplesBase::CarryTestSamplesBase;

  void runOnOperation() override {
    if (input.empty())
      return;
    for (ee::NetworkOp network : getOperation().getOps<ee::NetworkOp>())
      if (failed(carry(network)))
        return signalPassFailure();
  }

  LogicalResult carry(ee::NetworkOp network) {
    int64_t logitsPerSample = 0;
    for (ee::ExitOp exit : ee::getExits(network))
      logitsPerSample = std::max<int64_t>(
          logitsPerSample, cast<ShapedType>(exit.getLogits().getType()).getNumElements());
    std::vector<float> samples, logits;
    std::vector<int32_t> exits, classes;
    std::optional<int64_t> wanted;
    if (count >= 0)
      wanted = count;
    if (failed(interp::forEachSample(
            network, input, wanted, kDefaultCap, "--test-count", /*allExits=*/false,
            [&](llvm::StringRef bytes, const interp::SampleResult &result) {
              size_t at = samples.size();
              samples.resize(at + bytes.size() / sizeof(float));
              std::memcpy(samples.data() + at, bytes.data(), bytes.size());
              exits.push_back(static_cast<int32_t>(result.exitIndex));
              classes.push_back(static_cast<int32_t>(result.predictedClass));
              for (int64_t k = 0; k < logitsPerSample; ++k)
                logits.push_back(k < static_cast<int64_t>(result.logits.size()) ? result.logits[k]
                                                                                : 0.0f);
            },
            /*progress=*/false)))
      return failure();
    auto inputType = cast<ShapedType>(network.getBody().front().getArgument(0).getType());
    SmallVector<int64_t> shape{static_cast<int64_t>(exits.size())};
    llvm::append_range(shape, inputType.getShape());
    Builder builder(&getContext());
    network->setAttr(hls::attrs::kTestSamples,
                     DenseElementsAttr::get(RankedTensorType::get(shape, builder.getF32Type()),
                                            llvm::ArrayRef<float>(samples)));
    network->setAttr(hls::attrs::kTestExits, builder.getDenseI32ArrayAttr(exits));
    network->setAttr(hls::attrs::kTestClasses, builder.getDenseI32ArrayAttr(classes));
    network->setAttr(
        hls::attrs::kTestLogits,
        DenseElementsAttr::get(RankedTensorType::get({static_cast<int64_t>(exits.size()),
                                                      logitsPerSample},
                                                     builder.getF32Type()),
                               llvm::ArrayRef<float>(logits)));
    return success();
  }

  /// Without count: the first 100 samples at most (a project stays small).
  static constexpr size_t kDefaultCap = 100;
};

} // namespace
