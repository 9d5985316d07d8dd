// ee-to-hls: a fixed-point sigmoid reads a ROM of the entries the emitter prints: with a
// 16-bit input of 10 fractional bits, the span [-8, 8) in steps of 2^-6 (1024 entries);
// a float sigmoid computes (no ROM).
// RUN: eecc-opt %s --nn-quantize=integer-bits=6 --hls-bind=binding=dedicated --eecc-prepare-for-emission --ee-to-hls | FileCheck %s
// RUN: eecc-opt %s --hls-bind=binding=dedicated --eecc-prepare-for-emission --ee-to-hls | FileCheck %s --check-prefix=FLOAT

// CHECK: hls.memory @[[TABLE:l_[a-z0-9_]+]].table : lutram words 1024 width 16 banks 1 ports 2 holds "activation table"
// CHECK: hls.kernel @[[TABLE]] binding dedicated layer "nn.sigmoid" {
// CHECK-NEXT: hls.loop "i" trip 4 pipeline depth {{[0-9]+}} {
// CHECK: hls.access @[[TABLE]].table reads 1
// FLOAT-NOT: activation table
// FLOAT: layer "nn.sigmoid"
ee.network @net {
^bb0(%in: tensor<1x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%x: tensor<1x4xf32>):
    %y = nn.sigmoid %x : tensor<1x4xf32>
    ee.yield %y : tensor<1x4xf32>
  }
  %e0 = ee.exit 0 final (%s0) : (tensor<1x4xf32>) -> tensor<1x4xf32> {
  ^bb0(%f: tensor<1x4xf32>):
    ee.yield %f : tensor<1x4xf32>
  }
}
