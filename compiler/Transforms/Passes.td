// Passes of eecc (options declared here so pass pipelines can set them).
#ifndef EECC_TRANSFORMS_PASSES
#define EECC_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def FoldBatchNorm : Pass<"nn-fold-batch-norm"> {
  let summary = "Fold inference batch normalization into the preceding conv2d or dense";
  let description = [{
    `batch_norm(conv(x, W, b))` becomes `conv(x, W', b')` with
    `W'[m] = W[m] * s[m]`, `b'[m] = (b[m] - mean[m]) * s[m] + beta[m]` and
    `s = scale / sqrt(variance + epsilon)`, when all parameters are constants and the
    convolution (or dense layer, channels on dim 1) has no other user. The folded
    weights are computed in double precision and rounded once to the element type.
    Batch normalizations that cannot be folded are left in place;
    `strict=true` turns them into errors, for flows that have no standalone
    batch-norm kernel.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
  let options = [
    Option<"strict", "strict", "bool", /*default=*/"false",
           "Fail on a batch_norm that cannot be folded">
  ];
  let statistics = [
    Statistic<"numFolded", "num-folded", "Number of batch_norm ops folded">
  ];
}

def PrepareForEmission : Pass<"eecc-prepare-for-emission"> {
  let summary = "Name every layer and weight with a legal, unique C++ identifier";
  let description = [{
    Names come from ONNX (node and initializer names), so they are hostile input:
    each nn op gets an `eecc.cname` attribute `l_<name>` and each arith.constant
    `w_<name>`, where `<name>` keeps only `[A-Za-z0-9_]` (no `__`, at most 48
    characters). The prefixes keep them apart from C++ keywords and from every name
    the emitter generates; names the emitter derives from a layer's name
    (`<cname>_config`, `<cname>_shape`, ...) are reserved with it. Unique in the
    module. The HLS emitter prints only these names; it never decides one.
  }];
}

def Quantize : Pass<"nn-quantize", "::mlir::ModuleOp"> {
  let summary = "Choose per-layer ap_fixed formats for data, weights, bias and accumulators";
  let description = [{
    Runs the calibration set through the float reference interpreter, records every
    layer's range, and sets `#hls.fixed` formats as attributes (`hls.type` on every nn
    op and weight constant, `hls.accum_type` on conv2d, dense and the average pools,
    `hls.reciprocal_type` on the average pools, `hls.input_type` on `ee.network`):
    - data: `width` bits, integer bits for the calibrated maximum |x| plus `headroom`
      (or `integer-bits` for every layer); relu, max pool, pad, clip, flatten and
      reshape keep their input's format (no requantization);
    - weights and biases: `weight-width` / `bias-width` bits, integer bits for the
      largest |w| of the tensor;
    - accumulators: every product exact (fractional bits = input's + weight's) and
      wide enough that no sum can overflow (from the actual weights and the input
      format's range), capped at 64 bits; AP_TRN, AP_WRAP;
    - data and weights round with `rounding` and handle overflow with `overflow`.
    `overrides` entries `KEY[:ROLE]=W[,I]` replace the format of the layers whose ONNX
    node name is KEY, or of every layer of an op kind (`conv2d`, `dense`, ...), or of
    the network input (`input`); ROLE is data (default), weight, bias or accum. In a
    pass pipeline, quote entries that hold a comma: `overrides=conv2d:weight=8,"input=10,3"`.
    Then the calibration set runs through the fixed-point interpreter and every
    layer gets `hls.overflows` / `hls.conversions`: how many of its results saturated.
  }];
  let dependentDialects = ["::eecc::hls::HLSDialect"];
  let options = [
    Option<"calibration", "calibration", "std::string", /*default=*/"",
           "Calibration samples: raw little-endian float32 in the input layout">,
    Option<"calibrationCount", "calibration-count", "int64_t", /*default=*/"0",
           "Samples of the calibration file to use (0: all)">,
    Option<"progress", "progress", "bool", /*default=*/"false",
           "Progress lines on stderr while calibrating (after 2 s, every 2 s)">,
    Option<"width", "width", "int64_t", /*default=*/"16", "Bits of every activation">,
    Option<"integerBits", "integer-bits", "int64_t", /*default=*/"-1000",
           "Integer bits of every activation (default: calibrated)">,
    Option<"weightWidth", "weight-width", "int64_t", /*default=*/"16", "Bits of every weight">,
    Option<"biasWidth", "bias-width", "int64_t", /*default=*/"16", "Bits of every bias">,
    Option<"headroom", "headroom", "int64_t", /*default=*/"1",
           "Integer bits added above the calibrated range of activations">,
    Option<"rounding", "rounding", "std::string", /*default=*/"\"rnd\"",
           "Quantization mode of activations and weights (trn, rnd, rnd_conv, ...)">,
    Option<"overflow", "overflow", "std::string", /*default=*/"\"sat\"",
           "Overflow mode of activations and weights (wrap, sat, sat_sym, sat_zero)">,
    ListOption<"overrides", "overrides", "std::string",
               "Per-layer formats: KEY[:ROLE]=W[,I] (KEY: node name, op kind or input)">
  ];
}

def HLSBind : Pass<"hls-bind", "::mlir::ModuleOp"> {
  let summary = "Bind each network's layers to hardware: dedicated kernels or shared engines";
  let description = [{
    `binding=dedicated`: one kernel per layer, weights in on-chip ROM. `binding=engine`:
    conv2d and dense share one tiled MAC engine (`tile-m` output channels times
    `tile-n` input channels per cycle), their weights streamed from DDR over m_axi;
    feature maps share one arena, on chip when it fits the block RAM with the engine,
    else in DDR; a parallel exit gets an engine of its own (see the cost model).
    `binding=auto`: dedicated when the design fits `target` with every exit pipelined,
    else engine. Unless given, the tiles are the powers of two (1 to 64 each) that
    minimize the static path's estimated cycles within the device file's backbone DSP
    share. The choice is recorded on ee.network (`hls.binding`, `hls.engine_tiles`,
    `hls.feature_maps`) and on the MAC layers (`hls.weights = #hls.memory<ddr>`); the
    cost model and the emitters read it back.
  }];
  let dependentDialects = ["::eecc::hls::HLSDialect"];
  let options = [
    Option<"binding", "binding", "std::string", /*default=*/"\"auto\"",
           "auto, dedicated or engine">,
    Option<"target", "target", "std::string", /*default=*/"\"zcu106\"", "Device description">,
    Option<"tileM", "tile-m", "int64_t", /*default=*/"0",
           "Engine output channels per cycle (0: chosen)">,
    Option<"tileN", "tile-n", "int64_t", /*default=*/"0",
           "Engine input channels per cycle (0: chosen)">
  ];
}

def PlaceExits : Pass<"ee-place-exits", "::mlir::ModuleOp"> {
  let summary = "Choose each early exit's hardware placement: pipeline or parallel";
  let description = [{
    `mode=pipeline` or `mode=parallel` places every early exit so. `mode=auto` asks the
    cost model (compiler/Analysis/CostModel): starting from every exit pipeline, exit by
    exit along the backbone, an exit becomes parallel when that lowers the expected
    `objective` (latency, energy or edp, weighting each exit path by the exit rates
    `hls.calibration_exits` that nn-quantize or the driver measured on a calibration
    set) and the design still fits `target`. Without exit rates, auto keeps every exit
    pipeline (it adds no compute kernels) and says so in a remark.
  }];
  let dependentDialects = ["::eecc::hls::HLSDialect"];
  let options = [
    Option<"mode", "mode", "std::string", /*default=*/"\"auto\"", "pipeline, parallel or auto">,
    Option<"objective", "objective", "std::string", /*default=*/"\"latency\"",
           "What auto minimizes: latency, energy or edp">,
    Option<"target", "target", "std::string", /*default=*/"\"zcu106\"", "Device description">,
    Option<"clockNs", "clock-ns", "double", /*default=*/"5.0", "Clock period in ns">
  ];
}

def ApplyExitPolicy : Pass<"ee-apply-exit-policy", "::mlir::ModuleOp"> {
  let summary = "Apply --exit-mode, --criterion and --thresholds over what the model says";
  let description = [{
    `mode=static` keeps the backbone alone (every early exit erased, the final exit
    renumbered 0): the baseline every report compares against. `mode=pipeline` or
    `mode=parallel` places every early exit so; `mode=auto` removes the placements for
    ee-place-exits to decide after hls-bind (`keep-placements`: the model's stay, as
    `eecc --emit=mlir` shows them). `criterion` (entropy, max-softmax, margin)
    replaces every early exit's criterion (then `thresholds` are needed when the model
    carried some); `thresholds` gives one value per early exit, in order, passed at `>=`
    (`<=` for entropy). It starts the compile afresh: report sections, carried test
    samples, exit counts and the arena plan of an earlier compile are removed. The mode
    is recorded as `hls.exit_mode` on the network, and the
    reason for forced placements as `hls.placement_how`.
  }];
  let dependentDialects = ["::eecc::hls::HLSDialect"];
  let options = [
    Option<"mode", "mode", "std::string", /*default=*/"\"auto\"",
           "static, pipeline, parallel or auto">,
    Option<"criterion", "criterion", "std::string", /*default=*/"",
           "entropy, max-softmax or margin (default: the model's)">,
    ListOption<"thresholds", "thresholds", "double", "One threshold per early exit">,
    Option<"source", "source", "std::string", /*default=*/"",
           "The model's file name, recorded as eecc.source when the network has none (the "
           "name reports and the generated design carry)">,
    Option<"keepPlacements", "keep-placements", "bool", /*default=*/"false",
           "With mode=auto, keep the placements the model carries (the network shown before "
           "ee-place-exits decides)">
  ];
}

def CalibrateThresholds : Pass<"ee-calibrate-thresholds", "::mlir::ModuleOp"> {
  let summary = "Choose exit thresholds within an accuracy budget on a calibration set";
  let description = [{
    Runs the calibration set through the interpreter in the network's arithmetic (fixed
    point once nn-quantize ran) with every exit's logits, and chooses the thresholds that
    minimize the expected `objective` of the bound design's exit paths (the cost model,
    each exit as placed, pipeline when not placed yet) with at most `budget` points of
    disagreement with the final exit. Sets them (passed at `>=`, `<=` for entropy), the
    exit counts they give (`hls.calibration_exits`) and report.json's
    `threshold_calibration` (`hls.report.threshold_calibration`: the choice and a sweep of
    one threshold for every exit).
  }];
  let dependentDialects = ["::eecc::hls::HLSDialect"];
  let options = [
    Option<"budget", "budget", "double", /*default=*/"1.0",
           "Points of disagreement with the final exit allowed">,
    Option<"objective", "objective", "std::string", /*default=*/"\"latency\"",
           "What the thresholds minimize: latency, energy or edp">,
    Option<"calibration", "calibration", "std::string", /*default=*/"",
           "Calibration samples: raw float32 or .npy in the input layout">,
    Option<"calibrationCount", "calibration-count", "int64_t", /*default=*/"0",
           "Samples of the calibration file to use (0: all)">,
    Option<"target", "target", "std::string", /*default=*/"\"zcu106\"", "Device description">,
    Option<"clockNs", "clock-ns", "double", /*default=*/"5.0", "Clock period in ns">,
    Option<"progress", "progress", "bool", /*default=*/"false", "Progress lines on stderr">
  ];
}

def MeasureExits : Pass<"ee-measure-exits", "::mlir::ModuleOp"> {
  let summary = "Exit rates and accuracy per exit on the calibration set; warn about dead exits";
  let description = [{
    When the exits carry no `hls.calibration_exits` yet (nn-quantize's fixed-point run
    records them), counts the calibration samples that take each exit in the network's
    arithmetic. With `labels` (a JSON array of classes, an object with `labels`, or
    integers separated by white space; one per calibration sample), records the accuracy
    per exit and of the final exit alone (`hls.report.accuracy`). Warns about early exits
    with no threshold and about exits no calibration sample takes.
  }];
  let options = [
    Option<"calibration", "calibration", "std::string", /*default=*/"",
           "Calibration samples: raw float32 or .npy in the input layout">,
    Option<"calibrationCount", "calibration-count", "int64_t", /*default=*/"0",
           "Samples of the calibration file to use (0: all)">,
    Option<"labels", "labels", "std::string", /*default=*/"",
           "Classes of the calibration samples">,
    Option<"progress", "progress", "bool", /*default=*/"false", "Progress lines on stderr">
  ];
}

def AnnotateEstimates : Pass<"hls-annotate-estimates", "::mlir::ModuleOp"> {
  let summary = "The cost model over the bound and placed network: estimates and the fit check";
  let description = [{
    Sets every layer's `#hls.estimate` (cycles and resources of the kernel or engine it
    is bound to) and, on the network, report.json's `estimated` section
    (`hls.report.estimated`: the static, pipeline, parallel and chosen designs with their
    exit paths, expected latency and energy under the measured exit rates, resources
    against the device) with `hls.target`, `hls.part`, `hls.board_part`, `hls.clock_ns`.
    With `other-binding`, the other binding is bound and placed on a copy and summarized
    (`hls.report.other_binding`). A chosen design that does not fit the device is an
    error, a warning with `allow-overfit`.
  }];
  let dependentDialects = ["::eecc::hls::HLSDialect"];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"zcu106\"", "Device description">,
    Option<"clockNs", "clock-ns", "double", /*default=*/"5.0", "Clock period in ns">,
    Option<"objective", "objective", "std::string", /*default=*/"\"latency\"",
           "What auto placement minimizes in the other binding's design">,
    Option<"allowOverfit", "allow-overfit", "bool", /*default=*/"false",
           "Warn instead of failing when the design does not fit the device">,
    Option<"otherBinding", "other-binding", "bool", /*default=*/"true",
           "Also estimate the other binding for comparison">
  ];
}

def SetDirectives : Pass<"hls-set-directives", "::mlir::ModuleOp"> {
  let summary = "Earn every pipelined loop's II from the memories it touches and its recurrence";
  let description = [{
    For every pipelined `hls.loop` of every `hls.design`: `ii` = the largest of its
    loop-carried `recurrence` and, per memory its body touches, the accesses of one
    iteration (inner loops unrolled) over the accesses the memory sustains per cycle
    (banks x ports). `why` names the memory or the recurrence that sets an II above 1.
    There is no default II: the emitters print this one.
  }];
  let dependentDialects = ["::eecc::hls::HLSDialect"];
}

def CarryTestSamples : Pass<"hls-carry-test-samples", "::mlir::ModuleOp"> {
  let summary = "Attach the samples the project carries and the interpreter's answers for them";
  let description = [{
    Reads `input` (raw float32 or .npy; the first `count`, or at most 100) and runs each
    sample through the interpreter in the network's arithmetic. Records the samples
    (`hls.test_samples`), and per sample the exit taken, the class and that exit's
    logits padded to the widest exit (`hls.test_exits`, `hls.test_classes`,
    `hls.test_logits`): what the project's C-simulation and board application check.
  }];
  let options = [
    Option<"input", "input", "std::string", /*default=*/"", "Samples to carry">,
    Option<"count", "count", "int64_t", /*default=*/"-1",
           "Samples to carry (-1: all, at most 100)">
  ];
}

def PlanMemory : Pass<"hls-plan-memory", "::mlir::ModuleOp"> {
  let summary = "Lay out an engine design's arena (feature maps) and weight image (DDR)";
  let description = [{
    For a network whose C++ is the engine design (`hls.emitted_binding`, else
    `hls.binding` = engine): every feature map gets the first word of its slot in the one
    arena (`hls.arena_offset` on the layer producing it, on the network for its input;
    flatten and reshape are views at their operand's words) and the network the arena's
    size (`hls.arena_words`). Maps live from the step that writes them to the last that
    reads them (an exit's logits until its decision) and take the lowest free slot; a
    map is never placed over one its own layer reads. The weight image: every conv2d
    and dense, in the order the layers run, gets the word of its weights
    (`hls.weight_offset`) and of its biases (`hls.bias_offset`, 4 words each: the
    accumulator's 64-bit raw value), the network the image's size
    (`hls.weight_image_words`). The emitter prints these offsets and writes the image
    by them.
  }];
  let dependentDialects = ["::eecc::hls::HLSDialect"];
}

#endif // EECC_TRANSFORMS_PASSES
