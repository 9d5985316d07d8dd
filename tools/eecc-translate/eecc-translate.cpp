// eecc-translate: mlir-translate for eecc's importers and emitters.
#include "compiler/Target/StructureReport.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  eecc::registerStructureReportTranslation();
  return mlir::failed(mlir::mlirTranslateMain(argc, argv, "eecc translation driver\n")) ? 1 : 0;
}
