// Internal: turns If-encoded early exits into extra graph outputs.
#ifndef EECC_FRONTEND_ONNX_IFEXITS_H
#define EECC_FRONTEND_ONNX_IFEXITS_H

#include <onnx/onnx_pb.h>

#include <optional>
#include <string>
#include <vector>

namespace eecc::onnx_frontend {

/// The decision of one If-encoded exit, recovered from its condition.
struct ExitDecision {
  std::string criterion; // "max_softmax", "entropy" or "margin"
  std::optional<double> threshold;
  bool strict = false; // Greater/Less: the criterion must pass the threshold strictly
};

/// Rewrites every `If` that produces graph outputs (as exported from
/// `if confidence > threshold: return exit_logits else: return rest(features)`)
/// into plain nodes: the then-branch and else-branch nodes join the main graph and
/// the If's outputs are replaced by the then outputs followed by the else outputs.
/// Nested Ifs in else branches are handled in turn, so exits come out in order.
/// `decisions` receives each exit's criterion and threshold. Returns false with
/// `error` set when an If does not follow the early-exit pattern.
bool lowerIfExits(onnx::GraphProto &graph, std::vector<ExitDecision> &decisions,
                  std::string &error);

} // namespace eecc::onnx_frontend

#endif // EECC_FRONTEND_ONNX_IFEXITS_H
