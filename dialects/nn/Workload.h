// Exact workload of a region: multiply-accumulates and parameters (not an estimate).
#ifndef EECC_DIALECTS_NN_WORKLOAD_H
#define EECC_DIALECTS_NN_WORKLOAD_H

#include "mlir/IR/Region.h"

#include <cstdint>

namespace eecc {

struct Workload {
  int64_t layers = 0;     // nn ops
  int64_t macs = 0;       // multiply-accumulates of conv2d and dense, one sample
  int64_t parameters = 0; // elements of the constants (weights and biases)
};

/// Counts the workload of every op in `region` (nested regions included).
Workload workloadOf(mlir::Region &region);

} // namespace eecc

#endif // EECC_DIALECTS_NN_WORKLOAD_H
