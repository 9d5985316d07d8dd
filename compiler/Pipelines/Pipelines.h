// Named pass pipelines of eecc.
#ifndef EECC_PIPELINES_PIPELINES_H
#define EECC_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace eecc {

/// Options of the nn clean-up pipeline.
struct NNCleanupOptions : mlir::PassPipelineOptions<NNCleanupOptions> {
  Option<bool> strictBatchNorm{*this, "strict-batch-norm",
                               llvm::cl::desc("Fail on batch_norm that cannot be folded"),
                               llvm::cl::init(false)};
};

/// Layer-level clean-up after import: fold batch norms, canonicalize, CSE.
void buildNNCleanupPipeline(mlir::OpPassManager &pm, const NNCleanupOptions &options);

/// Registers the pipelines with the global registry (for eecc-opt).
void registerPipelines();

} // namespace eecc

#endif // EECC_PIPELINES_PIPELINES_H
