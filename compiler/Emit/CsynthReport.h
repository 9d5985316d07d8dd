// Reading Vitis HLS synthesis reports (solution/syn/report/csynth.xml) into report.json's
// "csynth" key, beside eecc's own estimates.
#ifndef EECC_EMIT_CSYNTHREPORT_H
#define EECC_EMIT_CSYNTHREPORT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <nlohmann/json.hpp>

namespace eecc {

/// Parses a csynth.xml (its text): part, top, clocks, latency, interval and resources.
/// Fails with a message naming the missing or malformed element.
llvm::Expected<nlohmann::ordered_json> parseCsynthReport(llvm::StringRef xml,
                                                         llvm::StringRef fileName);

/// Fills report["csynth"] from `csynth` and adds, per resource, the ratio of eecc's
/// estimate for the chosen design to the synthesized number.
void attachCsynth(nlohmann::ordered_json &report, nlohmann::ordered_json csynth);

/// --ingest-csynth: `csynthXml` into the report.json (the "csynth" key, beside
/// "estimated") and report.html of the eecc project `projectDir`. Only eecc's own output
/// directories are updated, each file replaced whole (written aside, then renamed).
llvm::Error ingestCsynthIntoProject(llvm::StringRef projectDir, llvm::StringRef csynthXml);

} // namespace eecc

#endif // EECC_EMIT_CSYNTHREPORT_H
