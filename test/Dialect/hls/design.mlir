// Round-trip of hls.design, hls.kernel and hls.buffer with every attribute.
// RUN: eecc-opt %s | eecc-opt | FileCheck %s
// RUN: eecc-opt %s -mlir-print-op-generic | eecc-opt | FileCheck %s

// CHECK-LABEL: hls.design @lenet target "zcu106" clock 5.000000e+00
hls.design @lenet target "zcu106" clock 5.0 {
  // CHECK: hls.kernel @conv1 binding dedicated directives <pipeline_ii = 1, unroll = 5> estimate <cycles = 86400, dsp = 5, bram18 = 1, lut = 900, ff = 1200>
  hls.kernel @conv1 binding dedicated directives #hls.directives<pipeline_ii = 1, unroll = 5> estimate #hls.estimate<cycles = 86400, dsp = 5, bram18 = 1, lut = 900, ff = 1200> {
    %x = arith.constant dense<0.0> : tensor<1x1x28x28xf32>
    %w = arith.constant dense<0.1> : tensor<6x1x5x5xf32>
    %y = nn.conv2d %x, %w : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  }
  // CHECK: hls.kernel @conv_engine binding engine directives <dataflow = true> {
  hls.kernel @conv_engine binding engine directives #hls.directives<dataflow = true> {
  }
  // CHECK: hls.kernel @decision binding dedicated directives <inline_function = true> {
  hls.kernel @decision binding dedicated directives #hls.directives<inline_function = true> {
  }
  // CHECK: hls.buffer @conv1_weight : tensor<6x1x5x5xf32> memory bram partition cyclic factor 5 dim 3 precision <16, 6>
  hls.buffer @conv1_weight : tensor<6x1x5x5xf32> memory bram partition cyclic factor 5 dim 3 precision #hls.fixed<16, 6>
  // CHECK: hls.buffer @acc : tensor<6xf32> memory reg partition complete dim 0 precision <32, -2>
  hls.buffer @acc : tensor<6xf32> memory reg partition complete dim 0 precision #hls.fixed<32, -2>
  // CHECK: hls.buffer @fc_weight : tensor<4096x9216xf32> memory ddr
  hls.buffer @fc_weight : tensor<4096x9216xf32> memory ddr
  // CHECK: hls.buffer @fmap : tensor<1x64x55x55xf32> memory uram partition block factor 4 dim 1
  hls.buffer @fmap : tensor<1x64x55x55xf32> memory uram partition block factor 4 dim 1
  // CHECK: hls.buffer @line : tensor<3x28xf32> memory lutram
  hls.buffer @line : tensor<3x28xf32> memory lutram
}
