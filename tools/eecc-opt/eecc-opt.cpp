// eecc-opt: mlir-opt for eecc's dialects, passes and pipelines.
#include "compiler/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  eecc::registerAllPasses();
  mlir::DialectRegistry registry;
  eecc::registerAllDialects(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "eecc optimizer driver\n", registry));
}
