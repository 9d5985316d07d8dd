// The HTML report (see ReportHtml.h). Every value comes from report.json; text from the
// model (layer names) is escaped.
#include "ReportHtml.h"
#include "compiler/Support/Json.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace eecc {

namespace {

using json = nlohmann::ordered_json;

std::string escape(const std::string &text) {
  std::string result;
  for (unsigned char c : text) {
    switch (c) {
    case '&': result += "&amp;"; break;
    case '<': result += "&lt;"; break;
    case '>': result += "&gt;"; break;
    case '"': result += "&quot;"; break;
    case '\'': result += "&#39;"; break;
    default: result += (c >= 32 && c < 127) ? static_cast<char>(c) : '?';
    }
  }
  return result;
}

double number(const json &value) { return value.is_number() ? value.get<double>() : 0.0; }

/// j[key], or null when j is no object or has no such key (const operator[] would be
/// undefined behaviour then).
const json &at(const json &j, const char *key) {
  static const json null;
  if (!j.is_object())
    return null;
  auto found = j.find(key);
  return found == j.end() ? null : *found;
}

/// Horizontal bars: one row per (label, value), scaled to the largest.
std::string barChart(const std::string &id, const std::vector<std::pair<std::string, double>> &rows,
                     const std::string &unit) {
  const int rowHeight = 18, labelWidth = 260, barWidth = 420;
  double largest = 0.0;
  for (const auto &row : rows)
    largest = std::max(largest, row.second);
  std::string svg = fmt::format(
      "<svg id=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "role=\"img\">\n",
      id, labelWidth + barWidth + 120, rowHeight * rows.size() + 8);
  for (size_t i = 0; i < rows.size(); ++i) {
    double width = largest > 0 ? barWidth * rows[i].second / largest : 0.0;
    int y = static_cast<int>(i) * rowHeight + 4;
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\">{}</text>"
                       "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"#4a7ab5\"/>"
                       "<text x=\"{:.1f}\" y=\"{}\" font-size=\"11\">{:.4g} {}</text>\n",
                       labelWidth - 6, y + 12, escape(rows[i].first.substr(0, 40)), labelWidth, y,
                       width, rowHeight - 4, labelWidth + width + 4, y + 12, rows[i].second,
                       escape(unit));
  }
  return svg + "</svg>\n";
}

/// The emitted design's resources against the device: one bar per resource on a
/// percentage axis that always shows 100 % (a vertical line); a bar past it is red and
/// says "does not fit".
std::string resourceGauge(const std::string &id,
                          const std::vector<std::pair<std::string, double>> &percents) {
  const int rowHeight = 22, labelWidth = 80, barWidth = 480;
  double scale = 100.0;
  for (const auto &row : percents)
    scale = std::max(scale, row.second);
  auto px = [&](double percent) { return labelWidth + barWidth * percent / scale; };
  std::string svg = fmt::format(
      "<svg id=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "role=\"img\">\n",
      id, labelWidth + barWidth + 160, rowHeight * percents.size() + 30);
  for (size_t i = 0; i < percents.size(); ++i) {
    int y = static_cast<int>(i) * rowHeight + 4;
    bool over = percents[i].second > 100.0;
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text>"
                       "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>"
                       "<text x=\"{:.1f}\" y=\"{}\" font-size=\"12\">{:.1f} %{}</text>\n",
                       labelWidth - 6, y + 14, escape(percents[i].first), labelWidth, y,
                       px(percents[i].second) - labelWidth, rowHeight - 6,
                       over ? "#c0504d" : "#4a7ab5", px(percents[i].second) + 4, y + 14,
                       percents[i].second, over ? " (does not fit)" : "");
  }
  const int axis = rowHeight * static_cast<int>(percents.size()) + 4;
  svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"0\" x2=\"{0:.1f}\" y2=\"{1}\" stroke=\"black\" "
                     "stroke-dasharray=\"4 3\"/><text x=\"{0:.1f}\" y=\"{2}\" font-size=\"11\" "
                     "text-anchor=\"middle\">100 % of the device</text>\n",
                     px(100.0), axis, axis + 14);
  return svg + "</svg>\n";
}

/// Lines over a shared x axis (the sweep): one polyline per series, scaled per series.
std::string lineChart(const std::string &id, const std::vector<double> &x,
                      const std::vector<std::pair<std::string, std::vector<double>>> &series,
                      const std::string &xLabel = "", std::optional<double> marker = std::nullopt) {
  const int width = 640, height = 240, left = 50, bottom = 30;
  static const char *const colors[] = {"#4a7ab5", "#c0504d", "#9bbb59", "#8064a2"};
  std::string svg = fmt::format(
      "<svg id=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "role=\"img\">\n<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"black\"/>\n",
      id, width, height + 20 * series.size(), left, height - bottom, width - 10, height - bottom);
  double xMin = x.empty() ? 0 : *std::min_element(x.begin(), x.end());
  double xMax = x.empty() ? 1 : *std::max_element(x.begin(), x.end());
  auto px = [&](double v) {
    return left + (xMax > xMin ? (v - xMin) / (xMax - xMin) : 0.0) * (width - left - 20);
  };
  for (double v : {xMin, (xMin + xMax) / 2, xMax})
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{:.3g}</text>\n",
                       px(v), height - bottom + 14, v);
  if (!xLabel.empty())
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n"
                       "<text x=\"4\" y=\"12\" font-size=\"11\">each series / its maximum</text>\n",
                       width - 10, height - bottom + 26, escape(xLabel));
  if (marker)
    svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"10\" x2=\"{0:.1f}\" y2=\"{1}\" stroke=\"black\" "
                       "stroke-dasharray=\"3 3\"/><text x=\"{0:.1f}\" y=\"10\" font-size=\"11\" "
                       "text-anchor=\"middle\">chosen {2:.3g}</text>\n",
                       px(*marker), height - bottom, *marker);
  for (size_t s = 0; s < series.size(); ++s) {
    const auto &values = series[s].second;
    double top = 0.0;
    for (double v : values)
      top = std::max(top, v);
    std::string points;
    for (size_t i = 0; i < values.size() && i < x.size(); ++i) {
      double y = (height - bottom) - (top > 0 ? values[i] / top : 0.0) * (height - bottom - 10);
      points += fmt::format("{:.1f},{:.1f} ", px(x[i]), y);
    }
    // Each series is scaled to its own maximum, so proportional series (latency and
    // energy) draw the same curve: the first is wide and solid, later ones dashed on top.
    static const char *const strokes[] = {"stroke-width=\"4\"",
                                          "stroke-width=\"2\" stroke-dasharray=\"8 5\"",
                                          "stroke-width=\"2\" stroke-dasharray=\"2 4\"",
                                          "stroke-width=\"2\" stroke-dasharray=\"10 3 2 3\""};
    svg += fmt::format("<polyline fill=\"none\" stroke=\"{}\" {} points=\"{}\"/>\n"
                       "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"{}\">{} (max {:.4g})</text>\n",
                       colors[s % 4], strokes[s % 4], points, left, height + 14 + 20 * s,
                       colors[s % 4], escape(series[s].first), top);
  }
  return svg + "</svg>\n";
}

/// The emitted design first: binding and placements, whether it fits, its resources
/// against the device, each exit's decision, exit rate and latency, and how the
/// fixed-point formats were chosen.
std::string designSection(const json &report) {
  const json &estimated = at(report, "estimated");
  const json &chosen = at(at(estimated, "designs"), "chosen");
  if (!chosen.is_object())
    return "";
  const json &binding = at(estimated, "binding");
  bool fits = !chosen.contains("fits_device") || at(chosen, "fits_device").get<bool>();
  std::string body = fmt::format(
      "<h2>The emitted design</h2>\n<p>{} binding ({}); {} at {} ns on the {}. "
      "Expected latency: {}.</p>\n",
      escape(binding.value("binding", "")), escape(binding.value("how", "")),
      fits ? "fits the device" : "<strong>does not fit the device</strong>",
      number(at(report, "clock_ns")), escape(estimated.value("device", "")),
      chosen.contains("expected_latency_us") && at(chosen, "expected_latency_us").is_number()
          ? fmt::format("{:.4g} us (exit rates of the calibration set)",
                        number(at(chosen, "expected_latency_us")))
          : std::string("unknown without exit rates (compile with --calibration)"));
  const json &util = at(at(chosen, "resources"), "utilization_percent");
  body += "<h3>Resources of the emitted design (% of the device)</h3>\n" +
          resourceGauge("design-resources", {{"DSP", number(at(util, "dsp"))},
                                             {"BRAM18", number(at(util, "bram18"))},
                                             {"LUT", number(at(util, "lut"))},
                                             {"FF", number(at(util, "ff"))}});
  // Per exit: decision, placement, rate, latency.
  const json &exits = at(at(report, "structure"), "exits");
  const json &paths = at(chosen, "exit_paths");
  const json &rates = at(estimated, "exit_rates");
  const json &accuracy = at(report, "accuracy");
  const json &perExit = accuracy.is_object() ? at(accuracy, "per_exit") : accuracy;
  body += std::string("<table>\n<tr><th>exit</th><th>criterion</th><th>threshold</th><th>placement</th>"
                      "<th>exit rate (calibration set)</th><th>latency when taken (us)</th>") +
          (perExit.is_array() ? "<th>accuracy when taken (labels)</th>" : "") + "</tr>\n";
  for (size_t e = 0; exits.is_array() && e < exits.size(); ++e) {
    const json &exit = exits[e];
    bool final = exit.value("final", false);
    std::string rate = rates.is_array() && e < rates.size()
                           ? fmt::format("{:.1f} %", 100.0 * number(rates[e]))
                           : std::string("-");
    std::string latency = paths.is_array() && e < paths.size()
                              ? fmt::format("{:.4g}", number(at(paths[e], "latency_us")))
                              : std::string("-");
    std::string accuracyCell;
    if (perExit.is_array() && e < perExit.size())
      accuracyCell = at(perExit[e], "accuracy").is_number()
                         ? fmt::format("<td>{:.1f} % of {}</td>", 100.0 * number(at(perExit[e], "accuracy")),
                                       static_cast<int64_t>(number(at(perExit[e], "taken"))))
                         : std::string("<td>-</td>");
    body += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}</tr>\n", e,
        final ? std::string("final") : escape(exit.value("criterion", std::string("none"))),
        final ? std::string("-")
              : at(exit, "threshold").is_number() ? fmt::format("{:g}", number(at(exit, "threshold")))
                                                  : std::string("none: never taken"),
        final ? std::string("-") : escape(exit.value("placement", std::string("-"))), rate, latency,
        accuracyCell);
  }
  body += "</table>\n";
  if (accuracy.is_object())
    body += fmt::format("<p>Accuracy on the {} labeled calibration samples ({} arithmetic): "
                        "{:.2f} % with the exits, {:.2f} % with the final exit alone.</p>\n",
                        static_cast<int64_t>(number(at(accuracy, "samples"))),
                        escape(accuracy.value("arithmetic", "")), 100.0 * number(at(accuracy, "accuracy")),
                        100.0 * number(at(accuracy, "final_exit_alone")));
  // The bindings side by side: the emitted one and the other one, both estimated.
  const json &other = at(report, "other_binding");
  if (other.is_object()) {
    auto row = [&](const json &design, const std::string &name, bool emitted) {
      const json &use = at(at(design, "resources"), "utilization_percent");
      const json &designPaths = at(design, "exit_paths");
      double final = designPaths.is_array() && !designPaths.empty()
                         ? number(at(designPaths.back(), "latency_us"))
                         : 0.0;
      return fmt::format("<tr><td>{}{}</td><td>{}</td><td>{:.4g}</td><td>{}</td><td>{:g} %</td>"
                         "<td>{:g} %</td><td>{:g} %</td><td>{:g} %</td></tr>\n",
                         escape(name), emitted ? " (emitted)" : "",
                         !design.contains("fits_device") || at(design, "fits_device").get<bool>()
                             ? "yes"
                             : "<strong>no</strong>",
                         final,
                         at(design, "expected_latency_us").is_number()
                             ? fmt::format("{:.4g}", number(at(design, "expected_latency_us")))
                             : std::string("-"),
                         number(at(use, "dsp")), number(at(use, "bram18")), number(at(use, "lut")),
                         number(at(use, "ff")));
    };
    body += "<h3>The bindings side by side (estimated)</h3>\n<table>\n<tr><th>binding</th>"
            "<th>fits</th><th>final exit latency (us)</th><th>expected latency (us)</th>"
            "<th>DSP</th><th>BRAM18</th><th>LUT</th><th>FF</th></tr>\n" +
            row(chosen, binding.value("binding", ""), true) +
            row(other, other.value("binding", ""), false) + "</table>\n";
  }
  const json &calibration = at(report, "calibration");
  if (calibration.is_object() && calibration.value("calibrated", false))
    body += fmt::format("<p>Fixed-point formats calibrated per layer on {}.</p>\n",
                        escape(calibration.value("file", "")));
  if (calibration.is_object() && !calibration.value("calibrated", true)) {
    const json &risks = at(calibration, "may_saturate");
    body += fmt::format("<p><strong>Uncalibrated</strong>: every activation is {}; {} layer(s) "
                        "could exceed their format for some input (an interval bound from the "
                        "weights). Compile with --calibration to size each layer.</p>\n",
                        escape(calibration.value("activations", "")),
                        risks.is_array() ? risks.size() : 0);
  }
  return body;
}

} // namespace

std::string renderReportHtml(const json &report) {
  std::string model = escape(report.value("model", ""));
  std::string body;
  const json &estimated = at(report, "estimated");
  body += fmt::format("<h1>eecc report: {}</h1>\n<p>target {}, clock {} ns, precision {}. "
                      "<strong>Latency, energy and resources are estimates</strong> of eecc's "
                      "analytical cost model ({}), not synthesis or board results.</p>\n",
                      model, escape(report.value("target", "")), number(at(report, "clock_ns")),
                      escape(report.value("precision", "")), escape(estimated.value("model", "")));
  body += designSection(report);
  if (estimated.contains("designs")) {
    const json &designs = at(estimated, "designs");
    std::vector<std::pair<std::string, double>> latency, energy, dsp, bram, lut;
    for (const auto &[name, design] : designs.items()) {
      if (!design.contains("expected_latency_us"))
        continue;
      latency.push_back({name, number(at(design, "expected_latency_us"))});
      energy.push_back({name, number(at(design, "expected_energy_uj"))});
      const json &util = at(at(design, "resources"), "utilization_percent");
      dsp.push_back({name, number(at(util, "dsp"))});
      bram.push_back({name, number(at(util, "bram18"))});
      lut.push_back({name, number(at(util, "lut"))});
    }
    body += "<h2>Expected latency per design (exit rates of the calibration set)</h2>\n" +
            barChart("expected-latency", latency, "us") +
            "<h2>Expected energy per design</h2>\n" + barChart("expected-energy", energy, "uJ") +
            "<h2>Resources against the device (% used)</h2>\n<h3>DSP</h3>\n" +
            barChart("resources-dsp", dsp, "%") + "<h3>BRAM18</h3>\n" +
            barChart("resources-bram", bram, "%") + "<h3>LUT</h3>\n" +
            barChart("resources-lut", lut, "%");
    if (designs.contains("chosen")) {
      const json &chosen = at(designs, "chosen");
      std::string placements;
      for (const json &p : at(chosen, "placements"))
        placements += (placements.empty() ? "" : ", ") + escape(p.get<std::string>());
      body += fmt::format("<p>Chosen placements: {} ({}).</p>\n", placements,
                          escape(chosen.value("how", "")));
    }
  }
  if (estimated.contains("exit_rates") && at(estimated, "exit_rates").is_array()) {
    std::vector<std::pair<std::string, double>> mix;
    for (size_t e = 0; e < at(estimated, "exit_rates").size(); ++e)
      mix.push_back({fmt::format("exit {}", e), 100.0 * number(at(estimated, "exit_rates")[e])});
    body += "<h2>Exit mix on the calibration set</h2>\n" + barChart("exit-mix", mix, "%");
  }
  if (estimated.contains("threshold_calibration") && at(estimated, "threshold_calibration").is_object()) {
    const json &calibration = at(estimated, "threshold_calibration");
    std::vector<double> x, latency, energy, disagreement;
    for (const json &point : at(calibration, "sweep")) {
      const json &thresholds = at(point, "thresholds");
      x.push_back(thresholds.is_array() && !thresholds.empty() ? number(thresholds.front()) : 0.0);
      latency.push_back(number(at(point, "expected_latency_us")));
      energy.push_back(number(at(point, "expected_energy_uj")));
      disagreement.push_back(number(at(point, "disagreement_with_final_points")));
    }
    body += fmt::format("<h2>Threshold sweep (one threshold for every exit)</h2>\n<p>Budget {} "
                        "points of disagreement with the final exit; chosen: {}.</p>\n",
                        number(at(calibration, "budget_points")),
                        escape(jsonText(at(calibration, "thresholds")))) +
            lineChart("threshold-sweep", x,
                      {{"expected latency (us)", latency},
                       {"expected energy (uJ)", energy},
                       {"disagreement with the final exit (points)", disagreement}},
                      "threshold (every exit)",
                      at(calibration, "thresholds").is_array() && !at(calibration, "thresholds").empty()
                          ? std::optional<double>(number(at(calibration, "thresholds").front()))
                          : std::nullopt);
  }
  if (estimated.contains("layers")) {
    std::vector<std::pair<std::string, double>> layers;
    for (const json &layer : at(estimated, "layers"))
      layers.push_back({layer.value("in", "") + " " + layer.value("layer", ""), number(at(layer, "cycles"))});
    body += "<h2>Estimated cycles per layer</h2>\n" + barChart("layer-cycles", layers, "cycles");
  }
  if (report.contains("quantization") && at(report, "quantization").is_array()) {
    body += "<h2>Fixed-point formats</h2>\n<table>\n<tr><th>layer</th><th>op</th><th>result</th>"
            "<th>weights</th><th>accumulator</th><th>overflows</th></tr>\n";
    for (const json &layer : at(report, "quantization"))
      body += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} of "
                          "{}</td></tr>\n",
                          escape(layer.value("layer", "")), escape(layer.value("op", "")),
                          escape(layer.value("type", "")),
                          escape(layer.contains("weight_type") && at(layer, "weight_type").is_string()
                                     ? at(layer, "weight_type").get<std::string>()
                                     : ""),
                          escape(layer.value("accum_type", "")),
                          static_cast<int64_t>(number(at(layer, "overflows"))),
                          static_cast<int64_t>(number(at(layer, "values"))));
    body += "</table>\n";
  }
  if (report.contains("csynth") && at(report, "csynth").is_object()) {
    // Vitis HLS's own numbers (eecc --ingest-csynth), beside the estimate.
    const json &csynth = at(report, "csynth");
    auto cell = [](const json &value) {
      return value.is_number() ? fmt::format("{}", value.dump()) : std::string("undef");
    };
    body += fmt::format("<h2>Synthesis (Vitis HLS {}, {})</h2>\n<p>Clock: target {} ns, "
                        "estimated {} ns. Latency: best {}, worst {} cycles.</p>\n<table>\n"
                        "<tr><th>resource</th><th>csynth</th><th>estimate / csynth</th></tr>\n",
                        escape(csynth.value("version", "")), escape(csynth.value("source", "")),
                        cell(at(csynth, "target_clock_ns")), cell(at(csynth, "estimated_clock_ns")),
                        cell(at(at(csynth, "latency_cycles"), "best")),
                        cell(at(at(csynth, "latency_cycles"), "worst")));
    for (const char *key : {"dsp", "bram18", "lut", "ff"})
      body += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", key,
                          cell(at(at(csynth, "resources"), key)),
                          csynth.contains("estimated_over_csynth")
                              ? cell(at(at(csynth, "estimated_over_csynth"), key))
                              : std::string("-"));
    body += "</table>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
         "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
         "<title>eecc report: " +
         model +
         "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1000px}"
         "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;"
         "font-size:12px}</style>\n</head>\n<body>\n" +
         body + "</body>\n</html>\n";
}

} // namespace eecc
