// Conversion passes of eecc.
#ifndef EECC_CONVERSION_PASSES
#define EECC_CONVERSION_PASSES

include "mlir/Pass/PassBase.td"

def DiscoverExits : Pass<"ee-discover-exits", "::mlir::ModuleOp"> {
  let summary = "Build the ee.network of every model function from its outputs";
  let description = [{
    A model function returns every exit's logits, the final classifier's last (or
    the one named by `final-output` / the `eecc.final_output` attribute). The branch
    point of an early exit is the one backbone tensor (an ancestor of the final
    output) that the exit's own layers read; the backbone is cut after each branch
    point into `ee.stage`s, and each exit's own layers become its `ee.exit` region.
    Exits are numbered along the backbone. Criteria and thresholds recorded by the
    importer (`eecc.exit_criteria`, `eecc.exit_thresholds`) are attached to the exits.
    A function with a single result becomes a static network: one stage and the final
    exit. Constants are cloned into the regions that use them.
  }];
  let dependentDialects = ["::eecc::ee::EEDialect"];
  let options = [
    Option<"finalOutput", "final-output", "int64_t", /*default=*/"-1",
           "Result index of the final classifier (default: eecc.final_output or the last)">,
    ListOption<"exitOutputs", "exits", "std::string",
               "Results that are early exits, by index or graph output name (default: every "
               "non-final result)">
  ];
}

def EEToHLS : Pass<"ee-to-hls", "::mlir::ModuleOp"> {
  let summary = "Build the hls.design of the network: its memories and each layer's kernel";
  let description = [{
    Builds one `hls.design` (`@<network>_design`) after the `ee.network` (replacing an
    earlier one) for the binding the HLS C++ realizes (`hls.emitted_binding`, else
    `hls.binding`): an `hls.kernel` per layer holding the loop nest the layer library
    or the shared MAC engine runs for it (labels as in the C++; trip counts; which loop
    is pipelined, its depth and loop-carried recurrence; the accesses of one
    iteration), a copy kernel per block result under dedicated binding, and the
    `hls.memory`s they touch (feature maps, weight ROMs; under engine binding the arena
    of `hls.arena_words`, the DDR weight image of `hls.weight_image_words` over
    `hls.weight_ports` bundles, the weight tile and the partial sums). Kernels are named by `eecc.cname` (eecc-prepare-for-emission). Loop depths,
    recurrences and the DDR latency come from the device file; IIs are left to
    `hls-set-directives`.
  }];
  let dependentDialects = ["::eecc::hls::HLSDialect"];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"zcu106\"", "Device description">,
    Option<"clockNs", "clock-ns", "double", /*default=*/"5.0", "Clock period in ns">
  ];
}

#endif // EECC_CONVERSION_PASSES
