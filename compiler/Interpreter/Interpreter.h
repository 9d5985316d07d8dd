// Reference interpreter of ee.network: every layer and exit decision in float, or in
// the fixed point nn-quantize chose (bit-exact with the generated HLS C++).
#ifndef EECC_INTERPRETER_INTERPRETER_H
#define EECC_INTERPRETER_INTERPRETER_H

#include "FixedKernels.h"
#include "compiler/Numerics/Attributes.h"
#include "Tensor.h"

#include "dialects/ee/EEOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseMap.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace eecc::interp {

/// What one sample did: the exit it left through and that exit's logits.
struct SampleResult {
  int64_t exitIndex = 0;
  int64_t predictedClass = 0;
  std::vector<float> logits;
  /// Every exit's logits, when requested (calibration, comparison with a reference).
  std::vector<std::vector<float>> allExitLogits;
};

/// Whether an exit with these logits is taken: softmax of the logits against the
/// exit's criterion and threshold. Exits without a threshold are never taken.
bool exitDecision(ee::Criterion criterion, double threshold, llvm::ArrayRef<float> logits,
                  bool strict = false);

enum class Arithmetic { Float, Fixed };

/// Per layer: how many result values were converted into its fixed-point format and
/// how many of those overflowed it (saturated or wrapped).
struct ConversionStats {
  int64_t conversions = 0;
  int64_t overflows = 0;
};

class NetworkInterpreter {
public:
  /// Prepares `network` (weights extracted once); fails with a diagnostic on an op
  /// the interpreter does not know or, in fixed point, on a missing hls.type.
  static std::unique_ptr<NetworkInterpreter> create(ee::NetworkOp network,
                                                    Arithmetic arithmetic = Arithmetic::Float);

  /// Runs one sample. With `allExits`, every exit's logits are computed (and the
  /// backbone runs to the end) while the taken exit is still the first confident one.
  SampleResult run(const Tensor &input, bool allExits);

  /// Float mode: called with every nn op and its result (calibration).
  void setObserver(std::function<void(mlir::Operation *, const Tensor &)> callback) {
    observer = std::move(callback);
  }
  /// Fixed mode: conversion statistics per op (the network op for its input).
  const llvm::DenseMap<mlir::Operation *, ConversionStats> &conversionStats() const {
    return stats;
  }

  llvm::ArrayRef<int64_t> inputShape() const { return inputShapeStorage; }
  size_t numExits() const { return exits.size(); }

private:
  NetworkInterpreter(ee::NetworkOp network, Arithmetic arithmetic)
      : network(network), arithmetic(arithmetic) {}
  template <class T>
  void evaluateRegion(mlir::Region &region, llvm::ArrayRef<const T *> arguments,
                      std::vector<T> &results);
  template <class T> SampleResult runNetwork(T input, bool allExits);
  Tensor evaluateOp(mlir::Operation &op, llvm::DenseMap<mlir::Value, Tensor> &values);
  FixedTensor evaluateOp(mlir::Operation &op, llvm::DenseMap<mlir::Value, FixedTensor> &values);
  const Tensor &constant(mlir::Operation *op, const Tensor *) { return constants[op]; }
  const FixedTensor &constant(mlir::Operation *op, const FixedTensor *) {
    return fixedConstants[op];
  }
  FixedSink sink(mlir::Operation *op, llvm::StringRef attr, size_t count);
  bool takeExit(ee::ExitOp exit, const Tensor &logits);
  bool takeExit(ee::ExitOp exit, const FixedTensor &logits);

  ee::NetworkOp network;
  Arithmetic arithmetic;
  llvm::SmallVector<int64_t, 4> inputShapeStorage;
  std::vector<ee::ExitOp> exits;
  llvm::DenseMap<mlir::Operation *, Tensor> constants;
  llvm::DenseMap<mlir::Operation *, FixedTensor> fixedConstants;
  /// The ROM of every table activation (sigmoid, tanh), built on first use.
  llvm::DenseMap<mlir::Operation *, ActivationTable> tables;
  llvm::DenseMap<mlir::Operation *, ConversionStats> stats;
  std::function<void(mlir::Operation *, const Tensor &)> observer;
};

/// Records on every ee.exit how many calibration samples took it
/// (`hls.calibration_exits`), the exit rates the cost model weighs latencies with.
void recordExitCounts(ee::NetworkOp network, llvm::ArrayRef<int64_t> counts);
inline constexpr llvm::StringLiteral kCalibrationExitsAttr = "hls.calibration_exits";

/// ee::resolveNetworkValue and hls::fixedFormatOf (the dialects' IR helpers), for the
/// interpreter's callers.
mlir::Value resolveNetworkValue(mlir::Value value);
mlir::Attribute fixedFormatOf(mlir::Value value);

} // namespace eecc::interp

#endif // EECC_INTERPRETER_INTERPRETER_H
