#include "compiler/Numerics/ActivationTable.h"

#include <algorithm>
#include <cmath>

namespace eecc::numerics {

ActivationTable activationTable(TableFunction function, const FixedFormat &input,
                                const FixedFormat &output) {
  ActivationTable table;
  // Sigmoid is within 3.4e-4 of its limits beyond |x| = 8, tanh within 6.8e-4 beyond 4:
  // the table spans [-range, range) in at most 2^kTableBits steps of 2^-stepBits.
  const int rangeBits = function == TableFunction::Sigmoid ? 3 : 2;
  table.stepBits = std::min(ActivationTable::kTableBits - 1 - rangeBits, input.frac());
  table.shift = input.frac() - table.stepBits;
  const i128 minRaw = -(static_cast<i128>(1) << (input.width - 1));
  const i128 maxRaw = (static_cast<i128>(1) << (input.width - 1)) - 1;
  // Indices of the range's ends: floor(-range * 2^stepBits), ceil(range * 2^stepBits) - 1.
  const double scaled = std::ldexp(1.0, rangeBits + table.stepBits);
  const int64_t low = static_cast<int64_t>(std::floor(-scaled));
  const int64_t high = static_cast<int64_t>(std::ceil(scaled)) - 1;
  table.first = std::max<int64_t>(low, static_cast<int64_t>(minRaw >> table.shift));
  const int64_t last = std::min<int64_t>(high, static_cast<int64_t>(maxRaw >> table.shift));
  // Entry j serves the raw inputs [j << shift, (j + 1) << shift): it holds f at their
  // middle, rounded to the nearest value of the output format (saturated).
  const double lsb = std::ldexp(1.0, -input.frac());
  const double outScale = std::ldexp(1.0, output.frac());
  const double outMin = -std::ldexp(1.0, output.width - 1), outMax = std::ldexp(1.0, output.width - 1) - 1;
  for (int64_t j = table.first; j <= last; ++j) {
    double x = std::ldexp(static_cast<double>(j), -table.stepBits) +
               (std::ldexp(1.0, -table.stepBits) - lsb) / 2.0;
    double y = function == TableFunction::Sigmoid ? 1.0 / (1.0 + std::exp(-x)) : std::tanh(x);
    table.entries.push_back(
        static_cast<int64_t>(std::clamp(std::nearbyint(y * outScale), outMin, outMax)));
  }
  return table;
}

int64_t ActivationTable::index(int64_t raw) const {
  int64_t j = (raw >> shift) - first;
  return std::clamp<int64_t>(j, 0, static_cast<int64_t>(entries.size()) - 1);
}

} // namespace eecc::numerics
