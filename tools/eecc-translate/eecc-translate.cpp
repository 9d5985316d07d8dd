// eecc-translate: mlir-translate for eecc's importers and emitters.
#include "compiler/Frontend/ONNX/Registration.h"
#include "compiler/Target/StructureReport.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  eecc::onnx_frontend::registerImportTranslation();
  eecc::registerStructureReportTranslation();
  return mlir::failed(mlir::mlirTranslateMain(argc, argv, "eecc translation driver\n")) ? 1 : 0;
}
