// Fixed-point reference kernels (see FixedKernels.h). Loop orders and the order of
// every accumulation are those of templates/hls/eecc_layers.h.
#include "FixedKernels.h"

#include "ExactConv.h"

#include "dialects/nn/ShapeUtils.h"

#include <algorithm>
#include <vector>
#include <cmath>

namespace eecc::interp {

namespace {

i128 scaleUp(i128 value, int shift) { return detail::shl(value, shift); }

/// Accumulates in a W-bit accumulator: `sum (frac accum.frac()) += term (frac
/// termFrac)`, requantized after every step as `accum_t += product` is.
class Accumulator {
public:
  Accumulator(const FixedSink &sink, int termFrac) : sink(sink), termFrac(termFrac) {
    const FixedFormat &format = sink.format;
    // Wrap-around accumulation without quantization is a ring homomorphism: adding in
    // 64-bit two's complement and wrapping once at the end gives every step's bits.
    modular = format.overflow == Overflow::WRAP && format.frac() >= termFrac &&
              format.frac() - termFrac < 63;
    termShift = format.frac() - termFrac;
  }
  void start(int64_t initial) { sum = initial; }
  void add(i128 term) {
    if (modular) {
      sum = static_cast<int64_t>(static_cast<uint64_t>(sum) +
                                 (static_cast<uint64_t>(static_cast<int64_t>(term)) << termShift));
      return;
    }
    const int accumFrac = sink.format.frac();
    const int common = std::max(accumFrac, termFrac);
    sum = sink(scaleUp(sum, common - accumFrac) + scaleUp(term, common - termFrac), common);
  }
  int64_t finish() const {
    if (!modular)
      return sum;
    bool overflowed = false;
    return convertRaw(sum, sink.format.frac(), sink.format, overflowed);
  }

private:
  const FixedSink &sink;
  int termFrac;
  int termShift = 0;
  bool modular = false;
  int64_t sum = 0;
};

int64_t initialSum(const FixedTensor *bias, int64_t index, const FixedSink &accum) {
  return bias ? accum(bias->raw[index], bias->format.frac()) : 0;
}

} // namespace

FixedTensor::FixedTensor(llvm::ArrayRef<int64_t> dims, const FixedFormat &format)
    : shape(dims.begin(), dims.end()), format(format) {
  int64_t count = 1;
  for (int64_t dim : dims)
    count *= dim;
  raw.assign(static_cast<size_t>(count), 0);
}

int64_t FixedSink::operator()(i128 value, int srcFrac) const {
  bool overflowed = false;
  int64_t result = convertRaw(value, srcFrac, format, overflowed);
  if (overflowed && overflows)
    ++*overflows;
  return result;
}

int64_t FixedSink::fromDouble(double value) const {
  bool overflowed = false;
  int64_t result = convertDouble(value, format, overflowed);
  if (overflowed && overflows)
    ++*overflows;
  return result;
}

FixedTensor quantizeTensor(const Tensor &tensor, const FixedSink &sink) {
  FixedTensor result(tensor.shape, sink.format);
  for (size_t i = 0; i < tensor.size(); ++i)
    result.raw[i] = sink.fromDouble(tensor.data[i]);
  return result;
}

Tensor dequantizeTensor(const FixedTensor &tensor) {
  Tensor result(tensor.shape);
  for (size_t i = 0; i < tensor.size(); ++i)
    result.data[i] = rawToFloat(tensor.raw[i], tensor.format.frac());
  return result;
}

FixedTensor convertTensor(const FixedTensor &input, const FixedSink &sink,
                          llvm::ArrayRef<int64_t> outputShape) {
  FixedTensor result(outputShape, sink.format);
  const int frac = input.format.frac();
  for (size_t i = 0; i < input.size(); ++i)
    result.raw[i] = sink(input.raw[i], frac);
  return result;
}

namespace {
/// The modular conv2d of raw values of at most 16 bits: the exact integer sums of the
/// C-simulation's kernel (exactConv16), then the accumulator's wrap-around and the
/// output conversion.
void narrowConv2d(const FixedTensor &input, const FixedTensor &weight, const FixedTensor *bias,
                  llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                  llvm::ArrayRef<int64_t> dilations, int64_t groups,
                  llvm::ArrayRef<int64_t> outputShape, const FixedSink &accum,
                  const FixedSink &output, FixedTensor &result) {
  const int64_t batch = input.dim(0), channels = input.dim(1), height = input.dim(2),
                width = input.dim(3);
  const int64_t filters = weight.dim(0);
  const int64_t outH = outputShape[2], outW = outputShape[3];
  const ExactConvShape shape = {
      static_cast<int>(channels),       static_cast<int>(height),
      static_cast<int>(width),          static_cast<int>(filters),
      static_cast<int>(groups),         static_cast<int>(weight.dim(1)),
      static_cast<int>(weight.dim(2)),  static_cast<int>(weight.dim(3)),
      static_cast<int>(strides[0]),     static_cast<int>(strides[1]),
      static_cast<int>(pads[0]),        static_cast<int>(pads[1]),
      static_cast<int>(dilations[0]),   static_cast<int>(dilations[1]),
      static_cast<int>(outH),           static_cast<int>(outW)};
  const std::vector<int16_t> weights(weight.raw.begin(), weight.raw.end());
  std::vector<int64_t> biases(filters);
  for (int64_t m = 0; m < filters; ++m)
    biases[m] = initialSum(bias, m, accum);
  std::vector<int16_t> image(channels * height * width);
  std::vector<int64_t> sums(filters * outH * outW);
  for (int64_t n = 0; n < batch; ++n) {
    std::copy_n(input.raw.begin() + n * image.size(), image.size(), image.begin());
    exactConv16(shape, image.data(), weights.data(), biases.data(), sums.data());
    int64_t *out = result.raw.data() + n * sums.size();
    for (size_t i = 0; i < sums.size(); ++i) {
      bool overflowed = false;
      const int64_t wrapped = convertRaw(sums[i], accum.format.frac(), accum.format, overflowed);
      out[i] = output(wrapped, accum.format.frac());
    }
  }
}
} // namespace

FixedTensor fixedConv2d(const FixedTensor &input, const FixedTensor &weight,
                        const FixedTensor *bias, llvm::ArrayRef<int64_t> strides,
                        llvm::ArrayRef<int64_t> pads, llvm::ArrayRef<int64_t> dilations,
                        int64_t groups, llvm::ArrayRef<int64_t> outputShape,
                        const FixedSink &accum, const FixedSink &output) {
  FixedTensor result(outputShape, output.format);
  const int64_t batch = input.dim(0), channels = input.dim(1), height = input.dim(2),
                width = input.dim(3);
  const int64_t filters = weight.dim(0), groupChannels = weight.dim(1),
                kernelH = weight.dim(2), kernelW = weight.dim(3);
  const int64_t outH = outputShape[2], outW = outputShape[3];
  const int64_t filtersPerGroup = filters / groups;
  // The common formats (an exact WRAP accumulator of 16-bit products) take the
  // vectorizable whole-plane loops; every other format the per-output Accumulator.
  if (accum.format.overflow == Overflow::WRAP &&
      accum.format.frac() == input.format.frac() + weight.format.frac() &&
      input.format.width <= 16 && weight.format.width <= 16) {
    narrowConv2d(input, weight, bias, strides, pads, dilations, groups, outputShape, accum,
                 output, result);
    return result;
  }
  Accumulator sum(accum, input.format.frac() + weight.format.frac());
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t m = 0; m < filters; ++m) {
      const int64_t firstChannel = (m / filtersPerGroup) * groupChannels;
      const int64_t *w = weight.raw.data() + m * groupChannels * kernelH * kernelW;
      int64_t *out = result.raw.data() + (n * filters + m) * outH * outW;
      const int64_t initial = initialSum(bias, m, accum);
      for (int64_t oy = 0; oy < outH; ++oy)
        for (int64_t ox = 0; ox < outW; ++ox) {
          sum.start(initial);
          for (int64_t c = 0; c < groupChannels; ++c) {
            const int64_t *in =
                input.raw.data() + (n * channels + firstChannel + c) * height * width;
            for (int64_t ky = 0; ky < kernelH; ++ky) {
              int64_t y = oy * strides[0] - pads[0] + ky * dilations[0];
              if (y < 0 || y >= height)
                continue;
              for (int64_t kx = 0; kx < kernelW; ++kx) {
                int64_t x = ox * strides[1] - pads[1] + kx * dilations[1];
                if (x < 0 || x >= width)
                  continue;
                sum.add(static_cast<i128>(in[y * width + x]) * w[(c * kernelH + ky) * kernelW + kx]);
              }
            }
          }
          out[oy * outW + ox] = output(sum.finish(), accum.format.frac());
        }
    }
  return result;
}

FixedTensor fixedDense(const FixedTensor &input, const FixedTensor &weight,
                       const FixedTensor *bias, const FixedSink &accum, const FixedSink &output) {
  const int64_t batch = input.dim(0), features = input.dim(1), units = weight.dim(0);
  FixedTensor result({batch, units}, output.format);
  Accumulator sum(accum, input.format.frac() + weight.format.frac());
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t m = 0; m < units; ++m) {
      sum.start(initialSum(bias, m, accum));
      const int64_t *x = input.raw.data() + n * features;
      const int64_t *w = weight.raw.data() + m * features;
      for (int64_t k = 0; k < features; ++k)
        sum.add(static_cast<i128>(x[k]) * w[k]);
      result.raw[n * units + m] = output(sum.finish(), accum.format.frac());
    }
  return result;
}

namespace {
/// Visits the in-bounds cells of every pooling window (the order of the HLS loops).
template <typename Window>
FixedTensor fixedPool(const FixedTensor &input, llvm::ArrayRef<int64_t> kernel,
                      llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                      llvm::ArrayRef<int64_t> dilations, llvm::ArrayRef<int64_t> outputShape,
                      const FixedFormat &outputFormat, Window window) {
  FixedTensor result(outputShape, outputFormat);
  const int64_t planes = input.dim(0) * input.dim(1), height = input.dim(2), width = input.dim(3);
  const int64_t outH = outputShape[2], outW = outputShape[3];
  llvm::SmallVector<int64_t, 16> cells;
  for (int64_t plane = 0; plane < planes; ++plane) {
    const int64_t *in = input.raw.data() + plane * height * width;
    int64_t *out = result.raw.data() + plane * outH * outW;
    for (int64_t oy = 0; oy < outH; ++oy)
      for (int64_t ox = 0; ox < outW; ++ox) {
        cells.clear();
        for (int64_t ky = 0; ky < kernel[0]; ++ky) {
          int64_t y = oy * strides[0] - pads[0] + ky * dilations[0];
          if (y < 0 || y >= height)
            continue;
          for (int64_t kx = 0; kx < kernel[1]; ++kx) {
            int64_t x = ox * strides[1] - pads[1] + kx * dilations[1];
            if (x >= 0 && x < width)
              cells.push_back(in[y * width + x]);
          }
        }
        out[oy * outW + ox] = window(cells, oy, ox);
      }
  }
  return result;
}
} // namespace

FixedTensor fixedMaxPool2d(const FixedTensor &input, llvm::ArrayRef<int64_t> kernel,
                           llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                           llvm::ArrayRef<int64_t> dilations, llvm::ArrayRef<int64_t> outputShape,
                           const FixedSink &output) {
  const int frac = input.format.frac();
  return fixedPool(input, kernel, strides, pads, dilations, outputShape, output.format,
                   [&](llvm::ArrayRef<int64_t> cells, int64_t, int64_t) {
                     int64_t best = cells.empty() ? 0 : *std::max_element(cells.begin(), cells.end());
                     return output(best, frac);
                   });
}

FixedTensor fixedAvgPool2d(const FixedTensor &input, llvm::ArrayRef<int64_t> kernel,
                           llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                           bool countIncludePad, llvm::ArrayRef<int64_t> outputShape,
                           const FixedSink &accum, const FixedFormat &reciprocal,
                           const FixedSink &output) {
  static const int64_t unit[] = {1, 1};
  const int64_t height = input.dim(2), width = input.dim(3);
  Accumulator sum(accum, input.format.frac());
  const int productFrac = accum.format.frac() + reciprocal.frac();
  return fixedPool(
      input, kernel, strides, pads, unit, outputShape, output.format,
      [&](llvm::ArrayRef<int64_t> cells, int64_t oy, int64_t ox) -> int64_t {
        sum.start(0);
        for (int64_t cell : cells)
          sum.add(cell);
        int64_t divisor = static_cast<int64_t>(cells.size());
        if (countIncludePad) {
          int64_t y0 = oy * strides[0] - pads[0], x0 = ox * strides[1] - pads[1];
          int64_t y1 = std::min(y0 + kernel[0], height + pads[2]);
          int64_t x1 = std::min(x0 + kernel[1], width + pads[3]);
          divisor = (y1 - y0) * (x1 - x0);
        }
        if (divisor == 0)
          return 0;
        return output(static_cast<i128>(sum.finish()) * reciprocalRaw(divisor, reciprocal),
                      productFrac);
      });
}

FixedTensor fixedGlobalAvgPool(const FixedTensor &input, const FixedSink &accum,
                               const FixedFormat &reciprocal, const FixedSink &output) {
  const int64_t planes = input.dim(0) * input.dim(1), area = input.dim(2) * input.dim(3);
  FixedTensor result({input.dim(0), input.dim(1), 1, 1}, output.format);
  Accumulator sum(accum, input.format.frac());
  const int64_t factor = reciprocalRaw(area, reciprocal);
  for (int64_t plane = 0; plane < planes; ++plane) {
    sum.start(0);
    for (int64_t i = 0; i < area; ++i)
      sum.add(input.raw[plane * area + i]);
    result.raw[plane] = output(static_cast<i128>(sum.finish()) * factor,
                               accum.format.frac() + reciprocal.frac());
  }
  return result;
}

FixedTensor fixedRelu(const FixedTensor &input, const FixedSink &output) {
  FixedTensor result(input.shape, output.format);
  const int frac = input.format.frac();
  for (size_t i = 0; i < input.size(); ++i)
    result.raw[i] = input.raw[i] < 0 ? 0 : output(input.raw[i], frac);
  return result;
}

FixedTensor fixedClip(const FixedTensor &input, float low, float high, const FixedSink &output) {
  // The bounds are constants of the input's type, clamped to its range.
  const int64_t lowRaw = clipBoundRaw(low, input.format);
  const int64_t highRaw = clipBoundRaw(high, input.format);
  FixedTensor result(input.shape, output.format);
  const int frac = input.format.frac();
  for (size_t i = 0; i < input.size(); ++i) {
    int64_t v = input.raw[i];
    result.raw[i] = output(v < lowRaw ? lowRaw : v > highRaw ? highRaw : v, frac);
  }
  return result;
}

FixedTensor fixedBinary(BinaryKind kind, const FixedTensor &lhs, const FixedTensor &rhs,
                        llvm::ArrayRef<int64_t> outputShape, const FixedSink &output) {
  FixedTensor result(outputShape, output.format);
  const int lf = lhs.format.frac(), rf = rhs.format.frac(), common = std::max(lf, rf);
  // The exact result (a sum or difference at the finer scale, a product at the sum of
  // the scales), then one conversion: fixed.h's and ap_fixed's full-precision operators.
  auto apply = [&](int64_t l, int64_t r) -> int64_t {
    switch (kind) {
    case BinaryKind::Add:
      return output(scaleUp(l, common - lf) + scaleUp(r, common - rf), common);
    case BinaryKind::Sub:
      return output(scaleUp(l, common - lf) - scaleUp(r, common - rf), common);
    case BinaryKind::Mul:
      return output(static_cast<i128>(l) * r, lf + rf);
    }
    return 0;
  };
  const size_t rank = outputShape.size();
  auto strides = [&](llvm::ArrayRef<int64_t> dims) {
    llvm::SmallVector<int64_t, 4> values(rank, 0);
    int64_t stride = 1;
    for (size_t i = 0; i < dims.size(); ++i) {
      values[rank - 1 - i] = dims[dims.size() - 1 - i] == 1 ? 0 : stride;
      stride *= dims[dims.size() - 1 - i];
    }
    return values;
  };
  auto lhsStrides = strides(lhs.shape), rhsStrides = strides(rhs.shape);
  for (size_t flat = 0; flat < result.size(); ++flat) {
    int64_t rest = static_cast<int64_t>(flat), l = 0, r = 0;
    for (size_t axis = rank; axis-- > 0;) {
      int64_t index = rest % outputShape[axis];
      rest /= outputShape[axis];
      l += index * lhsStrides[axis];
      r += index * rhsStrides[axis];
    }
    result.raw[flat] = apply(lhs.raw[l], rhs.raw[r]);
  }
  return result;
}

FixedTensor fixedSlice(const FixedTensor &input, llvm::ArrayRef<int64_t> offsets,
                       llvm::ArrayRef<int64_t> outputShape, const FixedSink &output) {
  FixedTensor result(outputShape, output.format);
  std::vector<int64_t> sources = sliceSources(input.shape, offsets, outputShape);
  for (size_t i = 0; i < sources.size(); ++i)
    result.raw[i] = output(input.raw[sources[i]], input.format.frac());
  return result;
}

FixedTensor fixedTableActivation(const FixedTensor &input, const ActivationTable &table,
                                 const FixedSink &output) {
  FixedTensor result(input.shape, output.format);
  for (size_t i = 0; i < input.size(); ++i)
    result.raw[i] = table.entries[static_cast<size_t>(table.index(input.raw[i]))];
  return result;
}

FixedTensor fixedPad(const FixedTensor &input, llvm::ArrayRef<int64_t> pads, float value,
                     PadMode mode, llvm::ArrayRef<int64_t> outputShape,
                     const FixedSink &output) {
  FixedTensor result(outputShape, output.format);
  const int64_t fill = output.fromDouble(value);
  const int frac = input.format.frac();
  const size_t rank = outputShape.size();
  for (size_t flat = 0; flat < result.size(); ++flat) {
    int64_t rest = static_cast<int64_t>(flat), source = 0, scale = 1;
    bool inside = true;
    for (size_t axis = rank; axis-- > 0;) {
      int64_t i = padSource(rest % outputShape[axis] - pads[axis], input.dim(axis), mode);
      rest /= outputShape[axis];
      inside = inside && i >= 0;
      source += i * scale;
      scale *= input.dim(axis);
    }
    result.raw[flat] = inside ? output(input.raw[source], frac) : fill;
  }
  return result;
}

FixedTensor fixedConcat(llvm::ArrayRef<const FixedTensor *> inputs, int64_t axis,
                        llvm::ArrayRef<int64_t> outputShape, const FixedSink &output) {
  FixedTensor result(outputShape, output.format);
  AxisSplit split = splitAtAxis(outputShape, axis);
  int64_t *out = result.raw.data();
  for (int64_t o = 0; o < split.outer; ++o)
    for (const FixedTensor *input : inputs) {
      int64_t chunk = splitAtAxis(input->shape, axis).length * split.inner;
      const int frac = input->format.frac();
      for (int64_t i = 0; i < chunk; ++i)
        *out++ = output(input->raw[o * chunk + i], frac);
    }
  return result;
}

} // namespace eecc::interp
