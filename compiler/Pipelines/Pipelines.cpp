// Named pass pipelines of eecc.
#include "compiler/Pipelines/Pipelines.h"

#include "compiler/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace eecc {

void buildNNCleanupPipeline(OpPassManager &pm, const NNCleanupOptions &options) {
  FoldBatchNormOptions foldOptions;
  foldOptions.strict = options.strictBatchNorm;
  pm.addPass(createFoldBatchNorm(foldOptions));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void registerPipelines() {
  PassPipelineRegistration<NNCleanupOptions>(
      "eecc-nn-cleanup", "Layer-level clean-up after import (fold batch norm, canonicalize, CSE)",
      buildNNCleanupPipeline);
}

} // namespace eecc
