// Emission of the HLS C++ project (kernels, top function, weights, C-simulation).
#ifndef EECC_EMIT_HLSCPP_EMITHLSCPP_H
#define EECC_EMIT_HLSCPP_EMITHLSCPP_H

#include "compiler/Support/Template.h"
#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <vector>

namespace eecc::hlscpp {

/// One file of the emitted project, relative to the output directory.
struct ProjectFile {
  std::string path;
  std::string contents;
};

/// Emits hls/ (eecc_top.{h,cpp}, weights.h, the layer library) and csim/ (tb.cpp,
/// Makefile) for the single ee.network of `module`, in float. Every name printed is an
/// `eecc.cname` set by eecc-prepare-for-emission. Fails with a diagnostic on an op the
/// emitter does not support. `modelName` only appears in comments and the testbench.
/// `designId` receives the identifier the IP reports (EECC_DESIGN_ID in hls/eecc_ip.h).
/// A network hls-bind bound to an engine (unless hls.emitted_binding says dedicated) is emitted as
/// the engine design: its conv2d and dense layers on one shared eecc_engine::mac_engine,
/// every feature map in one arena of raw words (laid out by hls-plan-memory), the weights
/// in hls/weights.bin, read over m_axi ports. The top, IP wrapper, number types and
/// testbench are the template files of templates/hls/top and templates/csim.
mlir::LogicalResult emitProject(mlir::ModuleOp module, llvm::StringRef modelName,
                                std::vector<ProjectFile> &files, uint32_t *designId = nullptr);

/// The template `name` of templates/hls/top or templates/csim (embedded in the compiler)
/// with its fields filled; a field missing on either side is an internal error.
std::string fillSkeleton(llvm::StringRef name, llvm::ArrayRef<TemplateField> fields);

/// The C-simulation testbench and its Makefile (EmitTestbench.cpp).
void emitTestbench(llvm::StringRef modelName, std::vector<ProjectFile> &files);

} // namespace eecc::hlscpp

#endif // EECC_EMIT_HLSCPP_EMITHLSCPP_H
