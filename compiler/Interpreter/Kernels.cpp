// Float reference kernels of the nn ops (the semantics every backend must match).
#include "Kernels.h"

#include "dialects/nn/ShapeUtils.h"
#include "compiler/Support/Vectorize.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace eecc::interp {

namespace {

typedef float Lanes __attribute__((vector_size(32))); // 8 floats

/// Whether adding a padding cell's product (0 x w) to a sum leaves it as skipping the
/// cell does: s + (-0) == s for every s, s + (+0) == s unless s is -0, and a sum is -0
/// only while it is a bias of -0 plus terms of -0; 0 x w is NaN for an infinite w.
bool paddingIsNeutral(const Tensor &weight, const Tensor *bias) {
  for (float w : weight.data)
    if (!std::isfinite(w))
      return false;
  if (bias)
    for (float b : bias->data)
      if (b == 0.0f && std::signbit(b))
        return false;
  return true;
}

/// Stride-1 conv2d with every sum in registers: each input channel copied into a
/// zero-padded plane of pitch PW, so that a kernel tap is one contiguous run over the
/// output pixels (kept at pitch PW; the extra columns are dropped), and blocks of
/// kFilters filters x kPixels pixels accumulate over all taps before they are stored.
/// Every output adds the same products in the same order as conv2d's loops (bias,
/// channel, ky, kx); the padding's products are neutral (paddingIsNeutral).
EECC_AVX2_CLONES void conv2dBlocked(const Tensor &input, const Tensor &weight, const Tensor *bias,
                                    llvm::ArrayRef<int64_t> pads, llvm::ArrayRef<int64_t> dilations,
                                    int64_t groups, Tensor &output) {
  constexpr int64_t kFilters = 4, kVectors = 2, kPixels = 8 * kVectors;
  const int64_t batch = input.dim(0), channels = input.dim(1), height = input.dim(2),
                width = input.dim(3);
  const int64_t filters = weight.dim(0), groupChannels = weight.dim(1),
                kernelH = weight.dim(2), kernelW = weight.dim(3);
  const int64_t outH = output.dim(2), outW = output.dim(3);
  const int64_t pitch = outW + (kernelW - 1) * dilations[1];
  const int64_t rows = outH + (kernelH - 1) * dilations[0];
  const int64_t plane = rows * pitch;
  const int64_t span = (outH - 1) * pitch + outW;
  const int64_t taps = groupChannels * kernelH * kernelW;
  const int64_t filtersPerGroup = filters / groups;
  std::vector<float> padded(channels * plane + kPixels, 0.0f);
  std::vector<int64_t> offsets(taps);
  for (int64_t c = 0, t = 0; c < groupChannels; ++c)
    for (int64_t ky = 0; ky < kernelH; ++ky)
      for (int64_t kx = 0; kx < kernelW; ++kx)
        offsets[t++] = c * plane + ky * dilations[0] * pitch + kx * dilations[1];
  const std::vector<float> zeros(taps, 0.0f);
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t c = 0; c < channels; ++c)
      for (int64_t y = 0; y < height; ++y)
        std::copy_n(input.data.data() + ((n * channels + c) * height + y) * width, width,
                    padded.data() + c * plane + (y + pads[0]) * pitch + pads[1]);
    for (int64_t m0 = 0; m0 < filters;) {
      const int64_t group = m0 / filtersPerGroup;
      const int64_t count = std::min(kFilters, (group + 1) * filtersPerGroup - m0);
      const int64_t next = m0 + count; // blocks stay within a group
      const float *base = padded.data() + group * groupChannels * plane;
      const float *w[kFilters];
      for (int64_t f = 0; f < kFilters; ++f)
        w[f] = f < count ? weight.data.data() + (m0 + f) * taps : zeros.data();
      for (int64_t p0 = 0; p0 < span; p0 += kPixels) {
        Lanes acc[kFilters][kVectors];
        for (int64_t f = 0; f < kFilters; ++f) {
          const float start = bias && f < count ? bias->data[m0 + f] : 0.0f;
          for (int64_t v = 0; v < kVectors; ++v)
            for (int l = 0; l < 8; ++l)
              acc[f][v][l] = start;
        }
        for (int64_t t = 0; t < taps; ++t) {
          Lanes x[kVectors];
          std::memcpy(x, base + offsets[t] + p0, sizeof x);
          for (int64_t f = 0; f < kFilters; ++f) {
            const float wv = w[f][t];
            for (int64_t v = 0; v < kVectors; ++v)
              acc[f][v] += x[v] * wv;
          }
        }
        for (int64_t f = 0; f < count; ++f) {
          float lanes[kPixels];
          std::memcpy(lanes, acc[f], sizeof lanes);
          float *out = output.data.data() + (n * filters + m0 + f) * outH * outW;
          for (int64_t i = 0, y = p0 / pitch, x = p0 % pitch; i < kPixels && y < outH; ++i) {
            if (x < outW)
              out[y * outW + x] = lanes[i];
            if (++x == pitch)
              x = 0, ++y;
          }
        }
      }
      m0 = next;
    }
  }
}

} // namespace

// Built for AVX2 too where the CPU has it (without FMA: the products and sums round
// exactly as in the C-simulation).
EECC_AVX2_CLONES Tensor
conv2d(const Tensor &input, const Tensor &weight, const Tensor *bias,
              llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
              llvm::ArrayRef<int64_t> dilations, int64_t groups,
              llvm::ArrayRef<int64_t> outputShape) {
  Tensor output(outputShape);
  if (strides[0] == 1 && strides[1] == 1 && paddingIsNeutral(weight, bias)) {
    conv2dBlocked(input, weight, bias, pads, dilations, groups, output);
    return output;
  }
  const int64_t batch = input.dim(0), channels = input.dim(1), height = input.dim(2),
                width = input.dim(3);
  const int64_t filters = weight.dim(0), groupChannels = weight.dim(1),
                kernelH = weight.dim(2), kernelW = weight.dim(3);
  const int64_t outH = outputShape[2], outW = outputShape[3];
  const int64_t filtersPerGroup = filters / groups;
  // Whole output planes at a time, so the innermost loop runs along a row of outputs
  // (vectorizable). Every output still adds its terms in the same order (bias, then
  // channel, ky, kx, skipping the padding) as the layer library's conv2d.
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t m = 0; m < filters; ++m) {
      const int64_t firstChannel = (m / filtersPerGroup) * groupChannels;
      const float *w = weight.data.data() + m * groupChannels * kernelH * kernelW;
      float *out = output.data.data() + (n * filters + m) * outH * outW;
      std::fill(out, out + outH * outW, bias ? bias->data[m] : 0.0f);
      for (int64_t c = 0; c < groupChannels; ++c) {
        const float *in = input.data.data() + (n * channels + firstChannel + c) * height * width;
        for (int64_t ky = 0; ky < kernelH; ++ky) {
          int64_t oy0, oy1;
          windowOutputRange(pads[0] - ky * dilations[0], strides[0], height, outH, oy0, oy1);
          for (int64_t kx = 0; kx < kernelW; ++kx) {
            int64_t ox0, ox1;
            windowOutputRange(pads[1] - kx * dilations[1], strides[1], width, outW, ox0, ox1);
            const float wv = w[(c * kernelH + ky) * kernelW + kx];
            for (int64_t oy = oy0; oy < oy1; ++oy) {
              const float *row = in + (oy * strides[0] - pads[0] + ky * dilations[0]) * width +
                                 kx * dilations[1] - pads[1];
              float *outRow = out + oy * outW;
              if (strides[1] == 1) {
                for (int64_t ox = ox0; ox < ox1; ++ox)
                  outRow[ox] += row[ox] * wv;
              } else {
                for (int64_t ox = ox0; ox < ox1; ++ox)
                  outRow[ox] += row[ox * strides[1]] * wv;
              }
            }
          }
        }
      }
    }
  return output;
}

Tensor dense(const Tensor &input, const Tensor &weight, const Tensor *bias) {
  const int64_t batch = input.dim(0), features = input.dim(1), units = weight.dim(0);
  Tensor output({batch, units});
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t m = 0; m < units; ++m) {
      float sum = bias ? bias->data[m] : 0.0f;
      const float *x = input.data.data() + n * features;
      const float *w = weight.data.data() + m * features;
      for (int64_t k = 0; k < features; ++k)
        sum += x[k] * w[k];
      output.data[n * units + m] = sum;
    }
  return output;
}

namespace {
/// Applies `visit(inputIndex)` to every in-bounds cell of each pooling window and
/// `finish(count_in_bounds)` to produce the output value.
template <typename Init, typename Visit, typename Finish>
Tensor pool2d(const Tensor &input, llvm::ArrayRef<int64_t> kernel, llvm::ArrayRef<int64_t> strides,
              llvm::ArrayRef<int64_t> pads, llvm::ArrayRef<int64_t> dilations,
              llvm::ArrayRef<int64_t> outputShape, Init init, Visit visit, Finish finish) {
  Tensor output(outputShape);
  const int64_t planes = input.dim(0) * input.dim(1), height = input.dim(2), width = input.dim(3);
  const int64_t outH = outputShape[2], outW = outputShape[3];
  for (int64_t plane = 0; plane < planes; ++plane) {
    const float *in = input.data.data() + plane * height * width;
    float *out = output.data.data() + plane * outH * outW;
    for (int64_t oy = 0; oy < outH; ++oy)
      for (int64_t ox = 0; ox < outW; ++ox) {
        float accumulator = init();
        int64_t count = 0;
        for (int64_t ky = 0; ky < kernel[0]; ++ky) {
          int64_t y = oy * strides[0] - pads[0] + ky * dilations[0];
          if (y < 0 || y >= height)
            continue;
          for (int64_t kx = 0; kx < kernel[1]; ++kx) {
            int64_t x = ox * strides[1] - pads[1] + kx * dilations[1];
            if (x < 0 || x >= width)
              continue;
            accumulator = visit(accumulator, in[y * width + x]);
            ++count;
          }
        }
        out[oy * outW + ox] = finish(accumulator, count, oy, ox);
      }
  }
  return output;
}
} // namespace

Tensor maxPool2d(const Tensor &input, llvm::ArrayRef<int64_t> kernel,
                 llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                 llvm::ArrayRef<int64_t> dilations, llvm::ArrayRef<int64_t> outputShape) {
  // The first cell of the window starts the maximum (as in the HLS library), so a
  // NaN in that cell stays; later cells replace it only when strictly greater.
  bool first = true;
  return pool2d(
      input, kernel, strides, pads, dilations, outputShape,
      [&] {
        first = true;
        return 0.0f;
      },
      [&](float best, float value) {
        float next = first || value > best ? value : best;
        first = false;
        return next;
      },
      [](float best, int64_t, int64_t, int64_t) { return best; });
}

Tensor avgPool2d(const Tensor &input, llvm::ArrayRef<int64_t> kernel,
                 llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
                 bool countIncludePad, llvm::ArrayRef<int64_t> outputShape) {
  static const int64_t unit[] = {1, 1};
  const int64_t height = input.dim(2), width = input.dim(3);
  return pool2d(
      input, kernel, strides, pads, unit, outputShape, [] { return 0.0f; },
      [](float sum, float value) { return sum + value; },
      [&](float sum, int64_t count, int64_t oy, int64_t ox) {
        if (!countIncludePad)
          return count ? sum / static_cast<float>(count) : 0.0f;
        // The divisor counts padding cells but not cells past the end padding
        // (ceil_mode windows), as onnxruntime does.
        int64_t y0 = oy * strides[0] - pads[0], x0 = ox * strides[1] - pads[1];
        int64_t y1 = std::min(y0 + kernel[0], height + pads[2]);
        int64_t x1 = std::min(x0 + kernel[1], width + pads[3]);
        return sum / static_cast<float>((y1 - y0) * (x1 - x0));
      });
}

Tensor globalAvgPool(const Tensor &input) {
  const int64_t planes = input.dim(0) * input.dim(1), area = input.dim(2) * input.dim(3);
  Tensor output({input.dim(0), input.dim(1), 1, 1});
  for (int64_t plane = 0; plane < planes; ++plane) {
    float sum = 0.0f;
    for (int64_t i = 0; i < area; ++i)
      sum += input.data[plane * area + i];
    output.data[plane] = sum / static_cast<float>(area);
  }
  return output;
}

Tensor batchNorm(const Tensor &input, const Tensor &scale, const Tensor &bias,
                 const Tensor &mean, const Tensor &variance, float epsilon) {
  Tensor output = input;
  const int64_t channels = input.dim(1);
  int64_t inner = 1;
  for (size_t i = 2; i < input.shape.size(); ++i)
    inner *= input.dim(i);
  for (size_t i = 0; i < output.size(); ++i) {
    int64_t c = (static_cast<int64_t>(i) / inner) % channels;
    output.data[i] = scale.data[c] * (input.data[i] - mean.data[c]) /
                         std::sqrt(variance.data[c] + epsilon) +
                     bias.data[c];
  }
  return output;
}

Tensor lrn(const Tensor &input, int64_t size, float alpha, float beta, float bias) {
  Tensor output = input;
  const int64_t batch = input.dim(0), channels = input.dim(1),
                area = input.dim(2) * input.dim(3);
  const int64_t before = (size - 1) / 2, after = size - 1 - before;
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t c = 0; c < channels; ++c)
      for (int64_t i = 0; i < area; ++i) {
        float squares = 0.0f;
        for (int64_t k = std::max<int64_t>(0, c - before);
             k <= std::min<int64_t>(channels - 1, c + after); ++k) {
          float v = input.data[(n * channels + k) * area + i];
          squares += v * v;
        }
        int64_t index = (n * channels + c) * area + i;
        output.data[index] =
            input.data[index] / std::pow(bias + alpha / static_cast<float>(size) * squares, beta);
      }
  return output;
}

namespace {
/// Row-major strides of `shape`, with 0 where a broadcast dimension is 1.
llvm::SmallVector<int64_t, 4> broadcastStrides(llvm::ArrayRef<int64_t> shape, size_t rank) {
  llvm::SmallVector<int64_t, 4> strides(rank, 0);
  int64_t stride = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    size_t axis = shape.size() - 1 - i;
    size_t outAxis = rank - 1 - i;
    strides[outAxis] = shape[axis] == 1 ? 0 : stride;
    stride *= shape[axis];
  }
  return strides;
}
} // namespace

Tensor binary(BinaryKind kind, const Tensor &lhs, const Tensor &rhs,
              llvm::ArrayRef<int64_t> outputShape) {
  Tensor output(outputShape);
  auto apply = [kind](float l, float r) {
    return kind == BinaryKind::Add ? l + r : kind == BinaryKind::Sub ? l - r : l * r;
  };
  if (lhs.shape == rhs.shape) {
    for (size_t i = 0; i < output.size(); ++i)
      output.data[i] = apply(lhs.data[i], rhs.data[i]);
    return output;
  }
  size_t rank = outputShape.size();
  auto lhsStrides = broadcastStrides(lhs.shape, rank), rhsStrides = broadcastStrides(rhs.shape, rank);
  llvm::SmallVector<int64_t, 4> index(rank, 0);
  for (size_t flat = 0; flat < output.size(); ++flat) {
    int64_t l = 0, r = 0;
    for (size_t axis = 0; axis < rank; ++axis) {
      l += index[axis] * lhsStrides[axis];
      r += index[axis] * rhsStrides[axis];
    }
    output.data[flat] = apply(lhs.data[l], rhs.data[r]);
    for (size_t axis = rank; axis-- > 0;) {
      if (++index[axis] < outputShape[axis])
        break;
      index[axis] = 0;
    }
  }
  return output;
}

std::vector<int64_t> sliceSources(llvm::ArrayRef<int64_t> inputShape,
                                  llvm::ArrayRef<int64_t> offsets,
                                  llvm::ArrayRef<int64_t> outputShape) {
  const size_t rank = outputShape.size();
  int64_t count = 1;
  for (int64_t dim : outputShape)
    count *= dim;
  std::vector<int64_t> sources(static_cast<size_t>(count));
  llvm::SmallVector<int64_t, 4> inputStrides(rank, 1);
  for (size_t axis = rank; axis-- > 1;)
    inputStrides[axis - 1] = inputStrides[axis] * inputShape[axis];
  for (int64_t flat = 0; flat < count; ++flat) {
    int64_t rest = flat, source = 0;
    for (size_t axis = rank; axis-- > 0;) {
      source += (rest % outputShape[axis] + offsets[axis]) * inputStrides[axis];
      rest /= outputShape[axis];
    }
    sources[static_cast<size_t>(flat)] = source;
  }
  return sources;
}

Tensor slice(const Tensor &input, llvm::ArrayRef<int64_t> offsets,
             llvm::ArrayRef<int64_t> outputShape) {
  Tensor output(outputShape);
  std::vector<int64_t> sources = sliceSources(input.shape, offsets, outputShape);
  for (size_t i = 0; i < sources.size(); ++i)
    output.data[i] = input.data[sources[i]];
  return output;
}

float sigmoidOf(float x) { return 1.0f / (1.0f + std::exp(-x)); }

Tensor sigmoid(const Tensor &input) {
  Tensor output = input;
  for (float &v : output.data)
    v = sigmoidOf(v);
  return output;
}

Tensor tanh(const Tensor &input) {
  Tensor output = input;
  for (float &v : output.data)
    v = std::tanh(v);
  return output;
}

Tensor pad(const Tensor &input, llvm::ArrayRef<int64_t> pads, float value, PadMode mode,
           llvm::ArrayRef<int64_t> outputShape) {
  Tensor output(outputShape);
  std::fill(output.data.begin(), output.data.end(), value);
  size_t rank = outputShape.size();
  llvm::SmallVector<int64_t, 4> index(rank, 0);
  for (size_t flat = 0; flat < output.size(); ++flat) {
    int64_t source = 0;
    bool inside = true;
    for (size_t axis = 0; axis < rank && inside; ++axis) {
      int64_t i = padSource(index[axis] - pads[axis], input.dim(axis), mode);
      inside = i >= 0;
      source = source * input.dim(axis) + i;
    }
    if (inside)
      output.data[flat] = input.data[source];
    for (size_t axis = rank; axis-- > 0;) {
      if (++index[axis] < outputShape[axis])
        break;
      index[axis] = 0;
    }
  }
  return output;
}

Tensor concat(llvm::ArrayRef<const Tensor *> inputs, int64_t axis,
              llvm::ArrayRef<int64_t> outputShape) {
  Tensor output(outputShape);
  AxisSplit split = splitAtAxis(outputShape, axis);
  float *out = output.data.data();
  for (int64_t o = 0; o < split.outer; ++o)
    for (const Tensor *input : inputs) {
      int64_t chunk = splitAtAxis(input->shape, axis).length * split.inner;
      std::copy_n(input->data.data() + o * chunk, chunk, out);
      out += chunk;
    }
  return output;
}

namespace {
/// Calls `row(base, length, inner, largest)` for every row along `axis` of a copy of
/// `input` (the row's values are base[k * inner], k < length; `largest` their maximum),
/// which the callback rewrites in place; returns the copy.
template <class Row> Tensor forEachRow(const Tensor &input, int64_t axis, Row row) {
  Tensor output = input;
  auto [outer, length, inner] = splitAtAxis(input.shape, axis);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      float *base = output.data.data() + o * length * inner + i;
      float largest = -std::numeric_limits<float>::infinity();
      for (int64_t k = 0; k < length; ++k)
        largest = std::max(largest, base[k * inner]);
      row(base, length, inner, largest);
    }
  return output;
}
} // namespace

Tensor softmax(const Tensor &input, int64_t axis) {
  return forEachRow(input, axis, [](float *base, int64_t length, int64_t inner, float largest) {
    float sum = 0.0f;
    for (int64_t k = 0; k < length; ++k)
      sum += base[k * inner] = std::exp(base[k * inner] - largest);
    for (int64_t k = 0; k < length; ++k)
      base[k * inner] /= sum;
  });
}

Tensor logSoftmax(const Tensor &input, int64_t axis) {
  return forEachRow(input, axis, [](float *base, int64_t length, int64_t inner, float largest) {
    float sum = 0.0f;
    for (int64_t k = 0; k < length; ++k)
      sum += std::exp(base[k * inner] - largest);
    const float logSum = std::log(sum);
    for (int64_t k = 0; k < length; ++k)
      base[k * inner] = base[k * inner] - largest - logSum;
  });
}

Tensor reshape(const Tensor &input, llvm::ArrayRef<int64_t> outputShape) {
  Tensor output = input;
  output.shape.assign(outputShape.begin(), outputShape.end());
  return output;
}

} // namespace eecc::interp
