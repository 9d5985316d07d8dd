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
    device and clock holds `hls.kernel`s (compute units and the layers bound to
    them) and `hls.buffer`s (weights and feature maps with their memory kind).
    Every decision the emitters print (pipeline II, unroll, partitioning, fixed-point
    width, binding) is an attribute set by a pass; QoR estimates ride along as
    `#hls.estimate` attributes.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
}

def HLS_MemoryKind : I32EnumAttr<"MemoryKind", "where a buffer lives", [
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
  let summary = "A compute unit and the layers bound to it";
  let description = [{
    A `dedicated` kernel computes one layer; an `engine` is shared by several
    layers of one kind. The region holds the layer ops bound to the kernel.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, HLS_BindingAttr:$binding,
                       OptionalAttr<HLS_DirectivesAttr>:$directives,
                       OptionalAttr<HLS_EstimateAttr>:$estimate);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `binding` $binding (`directives` $directives^)? (`estimate` $estimate^)?
    attr-dict-with-keyword $body
  }];
}

def HLS_BufferOp : HLS_Op<"buffer", [Symbol, HasParent<"DesignOp">]> {
  let summary = "A weight or feature-map array and where it lives";
  let description = [{
    ```mlir
    hls.buffer @conv1_weight : tensor<6x1x5x5xf32> memory bram
        partition cyclic factor 5 dim 3 precision #hls.fixed<16, 6>
    ```
    `partition` splits dimension `dim` into `factor` banks (`complete`: one
    register per element along `dim`, no factor). DDR buffers cannot be partitioned.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, TypeAttrOf<AnyStaticShapeTensor>:$type,
                       HLS_MemoryKindAttr:$memory,
                       OptionalAttr<HLS_PartitionKindAttr>:$partition,
                       OptionalAttr<I64Attr>:$factor, OptionalAttr<I64Attr>:$dim,
                       OptionalAttr<HLS_FixedPointAttr>:$precision);
  let assemblyFormat = [{
    $sym_name `:` $type `memory` $memory (`partition` $partition^)? (`factor` $factor^)?
    (`dim` $dim^)? (`precision` $precision^)? attr-dict
  }];
  let hasVerifier = 1;
}

#endif // EECC_HLS_OPS
