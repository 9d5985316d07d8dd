// What the board emitters (build scripts, runtime) need to know about a design: read from
// the emitted project and the driver's options, never decided here.
#ifndef EECC_EMIT_BOARDDESIGN_H
#define EECC_EMIT_BOARDDESIGN_H

#include "compiler/Emit/HLSCpp/EmitHLSCpp.h"

#include <cstdint>
#include <string>
#include <vector>

namespace eecc::board {

/// Samples the project carries (Vitis C-simulation, board application) and the answers
/// of the reference interpreter in the design's arithmetic (bit-exact with the C-sim).
struct TestSamples {
  int64_t count = 0;
  std::string bytes; // count samples of raw little-endian float32
  std::vector<int> exits, classes;
  /// Each sample's logits of the exit taken, padded with zeros to logitsPerSample (the
  /// design's widest exit).
  std::vector<float> logits;
  int64_t logitsPerSample = 0;
};

struct BoardDesign {
  std::string name; // a C/Tcl identifier derived from the model file name
  int64_t inputSize = 0, maxClasses = 0, numExits = 0;
  uint32_t designId = 0;
  double clockNs = 5.0;
  std::string part, boardPart;
  std::vector<std::string> placements; // per early exit: pipeline | parallel
  std::vector<std::string> hlsSources; // hls/*.cpp, synthesized
  std::vector<std::string> hlsHeaders; // hls/*.h
  TestSamples samples;
};

/// A C identifier for the design from the model file name (hostile input).
std::string designName(llvm::StringRef modelFile);

/// OUT/scripts: run_hls.tcl, options.tcl, hls_config.cfg, build_bd.tcl, build_sw.py,
/// build_sw_xsct.tcl, Makefile.
void emitScripts(const BoardDesign &design, std::vector<hlscpp::ProjectFile> &files);

/// OUT/runtime: the bare-metal runtime, its host/QEMU builds and the embedded samples;
/// OUT/data/test_input.bin for the Vitis C-simulation and OUT/data/test_expected.bin, the
/// answers it must give (per sample: int32 exit, int32 class, float32 logits[max classes],
/// little-endian).
void emitRuntime(const BoardDesign &design, std::vector<hlscpp::ProjectFile> &files);

} // namespace eecc::board

#endif // EECC_EMIT_BOARDDESIGN_H
