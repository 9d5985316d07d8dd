// Reference interpreter of ee.network: float semantics of every layer and exit decision.
#ifndef EECC_INTERPRETER_INTERPRETER_H
#define EECC_INTERPRETER_INTERPRETER_H

#include "Tensor.h"

#include "dialects/ee/EEOps.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseMap.h"

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
bool exitDecision(ee::Criterion criterion, double threshold, llvm::ArrayRef<float> logits);

class NetworkInterpreter {
public:
  /// Prepares `network` (weights extracted once); fails with a diagnostic on an op
  /// the interpreter does not know.
  static std::unique_ptr<NetworkInterpreter> create(ee::NetworkOp network);

  /// Runs one sample. With `allExits`, every exit's logits are computed (and the
  /// backbone runs to the end) while the taken exit is still the first confident one.
  SampleResult run(const Tensor &input, bool allExits);

  llvm::ArrayRef<int64_t> inputShape() const { return inputShapeStorage; }
  size_t numExits() const { return exits.size(); }

private:
  explicit NetworkInterpreter(ee::NetworkOp network) : network(network) {}
  void evaluateRegion(mlir::Region &region, llvm::ArrayRef<const Tensor *> arguments,
                      std::vector<Tensor> &results);
  Tensor evaluateOp(mlir::Operation &op, llvm::DenseMap<mlir::Value, Tensor> &values);

  ee::NetworkOp network;
  llvm::SmallVector<int64_t, 4> inputShapeStorage;
  std::vector<ee::ExitOp> exits;
  llvm::DenseMap<mlir::Operation *, Tensor> constants;
};

} // namespace eecc::interp

#endif // EECC_INTERPRETER_INTERPRETER_H
