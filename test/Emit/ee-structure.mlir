// --emit-ee-structure summarizes exits (branch stage, criterion, threshold, placement).
// RUN: eecc-translate --emit-ee-structure %S/../tools/Inputs/small-network.mlir | FileCheck %s
// RUN: not eecc-translate --emit-ee-structure %s 2>&1 | FileCheck %s --check-prefix=NONE

// CHECK: "name": "small"
// CHECK: "stages": [
// CHECK: "index": 0,
// CHECK-NEXT: "layers": 2
// CHECK: "exits": [
// CHECK: "index": 0,
// CHECK-NEXT: "final": false,
// CHECK-NEXT: "branch_stage": 0,
// CHECK-NEXT: "classes": 2,
// CHECK-NEXT: "layers": 2,
// CHECK-NEXT: "macs": 0,
// CHECK-NEXT: "parameters": 0,
// CHECK-NEXT: "criterion": "max_softmax",
// CHECK-NEXT: "threshold": 0.8,
// CHECK-NEXT: "placement": "parallel"
// CHECK: "index": 1,
// CHECK-NEXT: "final": true,
// CHECK-NEXT: "branch_stage": 1,

// NONE: error: no ee.network to describe
func.func @no_network() {
  return
}
