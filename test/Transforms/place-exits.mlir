// ee-place-exits: by option, or by the cost model from the measured exit rates.
// RUN: sed -e 's/{hls.calibration_exits = RATE[01] : i64} //' %s > %t.mlir
// RUN: eecc-opt %t.mlir --ee-place-exits=mode=parallel | FileCheck %s --check-prefix=PARALLEL
// RUN: eecc-opt %t.mlir --ee-place-exits=mode=pipeline | FileCheck %s --check-prefix=PIPELINE
// RUN: eecc-opt %t.mlir --ee-place-exits 2>&1 | FileCheck %s --check-prefix=NO-RATES
// RUN: sed -e 's/RATE0/1/' -e 's/RATE1/99/' %s | eecc-opt --ee-place-exits | FileCheck %s --check-prefix=PARALLEL
// RUN: sed -e 's/RATE0/0/' -e 's/RATE1/100/' %s | eecc-opt --ee-place-exits | FileCheck %s --check-prefix=PIPELINE
// RUN: sed -e 's/RATE0/100/' -e 's/RATE1/0/' %s | eecc-opt --ee-place-exits=objective=energy | FileCheck %s --check-prefix=PIPELINE
// RUN: sed -e 's/RATE0/100/' -e 's/RATE1/0/' %s | eecc-opt --ee-place-exits=objective=latency | FileCheck %s --check-prefix=PIPELINE
// RUN: not eecc-opt %t.mlir --ee-place-exits=mode=sometimes 2>&1 | FileCheck %s --check-prefix=BAD-MODE
// RUN: not eecc-opt %t.mlir --ee-place-exits=objective=speed 2>&1 | FileCheck %s --check-prefix=BAD-OBJECTIVE

// Samples that continue pay a pipeline exit's time; a parallel one costs them nothing:
// with 99 % of the samples reaching the final exit, parallel is faster. An exit that no
// sample takes gets no hardware of its own (issue #18): pipeline.
// PARALLEL: ee.exit 0{{.*}}placement{{ +}}parallel
// With every sample leaving at exit 0 both take 464 cycles, and parallel spends the
// speculative energy of stage 1: pipeline.
// PIPELINE: ee.exit 0{{.*}}placement{{ +}}pipeline
// NO-RATES: remark: ee-place-exits: no exit rates (hls.calibration_exits): every exit pipeline
// NO-RATES: ee.exit 0{{.*}}placement{{ +}}pipeline
// BAD-MODE: error: ee-place-exits: mode must be pipeline, parallel or auto, not 'sometimes'
// BAD-OBJECTIVE: error: ee-place-exits: objective must be latency, energy or edp, not 'speed'

ee.network @net {
^bb0(%in: tensor<1x1x4x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  ^bb0(%x: tensor<1x1x4x4xf32>):
    %w = arith.constant dense<0.5> : tensor<2x1x1x1xf32>
    %y = nn.conv2d %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
    ee.yield %y : tensor<1x2x4x4xf32>
  }
  %e0 = ee.exit 0 (%s0) criterion max_softmax threshold 0.8 {hls.calibration_exits = RATE0 : i64} : (tensor<1x2x4x4xf32>) -> tensor<1x2xf32> {
  ^bb0(%f: tensor<1x2x4x4xf32>):
    %g = nn.global_avg_pool %f : tensor<1x2x4x4xf32> -> tensor<1x2x1x1xf32>
    %l = nn.flatten %g : tensor<1x2x1x1xf32> -> tensor<1x2xf32>
    ee.yield %l : tensor<1x2xf32>
  }
  %s1 = ee.stage 1 (%s0) : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  ^bb0(%x: tensor<1x2x4x4xf32>):
    %r = nn.relu %x : tensor<1x2x4x4xf32>
    ee.yield %r : tensor<1x2x4x4xf32>
  }
  %e1 = ee.exit 1 final (%s1) {hls.calibration_exits = RATE1 : i64} : (tensor<1x2x4x4xf32>) -> tensor<1x2xf32> {
  ^bb0(%f: tensor<1x2x4x4xf32>):
    %g = nn.global_avg_pool %f : tensor<1x2x4x4xf32> -> tensor<1x2x1x1xf32>
    %l = nn.flatten %g : tensor<1x2x1x1xf32> -> tensor<1x2xf32>
    ee.yield %l : tensor<1x2xf32>
  }
}
