// csynth.xml → report.json "csynth". The report is machine-written XML of plain nested
// elements; eecc reads only element text along fixed paths (no attributes, entities,
// DTDs or namespaces), so a hostile file can at worst be refused.
#include "compiler/Emit/CsynthReport.h"
#include "compiler/Support/Json.h"
#include "compiler/Support/OutputDirectory.h"
#include "compiler/Support/Text.h"
#include "compiler/Emit/ReportHtml.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <optional>

namespace eecc {

namespace {

/// The text of the first element `name` inside [begin, end) of `xml`, or nothing.
/// Returns the element's content range through `contentBegin`/`contentEnd`.
bool findElement(llvm::StringRef xml, llvm::StringRef name, size_t begin, size_t end,
                 size_t &contentBegin, size_t &contentEnd) {
  std::string open = "<" + name.str() + ">", close = "</" + name.str() + ">";
  size_t at = xml.find(open, begin);
  if (at == llvm::StringRef::npos || at >= end)
    return false;
  size_t closing = xml.find(close, at + open.size());
  if (closing == llvm::StringRef::npos || closing > end)
    return false;
  contentBegin = at + open.size();
  contentEnd = closing;
  return true;
}

/// The trimmed text at a path of element names, e.g. {"AreaEstimates", "Resources", "DSP"}.
std::optional<std::string> textAt(llvm::StringRef xml, llvm::ArrayRef<llvm::StringRef> path) {
  size_t begin = 0, end = xml.size();
  for (llvm::StringRef name : path) {
    size_t contentBegin, contentEnd;
    if (!findElement(xml, name, begin, end, contentBegin, contentEnd))
      return std::nullopt;
    begin = contentBegin, end = contentEnd;
  }
  llvm::StringRef text = xml.slice(begin, end).trim();
  if (text.contains('<'))
    return std::nullopt; // an element, not text
  return text.str();
}

std::string joinPath(llvm::ArrayRef<llvm::StringRef> path) {
  std::string text;
  for (llvm::StringRef name : path)
    text += (text.empty() ? "" : "/") + name.str();
  return text;
}

} // namespace

llvm::Expected<nlohmann::ordered_json> parseCsynthReport(llvm::StringRef xml,
                                                         llvm::StringRef fileName) {
  auto error = [&](const std::string &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   fileName.str() + ": " + message);
  };
  if (std::optional<size_t> offset = invalidUtf8Offset(xml))
    return error("byte " + std::to_string(*offset) +
                 " is not valid UTF-8: not a Vitis HLS csynth.xml report");
  if (!xml.contains("<profile>"))
    return error("not a Vitis HLS csynth.xml report (no <profile> element)");
  // Required text and numbers; latency may be "undef" (data-dependent loops): null.
  auto text = [&](llvm::ArrayRef<llvm::StringRef> path) -> llvm::Expected<std::string> {
    auto value = textAt(xml, path);
    if (!value)
      return error("element " + joinPath(path) + " is missing");
    return *value;
  };
  auto integer = [&](llvm::ArrayRef<llvm::StringRef> path,
                     bool mayBeUndefined) -> llvm::Expected<nlohmann::ordered_json> {
    auto value = text(path);
    if (!value)
      return value.takeError();
    if (mayBeUndefined && (*value == "undef" || *value == "?" || *value == "-"))
      return nlohmann::ordered_json(nullptr);
    int64_t number;
    if (llvm::StringRef(*value).getAsInteger(10, number) || number < 0)
      return error("element " + joinPath(path) + " holds '" + *value +
                   "', not a non-negative integer");
    return nlohmann::ordered_json(number);
  };
  auto real = [&](llvm::ArrayRef<llvm::StringRef> path) -> llvm::Expected<nlohmann::ordered_json> {
    auto value = text(path);
    if (!value)
      return value.takeError();
    double number;
    if (llvm::StringRef(*value).getAsDouble(number) || !(number > 0.0) || !std::isfinite(number))
      return error("element " + joinPath(path) + " holds '" + *value +
                   "', not a positive finite number");
    return nlohmann::ordered_json(number);
  };

  nlohmann::ordered_json report;
  report["source"] = llvm::StringRef(fileName).rsplit('/').second.empty()
                         ? fileName.str()
                         : llvm::StringRef(fileName).rsplit('/').second.str();
  struct Field {
    const char *key;
    llvm::SmallVector<llvm::StringRef, 4> path;
  };
  for (const Field &field : {Field{"version", {"ReportVersion", "Version"}},
                             Field{"part", {"UserAssignments", "Part"}},
                             Field{"top", {"UserAssignments", "TopModelName"}}}) {
    auto value = text(field.path);
    if (!value)
      return value.takeError();
    report[field.key] = *value;
  }
  auto target = real({"UserAssignments", "TargetClockPeriod"});
  auto estimated = real({"PerformanceEstimates", "SummaryOfTimingAnalysis", "EstimatedClockPeriod"});
  if (!target)
    return target.takeError();
  if (!estimated)
    return estimated.takeError();
  report["target_clock_ns"] = *target;
  report["estimated_clock_ns"] = *estimated;
  nlohmann::ordered_json latency;
  for (auto [key, element] : {std::pair{"best", "Best-caseLatency"},
                              std::pair{"average", "Average-caseLatency"},
                              std::pair{"worst", "Worst-caseLatency"}}) {
    auto value = integer({"PerformanceEstimates", "SummaryOfOverallLatency", element}, true);
    if (!value)
      return value.takeError();
    latency[key] = *value;
  }
  report["latency_cycles"] = latency;
  nlohmann::ordered_json interval;
  for (auto [key, element] : {std::pair{"min", "Interval-min"}, std::pair{"max", "Interval-max"}}) {
    auto value = integer({"PerformanceEstimates", "SummaryOfOverallLatency", element}, true);
    if (!value)
      return value.takeError();
    interval[key] = *value;
  }
  report["interval_cycles"] = interval;
  nlohmann::ordered_json resources, available;
  for (auto [key, element] : {std::pair{"dsp", "DSP"}, std::pair{"bram18", "BRAM_18K"},
                              std::pair{"uram", "URAM"}, std::pair{"lut", "LUT"},
                              std::pair{"ff", "FF"}}) {
    auto used = integer({"AreaEstimates", "Resources", element}, false);
    if (!used)
      return used.takeError();
    resources[key] = *used;
    if (auto total = textAt(xml, {"AreaEstimates", "AvailableResources", element}))
      available[key] = *total;
  }
  report["resources"] = resources;
  if (!available.empty())
    report["available_resources"] = available;
  return report;
}

void attachCsynth(nlohmann::ordered_json &report, nlohmann::ordered_json csynth) {
  // eecc's estimate of the design it emitted, next to what synthesis found.
  const nlohmann::ordered_json *chosen = nullptr;
  if (report.contains("estimated") && report["estimated"].is_object() &&
      report["estimated"].contains("designs") && report["estimated"]["designs"].contains("chosen"))
    chosen = &report["estimated"]["designs"]["chosen"];
  if (chosen && chosen->contains("resources")) {
    nlohmann::ordered_json ratios;
    for (const char *key : {"dsp", "bram18", "lut", "ff"}) {
      const auto &estimate = (*chosen)["resources"];
      if (estimate.contains(key) && estimate[key].is_number() && csynth["resources"][key].is_number() &&
          csynth["resources"][key].get<double>() > 0)
        ratios[key] = estimate[key].get<double>() / csynth["resources"][key].get<double>();
    }
    csynth["estimated_over_csynth"] = ratios;
  }
  report["csynth"] = std::move(csynth);
}

namespace {
llvm::Error ingestError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message.str());
}
} // namespace

llvm::Error ingestCsynthIntoProject(llvm::StringRef projectDir, llvm::StringRef csynthXml) {
  llvm::SmallString<256> marker(projectDir), reportPath(projectDir), htmlPath(projectDir);
  llvm::sys::path::append(marker, OutputDirectory::kMarkerFile);
  llvm::sys::path::append(reportPath, "report.json");
  llvm::sys::path::append(htmlPath, "report.html");
  if (!llvm::sys::fs::is_regular_file(marker) || !llvm::sys::fs::is_regular_file(reportPath))
    return ingestError(projectDir + ": not an eecc project (no " + OutputDirectory::kMarkerFile +
                       " or report.json)");
  llvm::sys::fs::file_status status;
  if (std::error_code code = llvm::sys::fs::status(csynthXml, status))
    return ingestError(csynthXml + ": " + code.message());
  if (!llvm::sys::fs::is_regular_file(status))
    return ingestError(csynthXml + ": not a regular file");
  if (status.getSize() > (uint64_t{64} << 20))
    return ingestError(csynthXml + ": larger than 64 MiB, not a csynth.xml");
  auto xml = llvm::MemoryBuffer::getFile(csynthXml, /*IsText=*/true);
  if (!xml)
    return ingestError(csynthXml + ": " + xml.getError().message());
  auto csynth = parseCsynthReport((*xml)->getBuffer(), csynthXml);
  if (!csynth)
    return csynth.takeError();
  auto json = llvm::MemoryBuffer::getFile(reportPath, /*IsText=*/true);
  if (!json)
    return ingestError(reportPath + ": " + json.getError().message());
  nlohmann::ordered_json report =
      nlohmann::ordered_json::parse((*json)->getBuffer().begin(), (*json)->getBuffer().end(),
                                    nullptr, /*allow_exceptions=*/false);
  if (report.is_discarded() || !report.is_object())
    return ingestError(reportPath + ": not a JSON object");
  attachCsynth(report, std::move(*csynth));
  std::string reportText =
      jsonText(report, 2) + "\n";
  for (auto [path, text] : {std::pair{std::string(reportPath), reportText},
                            std::pair{std::string(htmlPath), renderReportHtml(report)}}) {
    std::string temporary = path + ".tmp";
    std::error_code code;
    {
      llvm::raw_fd_ostream out(temporary, code);
      if (!code) {
        out << text;
        out.close();
        if (out.has_error()) {
          code = out.error();
          out.clear_error();
        }
      }
    }
    if (code || (code = llvm::sys::fs::rename(temporary, path))) {
      llvm::sys::fs::remove(temporary);
      return ingestError(path + ": " + code.message());
    }
  }
  return llvm::Error::success();
}

} // namespace eecc
