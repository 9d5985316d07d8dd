// eecc_layer_common.h: what every part of the eecc HLS layer library uses: the pragma and
// channel macros, weight values, to_float.
#ifndef EECC_LAYER_COMMON_H
#define EECC_LAYER_COMMON_H

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "eecc_fixed.h"


// Vitis HLS reads the directives; g++ (C-simulation) does not see them, so -Wall
// stays quiet about unknown pragmas.
#ifdef __SYNTHESIS__
#define EECC_PRAGMA(x) _Pragma(#x)
#else
#define EECC_PRAGMA(x)
#endif

// The channels of a DATAFLOW region are its local arrays (one producer, one consumer);
// the C-simulation keeps them static (a feature map would overflow the stack).
#ifdef __SYNTHESIS__
#define EECC_CHANNEL
#else
#define EECC_CHANNEL static
#endif

// Loops carry the labels of their hls.loop in the design (OUT/model.mlir), which Vitis
// reports them by; g++ sees labels no goto uses.
#if defined(__GNUC__) && !defined(__SYNTHESIS__)
#pragma GCC diagnostic ignored "-Wunused-label"
#endif

namespace eecc_hls {

/// A weight as its layer's weight type: float weights are stored as floats; fixed-point
/// weights as the integers of their raw bits (compact headers that compile fast).
template <class T> inline T weight_value(float w) { return w; }
template <class T> inline T weight_value(const T &w) { return w; }
template <class T> inline T weight_value(long long raw) { return eecc::fixed_from_raw<T>(raw); }
template <class T> inline T weight_value(int raw) { return eecc::fixed_from_raw<T>(raw); }
template <class T> inline T weight_value(short raw) { return eecc::fixed_from_raw<T>(raw); }
template <class T> inline T weight_value(signed char raw) { return eecc::fixed_from_raw<T>(raw); }

/// The float value of a number: float itself, or a fixed type's to_float().
inline float to_float(float x) { return x; }
template <typename T> float to_float(const T &x) { return x.to_float(); }

} // namespace eecc_hls

#endif // EECC_LAYER_COMMON_H
