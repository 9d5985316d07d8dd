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

#endif // EECC_CONVERSION_PASSES
