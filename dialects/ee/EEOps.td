// The ee dialect: an early-exit network as a chain of backbone stages with exits.
#ifndef EECC_EE_OPS
#define EECC_EE_OPS

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/RegionKindInterface.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def EE_Dialect : Dialect {
  let name = "ee";
  let cppNamespace = "::eecc::ee";
  let summary = "Early-exit (BranchyNet) structure: backbone stages, exits, decisions";
  let description = [{
    An `ee.network` is a chain of `ee.stage` ops (the backbone, cut at branch points)
    with an `ee.exit` hanging off each branch point. Every exit holds its classifier
    in a region and, except for the final exit, the criterion and threshold of its
    decision and where it runs in hardware:

    * `pipeline`: the classifier reuses the backbone's kernels, in series;
    * `parallel`: the classifier has its own kernels and runs concurrently with the
      next stage, which is abandoned when the exit is taken.

    Exits are numbered from 0 along the backbone; the final exit has the highest
    number and takes every sample that reaches it.
  }];
  let useDefaultAttributePrinterParser = 1;
}

def EE_Criterion : I32EnumAttr<"Criterion", "exit decision criterion", [
    I32EnumAttrCase<"entropy", 0>,
    I32EnumAttrCase<"max_softmax", 1>,
    I32EnumAttrCase<"margin", 2>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::eecc::ee";
}
def EE_CriterionAttr : EnumAttr<EE_Dialect, EE_Criterion, "criterion"> {
  let summary = "Confidence measure of an exit: exit when entropy <= threshold, "
                "max softmax >= threshold, or top-1 minus top-2 softmax >= threshold";
}

def EE_Placement : I32EnumAttr<"Placement", "hardware placement of an exit", [
    I32EnumAttrCase<"pipeline", 0>,
    I32EnumAttrCase<"parallel", 1>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::eecc::ee";
}
def EE_PlacementAttr : EnumAttr<EE_Dialect, EE_Placement, "placement">;

class EE_Op<string mnemonic, list<Trait> traits = []> : Op<EE_Dialect, mnemonic, traits>;

def EE_StageOp : EE_Op<"stage", [IsolatedFromAbove, HasParent<"NetworkOp">]> {
  let summary = "A backbone stage: the layers between two branch points";
  let description = [{
    The region computes the stage's results from its block arguments (the stage
    inputs) and returns them with `ee.yield`. Stages are numbered from 0 in order.
  }];
  let arguments = (ins I64Attr:$index, Variadic<AnyRankedTensor>:$inputs);
  let results = (outs Variadic<AnyRankedTensor>:$outputs);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $index `(` $inputs `)` attr-dict `:` functional-type($inputs, results) $body
  }];
  let hasRegionVerifier = 1;
}

def EE_ExitOp : EE_Op<"exit", [IsolatedFromAbove, HasParent<"NetworkOp">]> {
  let summary = "An exit: classifier region, decision criterion, threshold, placement";
  let description = [{
    The region is the exit's classifier; it yields the logits (class scores along
    the last dimension). A non-final exit is taken when its criterion, computed on
    the softmax of the logits, passes `threshold`:

    * `entropy`: exit if `-sum p log p <= threshold`, threshold in `[0, ln C]`;
    * `max_softmax`: exit if `max p >= threshold`, threshold in `[0, 1]`;
    * `margin`: exit if `p_top1 - p_top2 >= threshold`, threshold in `[0, 1]`.

    `strict` (an ONNX `Greater`/`Less` decision) makes the comparison strict: `>` and
    `<`, so a score equal to the threshold does not exit.

    Criterion, threshold and placement may be unset until the passes that choose
    them run; the `final` exit never has them.
  }];
  let arguments = (ins I64Attr:$index, UnitAttr:$final, Variadic<AnyRankedTensor>:$inputs,
                       OptionalAttr<EE_CriterionAttr>:$criterion,
                       OptionalAttr<F64Attr>:$threshold, UnitAttr:$strict,
                       OptionalAttr<EE_PlacementAttr>:$placement);
  let results = (outs AnyRankedTensor:$logits);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $index (`final` $final^)? `(` $inputs `)` (`criterion` $criterion^)?
    (`threshold` $threshold^)? (`strict` $strict^)? (`placement` $placement^)? attr-dict
    `:` functional-type($inputs, results) $body
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// Number of classes (the size of the logits' last dimension).
    int64_t getNumClasses();
  }];
}

def EE_NetworkOp : EE_Op<"network", [Symbol, IsolatedFromAbove, SingleBlock, NoTerminator]> {
  let summary = "An early-exit network: backbone stages and their exits";
  let description = [{
    The entry block's arguments are the network inputs. The body holds only
    `ee.stage` and `ee.exit` ops; the exits' results are the network outputs, in
    exit order.

    ```mlir
    ee.network @branchy {
    ^bb0(%input: tensor<1x1x28x28xf32>):
      %s0 = ee.stage 0 (%input) : (tensor<1x1x28x28xf32>) -> tensor<1x6x12x12xf32> { ... }
      %e0 = ee.exit 0 (%s0) criterion entropy threshold 0.5 placement parallel
          : (tensor<1x6x12x12xf32>) -> tensor<1x10xf32> { ... }
      %s1 = ee.stage 1 (%s0) : ...
      %e1 = ee.exit 1 final (%s1) : ...
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $body";
  let hasRegionVerifier = 1;
}

def EE_YieldOp : EE_Op<"yield", [Pure, ReturnLike, Terminator,
                                  ParentOneOf<["StageOp", "ExitOp"]>]> {
  let summary = "Returns the results of a stage or the logits of an exit";
  let arguments = (ins Variadic<AnyType>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
}

#endif // EECC_EE_OPS
