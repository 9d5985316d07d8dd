// Unit tests of the all-or-nothing output directory.
#include "compiler/Support/OutputDirectory.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

using namespace eecc;
namespace fs = llvm::sys::fs;

namespace {
class OutputDirectoryTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(fs::createUniqueDirectory("eecc-outdir", root));
    destination = (root + "/out").str();
  }
  void TearDown() override { fs::remove_directories(root); }

  std::string readFile(llvm::StringRef relative) {
    auto buffer = llvm::MemoryBuffer::getFile(destination + "/" + relative.str());
    return buffer ? (*buffer)->getBuffer().str() : std::string("<missing>");
  }

  llvm::SmallString<128> root;
  std::string destination;
};
} // namespace

TEST_F(OutputDirectoryTest, NothingAppearsUntilCommit) {
  {
    auto output = OutputDirectory::create(destination, /*force=*/false);
    ASSERT_TRUE(static_cast<bool>(output)) << llvm::toString(output.takeError());
    ASSERT_FALSE(static_cast<bool>(output->writeFile("hls/top.cpp", "int x;\n")));
    EXPECT_FALSE(fs::exists(destination));
    // Dropped without commit: the staging directory goes away too.
  }
  EXPECT_FALSE(fs::exists(destination));
  std::error_code code;
  EXPECT_EQ(fs::directory_iterator(root, code), fs::directory_iterator());
}

TEST_F(OutputDirectoryTest, CommitMovesFilesIntoPlace) {
  auto output = OutputDirectory::create(destination, false);
  ASSERT_TRUE(static_cast<bool>(output));
  ASSERT_FALSE(static_cast<bool>(output->writeFile("a/b/c.txt", "hello")));
  ASSERT_FALSE(static_cast<bool>(output->commit()));
  EXPECT_EQ(readFile("a/b/c.txt"), "hello");
  EXPECT_TRUE(fs::exists(destination + "/" + OutputDirectory::kMarkerFile));
}

TEST_F(OutputDirectoryTest, RefusesPathsLeavingTheDirectory) {
  auto output = OutputDirectory::create(destination, false);
  ASSERT_TRUE(static_cast<bool>(output));
  for (const char *bad : {"../escape.txt", "a/../../escape.txt", "/tmp/abs.txt", ""}) {
    llvm::Error error = output->writeFile(bad, "x");
    EXPECT_TRUE(static_cast<bool>(error)) << bad;
    llvm::consumeError(std::move(error));
  }
  EXPECT_FALSE(fs::exists((root + "/escape.txt").str()));
}

TEST_F(OutputDirectoryTest, ExistingDirectoryNeedsForceAndAnEeccMarker) {
  ASSERT_FALSE(fs::create_directories(destination));
  {
    std::error_code code;
    llvm::raw_fd_ostream(destination + "/user-file.txt", code) << "mine";
  }
  auto noForce = OutputDirectory::create(destination, false);
  ASSERT_FALSE(static_cast<bool>(noForce));
  EXPECT_NE(llvm::toString(noForce.takeError()).find("--force"), std::string::npos);
  auto notOurs = OutputDirectory::create(destination, true);
  ASSERT_FALSE(static_cast<bool>(notOurs));
  EXPECT_NE(llvm::toString(notOurs.takeError()).find("neither empty nor an eecc output"),
            std::string::npos);
  EXPECT_EQ(readFile("user-file.txt"), "mine");
}

TEST_F(OutputDirectoryTest, ForceReplacesAPreviousOutput) {
  for (const char *contents : {"first", "second"}) {
    auto output = OutputDirectory::create(destination, /*force=*/true);
    ASSERT_TRUE(static_cast<bool>(output)) << llvm::toString(output.takeError());
    ASSERT_FALSE(static_cast<bool>(output->writeFile("model.mlir", contents)));
    ASSERT_FALSE(static_cast<bool>(output->commit()));
  }
  EXPECT_EQ(readFile("model.mlir"), "second");
}
