// eecc_layers.h: the eecc HLS layer library, one function template per nn op,
// configured by a struct of compile-time constants per layer (generated into
// eecc_top.cpp). Arrays are flat, row-major, NCHW, batch 1. The loop order and the
// arithmetic are those of eecc's reference interpreter (compiler/Interpreter/Kernels.cpp),
// so the C-simulation reproduces `eecc run` exactly for the same number types.
//
// One header per kind of layer; the host-only fast paths (eecc_host_kernels.h) apart.
#ifndef EECC_LAYERS_H
#define EECC_LAYERS_H

#include "eecc_layer_common.h"

#include "eecc_activation.h"
#include "eecc_conv.h"
#include "eecc_dense.h"
#include "eecc_elementwise.h"
#include "eecc_exit.h"
#include "eecc_normalization.h"
#include "eecc_pool.h"
#include "eecc_shape.h"

#endif // EECC_LAYERS_H
