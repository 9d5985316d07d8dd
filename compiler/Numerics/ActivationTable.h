// The ROM of a fixed-point table activation (sigmoid, tanh): what the interpreter reads
// and the emitter prints, entry for entry.
#ifndef EECC_NUMERICS_ACTIVATIONTABLE_H
#define EECC_NUMERICS_ACTIVATIONTABLE_H

#include "compiler/Numerics/FixedPoint.h"

#include <cstdint>
#include <vector>

namespace eecc::numerics {

/// The functions fixed-point designs read from a table.
enum class TableFunction { Sigmoid, Tanh };

/// A fixed-point activation as a ROM: the input's raw value drops `shift` bits (an
/// arithmetic shift, floor), the entry is that index minus `first`, clamped to the
/// table (inputs beyond its span read the end entries). Entry j holds f at the middle
/// of the inputs it serves (exactly at the input when shift = 0), rounded to the
/// nearest value of the output format. The span is [-8, 8) for sigmoid and [-4, 4)
/// for tanh (narrower when the input's format is), in at most 2^kTableBits entries of
/// step 2^-stepBits (never finer than the input's LSB). Error against the exact
/// function: at most max|f'| * (step - input LSB) / 2 (sigmoid 1/4, tanh 1) plus half
/// an output LSB inside the span; sigmoid's end entries are within 3.4e-4 of 0 and 1,
/// tanh's within 6.8e-4 of -1 and 1.
struct ActivationTable {
  static constexpr int kTableBits = 10;
  int stepBits = 0;
  int shift = 0;
  int64_t first = 0;
  std::vector<int64_t> entries; // raw values in the output format
  /// The entry a raw input reads.
  int64_t index(int64_t raw) const;
};
ActivationTable activationTable(TableFunction function, const FixedFormat &input,
                                const FixedFormat &output);

} // namespace eecc::numerics

#endif // EECC_NUMERICS_ACTIVATIONTABLE_H
