// The hls dialect: the hardware level of eecc.
#ifndef EECC_DIALECTS_HLS_HLSDIALECT_H
#define EECC_DIALECTS_HLS_HLSDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialects/hls/HLSDialect.h.inc"

namespace eecc::hls {

/// Discardable attributes nn-quantize puts on nn ops, constants and ee.network, and
/// that the fixed-point interpreter and the HLS emitter read (all #hls.fixed unless
/// noted).
namespace attrs {
/// The number format of an op's result (nn ops and arith.constant weights).
inline constexpr llvm::StringLiteral kType = "hls.type";
/// The accumulator of conv2d, dense and the average pools.
inline constexpr llvm::StringLiteral kAccumType = "hls.accum_type";
/// The reciprocal-of-divisor constants of the average pools.
inline constexpr llvm::StringLiteral kReciprocalType = "hls.reciprocal_type";
/// On ee.network: the format its input is quantized to.
inline constexpr llvm::StringLiteral kInputType = "hls.input_type";
/// Calibration statistics: [min, max] of the float values (f64 array), and how many
/// result values overflowed the chosen format over the calibration set (i64), and of
/// how many.
inline constexpr llvm::StringLiteral kRange = "hls.calibrated_range";
inline constexpr llvm::StringLiteral kOverflows = "hls.overflows";
inline constexpr llvm::StringLiteral kConversions = "hls.conversions";

/// What hls-bind decides, on ee.network: how its layers bind to kernels
/// (#hls.binding<dedicated|engine>), the shared MAC engine's tile factors (i64 array
/// [output channels, input channels] computed per cycle) and where feature maps live
/// (#hls.memory<bram|ddr>); on conv2d/dense under engine binding, where the weights are
/// (#hls.memory<ddr>).
inline constexpr llvm::StringLiteral kBinding = "hls.binding";
inline constexpr llvm::StringLiteral kEngineTiles = "hls.engine_tiles";
inline constexpr llvm::StringLiteral kFeatureMaps = "hls.feature_maps";
/// On ee.network under engine binding: how many m_axi bundles the weights stream over
/// (i64; each reads the same weight image).
inline constexpr llvm::StringLiteral kWeightPorts = "hls.weight_ports";
inline constexpr llvm::StringLiteral kWeightMemory = "hls.weights";
/// The exit policy asked for (ee-apply-exit-policy): static, pipeline, parallel or auto.
inline constexpr llvm::StringLiteral kExitMode = "hls.exit_mode";
/// Why the exits have their placements / the network its binding (report.json "how").
inline constexpr llvm::StringLiteral kPlacementHow = "hls.placement_how";
inline constexpr llvm::StringLiteral kBindingHow = "hls.binding_how";
/// The binding the HLS C++ realizes when it differs from hls.binding (the design that is
/// estimated), and why (hls-bind: the engine emitter lacks a piece of this network).
inline constexpr llvm::StringLiteral kEmittedBinding = "hls.emitted_binding";
inline constexpr llvm::StringLiteral kEmittedWhy = "hls.emitted_why";
/// Device and clock of the design (hls-annotate-estimates): the board emitters read them.
inline constexpr llvm::StringLiteral kTarget = "hls.target";
inline constexpr llvm::StringLiteral kPart = "hls.part";
inline constexpr llvm::StringLiteral kBoardPart = "hls.board_part";
inline constexpr llvm::StringLiteral kClockNs = "hls.clock_ns";
/// Samples the project carries and the reference interpreter's answers for them
/// (hls-carry-test-samples): f32 tensor <N x input>, i32 arrays, f32 tensor <N x classes>.
inline constexpr llvm::StringLiteral kTestSamples = "hls.test_samples";
inline constexpr llvm::StringLiteral kTestExits = "hls.test_exits";
inline constexpr llvm::StringLiteral kTestClasses = "hls.test_classes";
inline constexpr llvm::StringLiteral kTestLogits = "hls.test_logits";
/// report.json's "estimated", the section the compile summary reads field by field.
inline constexpr llvm::StringLiteral kReportEstimated = "hls.report.estimated";
/// Engine designs (hls-plan-memory): a feature map's first word in the shared arena (on
/// the layer producing it; on the network for its input) and the arena's size in words.
inline constexpr llvm::StringLiteral kArenaOffset = "hls.arena_offset";
inline constexpr llvm::StringLiteral kArenaWords = "hls.arena_words";
/// The engine's weight image (hls-plan-memory): on a conv2d/dense, the word where its
/// weights start and where its biases start (4 words, the accumulator's 64-bit raw
/// value, per bias); on the network, the image's size in 16-bit words.
inline constexpr llvm::StringLiteral kWeightOffset = "hls.weight_offset";
inline constexpr llvm::StringLiteral kBiasOffset = "hls.bias_offset";
inline constexpr llvm::StringLiteral kWeightImageWords = "hls.weight_image_words";
} // namespace attrs

} // namespace eecc::hls

#endif // EECC_DIALECTS_HLS_HLSDIALECT_H
