// hls-bind: dedicated kernels or a shared engine, by option or by the device's budget.
// RUN: eecc-opt %s --hls-bind | FileCheck %s --check-prefix=AUTO-SMALL
// RUN: eecc-opt %s --hls-bind=binding=dedicated | FileCheck %s --check-prefix=AUTO-SMALL
// RUN: eecc-opt %s --hls-bind=binding=engine | FileCheck %s --check-prefix=ENGINE
// RUN: eecc-opt %s --hls-bind="binding=engine tile-m=4 tile-n=2" | FileCheck %s --check-prefix=TILES
// RUN: sed -e 's/4x64xf32/20000x64xf32/g' -e 's/1x4xf32/1x20000xf32/g' %s | eecc-opt --hls-bind | FileCheck %s --check-prefix=AUTO-LARGE
// RUN: eecc-opt %s --hls-bind=binding=engine --hls-bind=binding=dedicated | FileCheck %s --check-prefix=REBIND
// RUN: not eecc-opt %s --hls-bind=binding=shared 2>&1 | FileCheck %s --check-prefix=BAD-BINDING
// RUN: not eecc-opt %s --hls-bind=tile-m=4 2>&1 | FileCheck %s --check-prefix=BAD-TILES
// RUN: not eecc-opt %s --hls-bind="binding=dedicated tile-m=4 tile-n=4" 2>&1 | FileCheck %s --check-prefix=DEDICATED-TILES
// RUN: not eecc-opt %s --hls-bind=target=zcu999 2>&1 | FileCheck %s --check-prefix=BAD-TARGET

// A small network fits the ZU7EV with one kernel per layer: auto keeps it dedicated.
// AUTO-SMALL: ee.network @net attributes {hls.binding = #hls<binding dedicated>, hls.binding_how = "{{.*}}"}
// AUTO-SMALL-NOT: hls.weights
// AUTO-SMALL-NOT: hls.engine_tiles

// Engine binding: the tiles that minimize the static path within the DSP share; the
// feature maps fit on chip; the MAC layers' weights stream from DDR over 4 ports.
// ENGINE: ee.network @net attributes {hls.binding = #hls<binding engine>, hls.binding_how = "--binding",
// A float network keeps dedicated kernels in its C++ (the engine design is fixed-point):
// the estimates are the engine's, the emitted binding and its reason are recorded.
// ENGINE-SAME: hls.emitted_binding = #hls<binding dedicated>, hls.emitted_why = "the engine design is fixed-point (a float design keeps one kernel per layer)", hls.engine_tiles = array<i64: {{[0-9]+}}, {{[0-9]+}}>, hls.feature_maps = #hls<memory bram>, hls.weight_ports = 4 : i64}
// ENGINE: nn.conv2d {{.*}}hls.weights = #hls<memory ddr>
// ENGINE: nn.dense {{.*}}hls.weights = #hls<memory ddr>
// TILES: hls.engine_tiles = array<i64: 4, 2>

// 20000 x 64 float weights (41 Mbit) do not fit on chip: auto binds to an engine.
// AUTO-LARGE: ee.network @net attributes {hls.binding = #hls<binding engine>
// AUTO-LARGE: nn.dense {{.*}}hls.weights = #hls<memory ddr>

// Binding again replaces the earlier decision.
// REBIND: ee.network @net attributes {hls.binding = #hls<binding dedicated>, hls.binding_how = "--binding"}
// REBIND-NOT: hls.weights

// BAD-BINDING: error: hls-bind: binding must be auto, dedicated or engine, not 'shared'
// BAD-TILES: error: hls-bind: tile-m and tile-n must both be 0 (chosen) or both 1 to 1024, not 4 and 0
// DEDICATED-TILES: error: hls-bind: tile-m and tile-n need binding=engine or auto
// BAD-TARGET: error: hls-bind: unknown device 'zcu999'

ee.network @net {
^bb0(%in: tensor<1x1x8x8xf32>):
  %s0 = ee.stage 0 (%in) : (tensor<1x1x8x8xf32>) -> tensor<1x64xf32> {
  ^bb0(%x: tensor<1x1x8x8xf32>):
    %w = arith.constant dense<0.5> : tensor<4x1x3x3xf32>
    %c = nn.conv2d %x, %w pads [1, 1, 1, 1] : (tensor<1x1x8x8xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x8x8xf32>
    %r = nn.relu %c : tensor<1x4x8x8xf32>
    %p = nn.max_pool2d %r kernel [2, 2] strides [2, 2] : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
    %f = nn.flatten %p : tensor<1x4x4x4xf32> -> tensor<1x64xf32>
    ee.yield %f : tensor<1x64xf32>
  }
  %e0 = ee.exit 0 final (%s0) : (tensor<1x64xf32>) -> tensor<1x4xf32> {
  ^bb0(%h: tensor<1x64xf32>):
    %w = arith.constant dense<0.25> : tensor<4x64xf32>
    %l = nn.dense %h, %w : (tensor<1x64xf32>, tensor<4x64xf32>) -> tensor<1x4xf32>
    ee.yield %l : tensor<1x4xf32>
  }
}
