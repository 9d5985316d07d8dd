// Registration of every dialect, pass and pipeline eecc's tools expose.
#include "compiler/InitAll.h"

#include "compiler/Conversion/Passes.h"
#include "compiler/Pipelines/Pipelines.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/ee/EEOps.h"
#include "dialects/hls/HLSOps.h"
#include "dialects/nn/NNOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/Passes.h"

namespace eecc {

void registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<nn::NNDialect, ee::EEDialect, hls::HLSDialect, mlir::func::FuncDialect,
                  mlir::arith::ArithDialect, mlir::tensor::TensorDialect>();
}

void registerAllPasses() {
  mlir::registerTransformsPasses();
  eecc::registerEECCPasses();
  eecc::registerEECCConversionPasses();
  eecc::registerPipelines();
}

} // namespace eecc
