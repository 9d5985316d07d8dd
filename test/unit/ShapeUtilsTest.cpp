// Unit tests of the shape arithmetic behind the nn verifiers.
#include "dialects/nn/ShapeUtils.h"

#include <gtest/gtest.h>

using namespace eecc;

TEST(WindowOutputSize, LeNetConvolutionAndPooling) {
  EXPECT_EQ(windowOutputSize({28, 5, 1, 0, 0, 1}), 24);
  EXPECT_EQ(windowOutputSize({24, 2, 2, 0, 0, 1}), 12);
  EXPECT_EQ(windowOutputSize({32, 3, 1, 1, 1, 1}), 32); // "same" 3x3
}

TEST(WindowOutputSize, StridesAndDilations) {
  EXPECT_EQ(windowOutputSize({224, 11, 4, 2, 2, 1}), 55); // AlexNet conv1
  EXPECT_EQ(windowOutputSize({10, 3, 1, 0, 0, 2}), 6);   // effective kernel 5
  EXPECT_EQ(windowOutputSize({7, 3, 2, 0, 0, 1}), 3);
}

TEST(WindowOutputSize, CeilModeDropsWindowsStartingInPadding) {
  EXPECT_EQ(windowOutputSize({7, 2, 2, 0, 0, 1}, /*ceilMode=*/false), 3);
  EXPECT_EQ(windowOutputSize({7, 2, 2, 0, 0, 1}, /*ceilMode=*/true), 4);
  EXPECT_EQ(windowOutputSize({55, 3, 2, 0, 0, 1}, /*ceilMode=*/true), 27);
  // in=4, k=2, s=2, pad end 1: ceil gives 3 windows, but the third would start at
  // index 4 = in + padBegin, entirely in padding, so it is dropped.
  EXPECT_EQ(windowOutputSize({4, 2, 2, 0, 1, 1}, /*ceilMode=*/true), 2);
}

TEST(WindowOutputSize, RejectsWindowsThatDoNotFit) {
  EXPECT_EQ(windowOutputSize({4, 5, 1, 0, 0, 1}), std::nullopt);
  EXPECT_EQ(windowOutputSize({4, 3, 1, 0, 0, 2}), std::nullopt);
  EXPECT_EQ(windowOutputSize({4, 3, 0, 0, 0, 1}), std::nullopt);
  EXPECT_EQ(windowOutputSize({0, 1, 1, 0, 0, 1}), std::nullopt);
}

TEST(WindowOutputSize, OverflowIsRejectedNotWrapped) {
  const int64_t huge = int64_t{1} << 62;
  EXPECT_EQ(windowOutputSize({28, 5, 1, 0, 0, huge}), std::nullopt);
  EXPECT_EQ(windowOutputSize({28, 5, 1, INT64_MAX, INT64_MAX, 1}), std::nullopt);
  EXPECT_EQ(effectiveKernelSize(5, huge), std::nullopt);
  EXPECT_EQ(effectiveKernelSize(5, 2), 9);
}

TEST(BroadcastShapes, NumpyRules) {
  using Shape = llvm::SmallVector<int64_t, 4>;
  EXPECT_EQ(broadcastShapes({1, 16, 8, 8}, {1, 16, 8, 8}), Shape({1, 16, 8, 8}));
  EXPECT_EQ(broadcastShapes({1, 16, 8, 8}, {16, 1, 1}), Shape({1, 16, 8, 8}));
  EXPECT_EQ(broadcastShapes({3, 1}, {1, 4}), Shape({3, 4}));
  EXPECT_EQ(broadcastShapes({}, {2, 2}), Shape({2, 2}));
  EXPECT_EQ(broadcastShapes({3, 2}, {4, 2}), std::nullopt);
}

TEST(ShapeUtils, SplitAtAxis) {
  AxisSplit split = splitAtAxis({2, 3, 4, 5}, 1);
  EXPECT_EQ(split.outer, 2);
  EXPECT_EQ(split.length, 3);
  EXPECT_EQ(split.inner, 20);
  split = splitAtAxis({1, 10}, -1);
  EXPECT_EQ(split.outer, 1);
  EXPECT_EQ(split.length, 10);
  EXPECT_EQ(split.inner, 1);
}

TEST(ShapeUtils, NumElementsAndAxes) {
  EXPECT_EQ(numElements({1, 16, 5, 5}), 400);
  EXPECT_EQ(numElements({}), 1);
  EXPECT_EQ(numElements({int64_t{1} << 32, int64_t{1} << 32}), std::nullopt);
  EXPECT_EQ(checkedSum(1, 2, 3), 6);
  EXPECT_EQ(checkedSum(INT64_MAX, 1), std::nullopt);
  EXPECT_EQ(normalizeAxis(-1, 2), 1);
  EXPECT_EQ(normalizeAxis(1, 2), 1);
  EXPECT_EQ(normalizeAxis(2, 2), std::nullopt);
  EXPECT_EQ(normalizeAxis(-3, 2), std::nullopt);
}
