// `eecc run`: samples through the reference interpreter.
#include "Driver.h"
#include "compiler/Support/Json.h"

#include "compiler/Interpreter/Interpreter.h"
#include "compiler/Support/Progress.h"
#include "compiler/Support/SampleFile.h"
#include "compiler/Support/Text.h"
#include "dialects/ee/EEOps.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

#include <cstring>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace eecc::driver {

namespace {

/// The model's file name as reports show it: Linux file names are bytes.
std::string modelFileName(const CompileConfig &config) {
  return escapeInvalidUtf8(llvm::sys::path::filename(config.input));
}

} // namespace

/// eecc run: the reference interpreter over a file of samples (the module went through
/// the run pipeline: the network, quantized for --fixed).
int runModel(const CompileConfig &config, mlir::ModuleOp module) {
  const RunConfig &run = *config.run;
  auto networks = llvm::to_vector(module.getOps<ee::NetworkOp>());
  if (networks.size() != 1)
    return fail(fmt::format("{}: expected one network, found {}", config.input, networks.size()));
  auto interpreter = interp::NetworkInterpreter::create(
      networks.front(), run.fixed ? interp::Arithmetic::Fixed : interp::Arithmetic::Float);
  if (!interpreter)
    return 1;

  auto inputs = readSampleFile(run.inputFile, interpreter->inputShape(), run.count);
  if (!inputs)
    return fail(llvm::toString(inputs.takeError()));
  const size_t count = inputs->count;
  nlohmann::ordered_json samples = nlohmann::ordered_json::array();
  std::vector<int64_t> exitCounts(interpreter->numExits(), 0);
  interp::Tensor input(interpreter->inputShape());
  Progress lines("eecc run", count, !config.quiet);
  for (size_t sample = 0; sample < count; ++sample) {
    std::memcpy(input.data.data(), inputs->sample(sample).data(), inputs->sampleBytes);
    interp::SampleResult result = interpreter->run(input, run.allExits);
    lines.update(sample + 1);
    ++exitCounts[result.exitIndex];
    nlohmann::ordered_json entry = {{"exit", result.exitIndex},
                                    {"class", result.predictedClass},
                                    {"logits", result.logits}};
    if (run.allExits)
      entry["all_exit_logits"] = result.allExitLogits;
    samples.push_back(std::move(entry));
  }
  nlohmann::ordered_json document = {{"model", modelFileName(config)},
                                     {"mode", run.fixed ? "fixed" : "float"},
                                     {"count", count},
                                     {"exit_counts", exitCounts},
                                     {"samples", std::move(samples)}};
  std::error_code code;
  llvm::ToolOutputFile file(run.outputFile, code, llvm::sys::fs::OF_Text);
  if (code)
    return fail(run.outputFile + ": " + code.message());
  file.os() << jsonText(document) << "\n";
  file.os().close();
  if (file.os().has_error()) {
    file.os().clear_error(); // reported here, not again by LLVM at exit
    return fail(run.outputFile + ": write error");
  }
  file.keep();
  if (!config.quiet) {
    std::string mix;
    for (auto [index, taken] : llvm::enumerate(exitCounts))
      mix += fmt::format("{}exit {}: {}", index ? ", " : "", index, taken);
    llvm::outs() << fmt::format("eecc: ran {} sample(s) ({}); wrote {}\n", count, mix,
                                run.outputFile);
  }
  return 0;
}

} // namespace eecc::driver
