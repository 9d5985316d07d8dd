// The hls dialect: hardware kernels, on-chip and off-chip buffers, directives, estimates.
#ifndef EECC_HLS_OPS
#define EECC_HLS_OPS

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/SymbolInterfaces.td"

def HLS_Dialect : Dialect {
  let name = "hls";
  let cppNamespace = "::eecc::hls";
  let summary = "Vitis HLS hardware: kernels, buffers, directives and estimates";
  let description = [{
    The `hls` dialect describes the hardware eecc emits: an `hls.design` for one
    device and clock holds `hls.memory`s (feature maps, weights, the engine's arena and
    weight image: kind, words, width, banks, ports) and `hls.kernel`s (each layer's
    loop nest as the emitted C++ runs it, with the accesses of every iteration).
    `ee-to-hls` builds it, `hls-set-directives` earns every pipelined loop's II from
    the memories' ports, `hls-annotate-estimates` reads cycles from the loops, and the
    emitters print what it says. QoR estimates ride along as `#hls.estimate`.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
}

def HLS_MemoryKind : I32EnumAttr<"MemoryKind", "where a memory lives", [
    I32EnumAttrCase<"reg", 0>, I32EnumAttrCase<"lutram", 1>,
    I32EnumAttrCase<"bram", 2>, I32EnumAttrCase<"uram", 3>,
    I32EnumAttrCase<"ddr", 4>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::eecc::hls";
}
def HLS_MemoryKindAttr : EnumAttr<HLS_Dialect, HLS_MemoryKind, "memory">;

def HLS_Binding : I32EnumAttr<"Binding", "how layers bind to kernels", [
    I32EnumAttrCase<"dedicated", 0>, I32EnumAttrCase<"engine", 1>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::eecc::hls";
}
def HLS_BindingAttr : EnumAttr<HLS_Dialect, HLS_Binding, "binding">;

def HLS_PartitionKind : I32EnumAttr<"PartitionKind", "array partitioning", [
    I32EnumAttrCase<"complete", 0>, I32EnumAttrCase<"cyclic", 1>,
    I32EnumAttrCase<"block", 2>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::eecc::hls";
}
def HLS_PartitionKindAttr : EnumAttr<HLS_Dialect, HLS_PartitionKind, "partition">;

class HLS_Attr<string name, string attrMnemonic> : AttrDef<HLS_Dialect, name> {
  let mnemonic = attrMnemonic;
}

def HLS_QuantMode : I32EnumAttr<"QuantMode", "ap_fixed quantization (rounding) mode", [
    I32EnumAttrCase<"trn", 0>, I32EnumAttrCase<"trn_zero", 1>, I32EnumAttrCase<"rnd", 2>,
    I32EnumAttrCase<"rnd_zero", 3>, I32EnumAttrCase<"rnd_min_inf", 4>,
    I32EnumAttrCase<"rnd_inf", 5>, I32EnumAttrCase<"rnd_conv", 6>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::eecc::hls";
}

def HLS_OverflowMode : I32EnumAttr<"OverflowMode", "ap_fixed overflow mode", [
    I32EnumAttrCase<"wrap", 0>, I32EnumAttrCase<"sat", 1>, I32EnumAttrCase<"sat_zero", 2>,
    I32EnumAttrCase<"sat_sym", 3>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::eecc::hls";
}

def HLS_FixedPointAttr : HLS_Attr<"FixedPoint", "fixed"> {
  let summary = "ap_fixed<width, integer_bits, quantization, overflow> number format";
  let description = [{
    `#hls.fixed<16, 6>` is `ap_fixed<16, 6>` (AP_TRN, AP_WRAP): 16 bits, 6 of them
    (sign included) before the binary point. `integer_bits` may exceed the width or
    be negative, as in ap_fixed. The modes follow when either is not the default:
    `#hls.fixed<16, 6, rnd, sat>` is `ap_fixed<16, 6, AP_RND, AP_SAT>`.
  }];
  let parameters = (ins "int64_t":$width, "int64_t":$integerBits,
                        DefaultValuedParameter<"::eecc::hls::QuantMode",
                                               "::eecc::hls::QuantMode::trn">:$quant,
                        DefaultValuedParameter<"::eecc::hls::OverflowMode",
                                               "::eecc::hls::OverflowMode::wrap">:$overflow);
  let builders = [
    AttrBuilder<(ins "int64_t":$width, "int64_t":$integerBits), [{
      return $_get($_ctxt, width, integerBits, ::eecc::hls::QuantMode::trn,
                   ::eecc::hls::OverflowMode::wrap);
    }]>
  ];
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Fractional bits: width - integer_bits (negative when the LSB is above 1).
    int64_t getFractionalBits() const { return getWidth() - getIntegerBits(); }
  }];
}

def HLS_DirectivesAttr : HLS_Attr<"Directives", "directives"> {
  let summary = "Loop and function directives for one kernel";
  let description = [{
    `pipeline_ii = 0` means not pipelined; `unroll = 1` means not unrolled.
    ```mlir
    #hls.directives<pipeline_ii = 1, unroll = 4, dataflow = true>
    ```
  }];
  let parameters = (ins DefaultValuedParameter<"int64_t", "0">:$pipeline_ii,
                        DefaultValuedParameter<"int64_t", "1">:$unroll,
                        DefaultValuedParameter<"bool", "false">:$dataflow,
                        DefaultValuedParameter<"bool", "false">:$inline_function);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def HLS_EstimateAttr : HLS_Attr<"Estimate", "estimate"> {
  let summary = "Analytical estimate of latency and resources (not synthesis results)";
  let parameters = (ins DefaultValuedParameter<"int64_t", "0">:$cycles,
                        DefaultValuedParameter<"int64_t", "0">:$dsp,
                        DefaultValuedParameter<"int64_t", "0">:$bram18,
                        DefaultValuedParameter<"int64_t", "0">:$uram,
                        DefaultValuedParameter<"int64_t", "0">:$lut,
                        DefaultValuedParameter<"int64_t", "0">:$ff);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

class HLS_Op<string mnemonic, list<Trait> traits = []> : Op<HLS_Dialect, mnemonic, traits>;

def HLS_DesignOp : HLS_Op<"design", [Symbol, SymbolTable, IsolatedFromAbove, SingleBlock,
                                      NoTerminator]> {
  let summary = "The hardware design for one device and clock";
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$target, F64Attr:$clock_ns);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `target` $target `clock` $clock_ns attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
}

def HLS_KernelOp : HLS_Op<"kernel", [Symbol, HasParent<"DesignOp">, SingleBlock,
                                      NoTerminator]> {
  let summary = "A compute unit's work for one layer: its loop nest";
  let description = [{
    The region holds the `hls.loop` nest the emitted C++ runs for the layer named by
    `layer` (its ONNX node name), with the `hls.access`es each iteration makes.
    `unit` names the hardware the kernel runs on when several kernels share it (the
    engine binding's `mac_engine`); without it the kernel is its own hardware.

    ```mlir
    hls.kernel @l_fc binding dedicated layer "fc" {
      hls.loop "m" trip 10 overhead 2 {
        hls.loop "k" trip 84 pipeline ii 1 depth 6 recurrence 1 {
          hls.access @l_relu3 reads 1
          hls.access @w_fc_weight reads 1
        }
      }
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, HLS_BindingAttr:$binding,
                       OptionalAttr<StrAttr>:$layer, OptionalAttr<StrAttr>:$unit,
                       OptionalAttr<HLS_DirectivesAttr>:$directives,
                       OptionalAttr<HLS_EstimateAttr>:$estimate);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `binding` custom<Binding>($binding) (`layer` $layer^)? (`unit` $unit^)?
    (`directives` $directives^)? (`estimate` $estimate^)? attr-dict-with-keyword $body
  }];
  let extraClassDeclaration = [{
    /// Cycles of one run of the kernel: its top-level loops in sequence.
    int64_t getCycles();
  }];
}

def HLS_LoopOp : HLS_Op<"loop", [SingleBlock, NoTerminator,
    ParentOneOf<["KernelOp", "LoopOp"]>]> {
  let summary = "One loop of a kernel, labelled as in the emitted C++";
  let description = [{
    `trip` iterations. A `pipeline` loop starts an iteration every `ii` cycles
    (`hls-set-directives` earns it: the accesses of one iteration against the ports of
    the memories they touch, and the loop-carried `recurrence`, the cycles a value
    needs before the next iteration may use it) and drains in `depth` cycles:
    `trip * ii + depth` cycles. Loops nested inside a pipelined loop are unrolled.
    A sequential loop takes `trip * (overhead + its body)` cycles, `overhead` being
    the cycles of one iteration outside its inner loops (an accumulator set, a store).
    A `flatten` loop is the outer loop of a perfect nest that Vitis flattens into the
    pipelined loop it holds (its body is that one loop): one pipeline of both trips.
    `why` says which constraint set `ii`.
  }];
  let arguments = (ins StrAttr:$label, I64Attr:$trip, UnitAttr:$pipeline, UnitAttr:$flatten,
                       OptionalAttr<I64Attr>:$ii, OptionalAttr<I64Attr>:$depth,
                       OptionalAttr<I64Attr>:$recurrence, OptionalAttr<I64Attr>:$overhead,
                       OptionalAttr<StrAttr>:$why);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $label `trip` $trip (`pipeline` $pipeline^)? (`flatten` $flatten^)? (`ii` $ii^)? (`depth` $depth^)?
    (`recurrence` $recurrence^)? (`overhead` $overhead^)? (`why` $why^)?
    attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Cycles of the whole loop (every iteration); needs `ii` on a pipelined loop.
    int64_t getCycles();
    /// Iterations of this loop's body per iteration of the nearest enclosing pipelined
    /// loop (this loop's and its parents' trips up to it; 1 when none encloses it).
    int64_t getUnrolledCopies();
  }];
}

def HLS_AccessOp : HLS_Op<"access", [HasParent<"LoopOp">,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Reads and writes of one memory per iteration of the enclosing loop";
  let description = [{
    `burst`: the accesses are sequential and unconditional, so an m_axi bundle bursts
    them (one word per cycle); without it each DDR access is a single-beat transaction
    and a bundle sustains `outstanding` of them per `latency` cycles.
  }];
  let arguments = (ins FlatSymbolRefAttr:$memory, DefaultValuedAttr<I64Attr, "0">:$reads,
                       DefaultValuedAttr<I64Attr, "0">:$writes, UnitAttr:$burst);
  let assemblyFormat = [{
    $memory (`reads` $reads^)? (`writes` $writes^)? (`burst` $burst^)? attr-dict
  }];
  let hasVerifier = 1;
}

def HLS_MemoryOp : HLS_Op<"memory", [Symbol, HasParent<"DesignOp">]> {
  let summary = "A physical memory: words of a width, in banks with ports";
  let description = [{
    ```mlir
    hls.memory @arena : bram words 4704 width 16 banks 1 ports 2 holds "feature maps"
    hls.memory @weights : ddr words 61706 width 16 banks 4 ports 1 holds "weight image"
    ```
    `banks` independent banks (array partitioning) of `ports` ports each: a BRAM or
    URAM bank has 2, a LUTRAM ROM 2, an m_axi bundle 1 (one word of `width` bits per
    cycle while it bursts); `reg` memories are registers (every word its own bank).
    `holds` says what the memory stores, for reports; `precision` the number format of
    its words when they all have one. A DDR memory's `latency` (cycles from a read
    request to its data) and `outstanding` (requests a bundle keeps in flight) bound
    its single-beat accesses (see `hls.access`). A `pingpong` memory is a channel between
    two tasks of a DATAFLOW region, which Vitis builds as two buffers (the producer
    fills one while the consumer reads the other): twice the storage.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, HLS_MemoryKindAttr:$kind, I64Attr:$words,
                       I64Attr:$width, DefaultValuedAttr<I64Attr, "1">:$banks,
                       DefaultValuedAttr<I64Attr, "2">:$ports, StrAttr:$holds,
                       OptionalAttr<HLS_FixedPointAttr>:$precision,
                       OptionalAttr<I64Attr>:$latency, OptionalAttr<I64Attr>:$outstanding,
                       UnitAttr:$pingpong);
  let assemblyFormat = [{
    $sym_name `:` custom<MemoryKind>($kind) `words` $words `width` $width `banks` $banks `ports` $ports
    (`pingpong` $pingpong^)? (`latency` $latency^)? (`outstanding` $outstanding^)? `holds` $holds
    (`precision` $precision^)? attr-dict
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Accesses per cycle the memory sustains (banks x ports; reg: every word).
    int64_t getAccessesPerCycle();
  }];
}

def HLS_ExitUnitOp : HLS_Op<"exit_unit", [Symbol, HasParent<"DesignOp">]> {
  let summary = "The decision unit of one early exit";
  let description = [{
    Decides whether exit `exit`'s sample stops: its `criterion` (entropy,
    max_softmax, margin) over `classes` logits against `threshold`, placed `pipeline`
    (after the exit's layers, before the next stage) or `parallel` (beside the next
    stage, which `hls.poll`s it).
    ```mlir
    hls.exit_unit @exit_0 exit 0 criterion "max_softmax" threshold 8.0e-01 classes 10 placement "parallel"
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, I64Attr:$exit, StrAttr:$criterion,
                       OptionalAttr<F64Attr>:$threshold, I64Attr:$classes, StrAttr:$placement);
  let assemblyFormat = [{
    $sym_name `exit` $exit `criterion` $criterion (`threshold` $threshold^)? `classes` $classes
    `placement` $placement attr-dict
  }];
  let hasVerifier = 1;
}

def HLS_ScheduleOp : HLS_Op<"schedule", [HasParent<"DesignOp">, SingleBlock, NoTerminator]> {
  let summary = "The order a sample runs the design's kernels and exit units in";
  let description = [{
    `hls.call`s in order; a parallel exit is an `hls.concurrent`: its kernels and
    decision beside the next stage, whose `hls.poll`s (between its layers) end it when
    the exit is taken.
  }];
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "attr-dict-with-keyword $body";
}

def HLS_CallOp : HLS_Op<"call", [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Run a kernel, or an exit unit's decision (which may end the sample)";
  let arguments = (ins FlatSymbolRefAttr:$callee);
  let assemblyFormat = "$callee attr-dict";
}

def HLS_PollOp : HLS_Op<"poll", [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Return here if the exit unit beside this stage has decided to exit";
  let arguments = (ins FlatSymbolRefAttr:$unit);
  let assemblyFormat = "$unit attr-dict";
}

def HLS_ConcurrentOp : HLS_Op<"concurrent", [NoTerminator]> {
  let summary = "A parallel exit beside the next backbone stage";
  let regions = (region SizedRegion<1>:$exitBody, SizedRegion<1>:$stageBody);
  let assemblyFormat = "`exit` $exitBody `beside` $stageBody attr-dict";
}

#endif // EECC_HLS_OPS
