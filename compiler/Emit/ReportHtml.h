// OUT/report.html: one self-contained page (inline SVG, no scripts, no external files)
// that shows report.json: estimated per-layer latency, resources against the device,
// the placements' expected latency and energy, exit mix, the threshold sweep, and the
// fixed-point formats. Well-formed XHTML, so XML tools can check it.
#ifndef EECC_EMIT_REPORTHTML_H
#define EECC_EMIT_REPORTHTML_H

#include <nlohmann/json.hpp>

#include <string>

namespace eecc {

std::string renderReportHtml(const nlohmann::ordered_json &report);

} // namespace eecc

#endif // EECC_EMIT_REPORTHTML_H
