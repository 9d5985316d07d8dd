// nn-quantize: formats per layer from explicit integer bits, overrides, calibration.
// RUN: eecc-opt %s --nn-quantize="width=12 integer-bits=4" | FileCheck %s --check-prefix=FIXED-I
// RUN: eecc-opt %s '--nn-quantize=integer-bits=4 overrides=conv2d:weight=8,"input=10,3","relu_1=14,5" rounding=rnd_conv overflow=sat_sym' | FileCheck %s --check-prefix=OVERRIDE
// RUN: %python -c "import struct, sys; sys.stdout.buffer.write(struct.pack('<48f', *[0.125 * i - 2.5 for i in range(48)]))" > %t.bin
// RUN: eecc-opt %s --nn-quantize="calibration=%t.bin headroom=0" | FileCheck %s --check-prefix=CALIBRATED
// RUN: eecc-opt %s --nn-quantize 2>&1 | FileCheck %s --check-prefix=UNCALIBRATED
// RUN: not eecc-opt %s --nn-quantize="integer-bits=4 width=40" 2>&1 | FileCheck %s --check-prefix=TOO-WIDE

// FIXED-I: ee.network @net attributes {hls.input_type = #hls.fixed<12, 4, rnd, sat>, hls.report.calibration = "{\22calibrated\22:false,\22file\22:null,\22activations\22:\22--precision (fixed integer bits)\22}"}
// FIXED-I: arith.constant {hls.type = #hls.fixed<16, 1, rnd, sat>} dense<[{{\[\[}}[5.000000e-01]]], {{\[\[}}[-2.500000e-01]]]]>
// FIXED-I: arith.constant {hls.type = #hls.fixed<16, 3, rnd, sat>} dense<[1.500000e+00, -2.000000e+00]>
// Products exact (12 - 4 + 16 - 1 = 23 fractional bits), sums that cannot overflow:
// |sum| <= (0.5 + 2^-15) * 2^3 + 2^2, just above 2^3, so 5 integer bits.
// FIXED-I: nn.conv2d {{.*}} {hls.accum_type = #hls.fixed<28, 5>, hls.type = #hls.fixed<12, 4, rnd, sat>}
// Relu and max pool keep their input's format.
// FIXED-I: nn.relu {{.*}} {hls.type = #hls.fixed<12, 4, rnd, sat>}
// FIXED-I: nn.max_pool2d {{.*}} {hls.type = #hls.fixed<12, 4, rnd, sat>}
// Average pools add their window's bits to the accumulator (a bound of 4 * 2^3) and
// multiply by a 24-bit reciprocal.
// FIXED-I: nn.global_avg_pool {{.*}} {hls.accum_type = #hls.fixed<15, 7>, hls.reciprocal_type = #hls.fixed<24, 2, rnd, sat>, hls.type = #hls.fixed<12, 4, rnd, sat>}

// OVERRIDE: ee.network @net attributes {hls.input_type = #hls.fixed<10, 3, rnd_conv, sat_sym>, hls.report.calibration
// OVERRIDE: arith.constant {hls.type = #hls.fixed<8, 1, rnd_conv, sat_sym>}
// OVERRIDE: arith.constant {hls.type = #hls.fixed<16, 3, rnd_conv, sat_sym>}
// OVERRIDE: nn.relu {{.*}} {hls.type = #hls.fixed<14, 5, rnd_conv, sat_sym>}

// Calibrated: the input spans [-2.5, 3.375], 3 integer bits; every layer records its
// range, and nothing overflowed on the calibration set.
// CALIBRATED: ee.network @net attributes {hls.calibrated_range = [-2.500000e+00, 3.375000e+00], hls.conversions = 48 : i64, hls.input_type = #hls.fixed<16, 3, rnd, sat>, hls.overflows = 0 : i64, hls.report.calibration = "{\22calibrated\22:true,\22file\22:\22{{.*}}.bin\22,\22activations\22:\22calibrated per layer\22}"}
// CALIBRATED: nn.conv2d {{.*}} hls.calibrated_range = [{{.*}}], hls.conversions = 96 : i64, hls.overflows = 0 : i64, hls.type = #hls.fixed<16, {{[0-9]+}}, rnd, sat>}

// Without a calibration set: hls4ml's ap_fixed<16, 6> for every activation, and the layers
// an interval bound says could saturate (none here) listed.
// UNCALIBRATED: warning: no --calibration: every activation is ap_fixed<16, 6, AP_RND, AP_SAT> (hls4ml's default), weights and biases fit their own values; 0 layer(s) could exceed
// UNCALIBRATED: ee.network @net attributes {hls.input_type = #hls.fixed<16, 6, rnd, sat>, hls.report.calibration = "{\22calibrated\22:false,\22file\22:null,\22activations\22:\22ap_fixed<16, 6, AP_RND, AP_SAT> (uncalibrated default)\22,\22may_saturate\22:[]}"}
// TOO-WIDE: error: nn-quantize: activation and weight widths must be in [1, 32] (their products are exact in 64 bits), bias widths in [1, 64]

ee.network @net {
^bb0(%in: tensor<1x1x4x4xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x1x4x4xf32>) -> tensor<1x2x2x2xf32> {
  ^bb0(%x: tensor<1x1x4x4xf32>):
    %w = arith.constant dense<[[[[0.5]]], [[[-0.25]]]]> : tensor<2x1x1x1xf32>
    %b = arith.constant dense<[1.5, -2.0]> : tensor<2xf32>
    %y = nn.conv2d %x, %w, %b : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32> loc("conv_1")
    %r = nn.relu %y : tensor<1x2x4x4xf32> loc("relu_1")
    %p = nn.max_pool2d %r kernel [2, 2] strides [2, 2] : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
    ee.yield %p : tensor<1x2x2x2xf32>
  }
  %e0 = ee.exit 0 final (%s0) : (tensor<1x2x2x2xf32>) -> tensor<1x2xf32> {
  ^bb0(%f: tensor<1x2x2x2xf32>):
    %g = nn.global_avg_pool %f : tensor<1x2x2x2xf32> -> tensor<1x2x1x1xf32>
    %l = nn.flatten %g : tensor<1x2x1x1xf32> -> tensor<1x2xf32>
    ee.yield %l : tensor<1x2xf32>
  }
}
