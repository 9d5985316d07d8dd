// Registration of the ONNX import translation (eecc-translate --import-onnx).
#ifndef EECC_FRONTEND_ONNX_REGISTRATION_H
#define EECC_FRONTEND_ONNX_REGISTRATION_H

namespace eecc::onnx_frontend {
void registerImportTranslation();
} // namespace eecc::onnx_frontend

#endif // EECC_FRONTEND_ONNX_REGISTRATION_H
