// ee enum attributes stand alone in attribute dictionaries.
// RUN: eecc-opt %s | eecc-opt | FileCheck %s

// CHECK-LABEL: func @attrs
// CHECK-SAME: a = #ee<criterion entropy>
// CHECK-SAME: b = #ee<criterion max_softmax>
// CHECK-SAME: c = #ee<criterion margin>
// CHECK-SAME: p = #ee<placement pipeline>
// CHECK-SAME: q = #ee<placement parallel>
func.func @attrs() attributes {
  a = #ee<criterion entropy>, b = #ee<criterion max_softmax>, c = #ee<criterion margin>,
  p = #ee<placement pipeline>, q = #ee<placement parallel>
} {
  return
}
