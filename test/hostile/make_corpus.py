#!/usr/bin/python3
"""Writes eecc's corpus of hostile inputs: one file per case and a manifest, cases.json.

usage: make_corpus.py OUTDIR

Every file is generated here (python3-onnx, numpy, or protobuf bytes encoded below);
none is hand-edited. Each case says what eecc must do with it (issue #8): exit code
1 and one message naming the file and, where there is one, the node and the field;
or exit code 0 for inputs that must compile (warnings allowed). A case whose current
behaviour falls short of that contract carries a "finding"; its expectations are
still what eecc does today, so the corpus passes and the finding stays visible.

Manifest entries: name, file (relative to OUTDIR), exit, expect (a substring of
stderr), args (eecc's options besides the model and -o), and, where they apply,
finding (what falls short of the contract) and crash (eecc dies of a signal today:
exit and expect then state the contract, and the case is an expected failure).
"""
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
CASES = []
DEFAULT_ARGS = ["--emit=project", "--precision=float"]


def case(name, expect, exit=1, args=DEFAULT_ARGS, finding=None, crash=None, file=None):
    """Registers a builder: it returns the model (ModelProto or bytes) to write to
    FILE (default NAME.onnx), or None when it lays out its files itself.

    args: eecc's options besides the model and -o ({corpus} is the corpus directory).
    crash: eecc dies of a signal on this case today; exit/expect then state the
    contract, and run_corpus.py reports the case as an expected failure (XFAIL)."""
    def register(build):
        CASES.append(dict(name=name, file=file or name + ".onnx", exit=exit, expect=expect,
                          args=list(args), finding=finding, crash=crash, build=build))
        return build
    return register


# --- Building blocks ----------------------------------------------------------

def tensor_info(name, shape, elem=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, elem, shape)


def weights(name, shape, scale=0.1, seed=0):
    rng = np.random.default_rng(seed)
    return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)


def ints(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def model(nodes, inputs, outputs, initializers=(), opset=OPSET, metadata=None, ir_version=8):
    """A ModelProto as an exporter would write it; no checking, no shape inference
    (the point is to hand eecc what the checker would reject)."""
    graph = helper.make_graph(nodes, "g", inputs, outputs, list(initializers))
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                          producer_name="eecc-hostile")
    m.ir_version = ir_version
    for key, value in (metadata or {}).items():
        entry = m.metadata_props.add()
        entry.key, entry.value = key, value
    return m


def classifier(metadata=None, **conv_attributes):
    """x [1,1,6,6] -> conv (node 'conv') -> relu -> pool -> flatten -> fc -> y [1,3]."""
    attributes = dict(pads=[1, 1, 1, 1])
    attributes.update(conv_attributes)
    nodes = [
        helper.make_node("Conv", ["x", "w", "b"], ["c"], name="conv", **attributes),
        helper.make_node("Relu", ["c"], ["r"], name="relu"),
        helper.make_node("GlobalAveragePool", ["r"], ["p"], name="pool"),
        helper.make_node("Flatten", ["p"], ["f"], name="flatten"),
        helper.make_node("Gemm", ["f", "wf", "bf"], ["y"], name="fc", transB=1),
    ]
    inits = [weights("w", [2, 1, 3, 3]), weights("b", [2], seed=1),
             weights("wf", [3, 2], seed=2), weights("bf", [3], seed=3)]
    return model(nodes, [tensor_info("x", [1, 1, 6, 6])], [tensor_info("y", [1, 3])], inits,
                 metadata=metadata)


def two_exit(metadata=None):
    """conv0 -> [exit0] -> conv1 -> [exit1] -> conv2 -> final; three [1,4] outputs."""
    nodes, inits = [], []
    source = "x"
    for stage in range(3):
        nodes += [helper.make_node("Conv", [source, f"w{stage}"], [f"c{stage}"],
                                   name=f"stage{stage}_conv", pads=[1, 1, 1, 1]),
                  helper.make_node("Relu", [f"c{stage}"], [f"s{stage}"], name=f"stage{stage}_relu"),
                  helper.make_node("GlobalAveragePool", [f"s{stage}"], [f"p{stage}"],
                                   name=f"head{stage}_pool"),
                  helper.make_node("Flatten", [f"p{stage}"], [f"f{stage}"],
                                   name=f"head{stage}_flatten"),
                  helper.make_node("Gemm", [f"f{stage}", f"wh{stage}"],
                                   ["final" if stage == 2 else f"exit{stage}"],
                                   name=f"head{stage}_fc", transB=1)]
        inits += [weights(f"w{stage}", [2, 1 if stage == 0 else 2, 3, 3], seed=stage),
                  weights(f"wh{stage}", [4, 2], seed=10 + stage)]
        source = f"s{stage}"
    outputs = [tensor_info(name, [1, 4]) for name in ("exit0", "exit1", "final")]
    return model(nodes, [tensor_info("x", [1, 1, 6, 6])], outputs, inits, metadata=metadata)


def relu_model(x_shape=(1, 4), y_shape=None, **kwargs):
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    return model(nodes, [tensor_info("x", list(x_shape))],
                 [tensor_info("y", list(y_shape or x_shape))], **kwargs)


def conv_with_weight(w, x_shape=(1, 1, 4, 4), y_shape=(1, 1, 4, 4)):
    """x -> conv (weight initializer `w`, whatever it is) -> y."""
    nodes = [helper.make_node("Conv", ["x", w.name], ["y"], name="conv")]
    return model(nodes, [tensor_info("x", list(x_shape))], [tensor_info("y", list(y_shape))], [w])


def raw_tensor(name, data_type, dims, raw=b"", **fields):
    t = TensorProto()
    t.name, t.data_type = name, data_type
    t.dims.extend(dims)
    if raw is not None:
        t.raw_data = raw
    for field, values in fields.items():
        getattr(t, field).extend(values)
    return t


# --- Protobuf encoding, for nesting no library call would build --------------------

def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field_bytes(number, payload):
    """A length-delimited field (wire type 2)."""
    return varint(number << 3 | 2) + varint(len(payload)) + payload


# --- Files that are not ONNX models ---------------------------------------------

@case("empty", "empty.onnx: error: the model has no graph")
def _empty(out):
    return b""


@case("truncated", "truncated.onnx: error: not a valid ONNX protobuf")
def _truncated(out):
    data = two_exit().SerializeToString()
    return data[:len(data) // 2]


@case("random_bytes", "random_bytes.onnx: error: not a valid ONNX protobuf")
def _random_bytes(out):
    return np.random.default_rng(8).bytes(4096)


@case("text_file", "text_file.onnx: error: not a valid ONNX protobuf")
def _text_file(out):
    return str(classifier()).encode()  # the protobuf text format of a valid model


@case("trailing_garbage", "trailing_garbage.onnx: error: not a valid ONNX protobuf")
def _trailing_garbage(out):
    return classifier().SerializeToString() + b"\xff\xff\xff\xff"


@case("length_overflow", "length_overflow.onnx: error: not a valid ONNX protobuf")
def _length_overflow(out):
    # ir_version 8, then a graph field that claims 2 GiB - 1 bytes and holds 8.
    return varint(1 << 3) + varint(8) + varint(7 << 3 | 2) + varint(2**31 - 1) + b"\0" * 8


@case("directory", "directory.onnx: not a regular file")
def _directory(out):
    os.makedirs(os.path.join(out, "directory.onnx"))


@case("missing", "missing.onnx: No such file or directory")
def _missing(out):
    return None


# --- Versions and operator sets -------------------------------------------------

def with_ir_version(version):
    m = classifier()
    if version is None:
        m.ClearField("ir_version")
    else:
        m.ir_version = version
    return m


@case("no_ir_version", "no_ir_version.onnx: error: the ONNX checker rejects the model: "
      "The model does not have an ir_version set properly")
def _no_ir_version(out):
    return with_ir_version(None)


@case("old_ir_version", "old_ir_version.onnx: error: the ONNX checker rejects the model: "
      "model with IR version < 3 cannot have opset_import specified")
def _old_ir_version(out):
    return with_ir_version(2)


@case("future_ir_version", "future_ir_version.onnx: error: the ONNX checker rejects the model: "
      "Your model ir_version is higher than the checker's")
def _future_ir_version(out):
    return with_ir_version(99)


@case("no_opset_import", "no_opset_import.onnx: error: opset 0 is not supported "
      "(eecc reads opsets 1 to 18)")
def _no_opset_import(out):
    m = classifier()
    m.ClearField("opset_import")
    return m


@case("future_opset", "future_opset.onnx: error: opset 99 is not supported")
def _future_opset(out):
    m = classifier()
    m.opset_import[0].version = 99
    return m


@case("duplicate_opset_import",
      "duplicate_opset_import.onnx: error: the model imports the default operator set more than once")
def _duplicate_opset_import(out):
    m = classifier()
    m.opset_import.extend([helper.make_opsetid("ai.onnx", 11)])
    return m


@case("unknown_domain",
      "unknown_domain.onnx: error: operator domain 'com.example.evil' is not supported")
def _unknown_domain(out):
    m = classifier()
    m.opset_import.extend([helper.make_opsetid("com.example.evil", 1)])
    return m


@case("custom_op", "custom_op.onnx: error: node 'relu' (Frobnicate): operator domain "
      "'com.example.evil' is not supported")
def _custom_op(out):
    m = classifier()
    m.graph.node[1].op_type, m.graph.node[1].domain = "Frobnicate", "com.example.evil"
    m.opset_import.extend([helper.make_opsetid("com.example.evil", 1)])
    return m


@case("custom_op_unimported", "node 'relu' (FusedConv): operator domain 'com.microsoft' is not supported")
def _custom_op_unimported(out):
    m = classifier()
    m.graph.node[1].op_type, m.graph.node[1].domain = "FusedConv", "com.microsoft"
    return m


# --- Graph structure ------------------------------------------------------------

@case("cycle", "cycle.onnx: error: the ONNX checker rejects the model: Nodes in a graph must "
      "be topologically sorted, however input 'b' of node: \\nname: add OpType: Add")
def _cycle(out):
    nodes = [helper.make_node("Add", ["x", "b"], ["a"], name="add"),
             helper.make_node("Relu", ["a"], ["b"], name="relu")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("b", [1, 4])])


@case("self_loop", "input 'a' of node: \\nname: add_self OpType: Add")
def _self_loop(out):
    nodes = [helper.make_node("Add", ["x", "a"], ["a"], name="add_self")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("a", [1, 4])])


@case("unsorted_nodes", "input 'f' of node: \\nname: fc OpType: Gemm")
def _unsorted_nodes(out):
    m = classifier()
    nodes = list(m.graph.node)
    m.graph.ClearField("node")
    m.graph.node.extend(reversed(nodes))
    return m


@case("undefined_input", "undefined_input.onnx: error: node 'add_ghost' (Add): input 'nowhere' is "
      "not produced by any node, initializer or graph input")
def _undefined_input(out):
    nodes = [helper.make_node("Add", ["x", "nowhere"], ["y"], name="add_ghost")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("y", [1, 4])])


@case("duplicate_output", "duplicate_output.onnx: error: tensor 'y' is produced by both node "
      "'relu_a' (Relu) and node 'identity_b' (Identity)")
def _duplicate_output(out):
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu_a"),
             helper.make_node("Identity", ["x"], ["y"], name="identity_b")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("y", [1, 4])])


@case("output_shadows_input", "however 'x' has been used as output names multiple times")
def _output_shadows_input(out):
    nodes = [helper.make_node("Relu", ["x"], ["x"], name="relu_in_place")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("x", [1, 4])])


@case("output_redeclares_input", "output_redeclares_input.onnx: error: graph output 'x' declares "
      "rank 3, but the value of that name has rank 4")
def _output_redeclares_input(out):
    # Found by the fuzzer: libonnx's Conv shape inference took the output's rank-3
    # declaration of the input 'x' and indexed it with the rank-4 kernel (SIGSEGV).
    conv = helper.make_node("Conv", ["x", "w"], ["y"], name="conv")
    return model([conv], [tensor_info("x", [1, 1, 2, 2])], [tensor_info("x", [1, 1, 115])],
                 initializers=[weights("w", [1, 1, 1, 1])])


@case("empty_graph", "empty_graph.onnx: warning: output 'x' is a graph input passed through: "
      "the design copies it", exit=0)
def _empty_graph(out):
    return model([], [tensor_info("x", [1, 4])], [tensor_info("x", [1, 4])])


@case("no_outputs", "no_outputs.onnx: error: the graph has no outputs (eecc needs at least the "
      "final classifier's logits)")
def _no_outputs(out):
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    return model(nodes, [tensor_info("x", [1, 4])], [])


@case("output_not_produced",
      "output_not_produced.onnx: error: output 'ghost' is not a float tensor computed by the graph")
def _output_not_produced(out):
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("y", [1, 4]),
                                                    tensor_info("ghost", [1, 4])])


@case("two_inputs", "two_inputs.onnx: error: the graph has 2 activation input(s) ('x', 'unused'); "
      "eecc compiles networks with one input (weights must be initializers)")
def _two_inputs(out):
    m = classifier()
    m.graph.input.extend([tensor_info("unused", [1, 4])])
    return m


@case("empty_required_input", "Node (conv)'s input 1 is marked single but has an empty string")
def _empty_required_input(out):
    nodes = [helper.make_node("Conv", ["x", ""], ["y"], name="conv")]
    return model(nodes, [tensor_info("x", [1, 1, 4, 4])], [tensor_info("y", [1, 1, 4, 4])])


# --- Attributes -----------------------------------------------------------------

@case("missing_required_attribute", "Required attribute 'axis' is missing.\\n\\n==> Context: "
      "Bad node spec for node. Name: concat_no_axis OpType: Concat")
def _missing_required_attribute(out):
    nodes = [helper.make_node("Concat", ["x", "x"], ["y"], name="concat_no_axis")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("y", [1, 8])])


@case("wrong_typed_attribute",
      "wrong_typed_attribute.onnx: error: node 'conv' (Conv): 'strides' must be a list of integers "
      "(INTS), not FLOATS")
def _wrong_typed_attribute(out):
    m = classifier()
    conv = m.graph.node[0]
    del conv.attribute[:]
    conv.attribute.extend([helper.make_attribute("strides", [1.0, 1.0]),
                           helper.make_attribute("pads", [1, 1, 1, 1])])
    return m


@case("string_attribute_for_int", "Mismatched attribute type in 'flatten : axis'")
def _string_attribute_for_int(out):
    m = classifier()
    m.graph.node[3].attribute.extend([helper.make_attribute("axis", "one")])
    return m


@case("zero_strides", "zero_strides.onnx: error: node 'conv' (Conv): 'strides' value 0 is out of range")
def _zero_strides(out):
    return classifier(strides=[0, 0])


@case("zero_strides_pool",
      "zero_strides_pool.onnx: error: node 'pool_zero_stride' (MaxPool): 'strides' value 0 is out of range")
def _zero_strides_pool(out):
    nodes = [helper.make_node("MaxPool", ["x"], ["y"], name="pool_zero_stride",
                              kernel_shape=[2, 2], strides=[0, 0])]
    return model(nodes, [tensor_info("x", [1, 1, 4, 4])], [tensor_info("y", [1, 1, 2, 2])])


@case("zero_dilations", "zero_dilations.onnx: error: node 'conv' (Conv): 'dilations' value 0 is out of range")
def _zero_dilations(out):
    return classifier(dilations=[0, 0])


@case("negative_pads", "negative_pads.onnx: error: node 'conv' (Conv): 'pads' value -1 is out of range")
def _negative_pads(out):
    return classifier(pads=[-1, 0, 0, 0])


@case("huge_pads", "node 'conv' (Conv): 'pads' value 1099511627776 is out of range")
def _huge_pads(out):
    return classifier(pads=[2**40, 0, 0, 0])


@case("kernel_larger_than_input", "ONNX shape inference fails: [ShapeInferenceError] "
      "(op_type:Conv, node name: conv_big_kernel): [ShapeInferenceError] Inferred shape and "
      "existing shape differ in dimension 2: (-2) vs (1)")
def _kernel_larger_than_input(out):
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_big_kernel")]
    return model(nodes, [tensor_info("x", [1, 1, 2, 2])], [tensor_info("y", [1, 1, 1, 1])],
                 [weights("w", [1, 1, 5, 5])])


@case("group_not_dividing", "group_not_dividing.onnx: error: node 'conv_group3' (Conv): "
      "expects input channels (4) and filters (3) to be divisible by groups (3)")
def _group_not_dividing(out):
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_group3", group=3)]
    return model(nodes, [tensor_info("x", [1, 4, 4, 4])], [tensor_info("y", [1, 3, 4, 4])],
                 [weights("w", [3, 1, 1, 1])])


@case("group_zero", "node 'conv_group0' (Conv): expects groups >= 1, got 0")
def _group_zero(out):
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_group0", group=0)]
    return model(nodes, [tensor_info("x", [1, 4, 4, 4])], [tensor_info("y", [1, 4, 4, 4])],
                 [weights("w", [4, 4, 1, 1])])


@case("leaky_relu_nan_alpha", "leaky_relu_nan_alpha.onnx: error: node 'leaky' (LeakyRelu): 'alpha' "
      "is nan; it must be a finite number")
def _leaky_relu_nan_alpha(out):
    m = classifier()
    m.graph.node[1].CopyFrom(helper.make_node("LeakyRelu", ["c"], ["r"], name="leaky",
                                              alpha=float("nan")))
    return m


@case("node_name_newline", "node_name_newline.onnx: error: node 'conv\\nfake.onnx: error: "
      "injected' (Conv): 'strides' value 0 is out of range")
def _node_name_newline(out):
    m = classifier(strides=[0, 0])
    m.graph.node[0].name = "conv\nfake.onnx: error: injected"
    return m


# --- Shapes ---------------------------------------------------------------------

def with_dims(dims):
    """x -> relu -> y, both of shape `dims` (written as given, even when invalid)."""
    m = relu_model((1,) * len(dims))
    for value_info in (m.graph.input[0], m.graph.output[0]):
        for d, value in zip(value_info.type.tensor_type.shape.dim, dims):
            d.dim_value = value
    return m


@case("negative_dim_input", "negative_dim_input.onnx: error: input 'x' has dimension 1 of size -3 "
      "(sizes must be positive)")
def _negative_dim_input(out):
    return with_dims([1, -3])


@case("zero_dim_input", "zero_dim_input.onnx: error: input 'x' has dimension 1 of size 0 "
      "(sizes must be positive)")
def _zero_dim_input(out):
    return with_dims([1, 0])


@case("huge_dim_input", "huge_dim_input.onnx: error: input 'x' has too many elements (the limit "
      "is 2^31 - 1, the layers' int sizes)")
def _huge_dim_input(out):
    return with_dims([1, 2**31])


@case("huge_dim_input_plus_one", "huge_dim_input_plus_one.onnx: error: input 'x' has too many elements")
def _huge_dim_input_plus_one(out):
    return with_dims([1, 2**31 + 1])


@case("overflow_dims_input", "overflow_dims_input.onnx: error: input 'x' has too many elements")
def _overflow_dims_input(out):
    return with_dims([1, 2**32, 2**32, 2**32])  # the product wraps to 0 in 64 bits


@case("negative_dim_initializer",
      "negative_dim_initializer.onnx: error: initializer: tensor 'w' has a negative dimension")
def _negative_dim_initializer(out):
    # libonnx infers (and so accepts) the output a kernel of height -1 would give.
    return conv_with_weight(raw_tensor("w", TensorProto.FLOAT, [1, 1, -1, 1], raw=b"\0" * 4),
                            y_shape=(1, 1, 6, 4))


@case("zero_dim_initializer", "zero_dim_initializer.onnx: error: node 'conv': "
      "operand #1 must be non-empty static NCHW float tensor, but got 'tensor<0x1x1x1xf32>'",
      finding="names node 'conv' and operand #1 but not the tensor 'w' (an MLIR verifier message)")
def _zero_dim_initializer(out):
    return conv_with_weight(raw_tensor("w", TensorProto.FLOAT, [0, 1, 1, 1], raw=b""),
                            y_shape=(1, 0, 4, 4))


@case("huge_dim_initializer",
      "huge_dim_initializer.onnx: error: initializers of 2147483648 elements or more exceed the "
      "limit of 536870912 elements")
def _huge_dim_initializer(out):
    return conv_with_weight(raw_tensor("w", TensorProto.FLOAT, [2**31, 1, 1, 1], raw=b"\0" * 4),
                            y_shape=(1, 2**31, 4, 4))


@case("huge_dim_initializer_plus_one",
      "huge_dim_initializer_plus_one.onnx: error: initializers of 2147483649 elements or more "
      "exceed the limit of 536870912 elements")
def _huge_dim_initializer_plus_one(out):
    return conv_with_weight(raw_tensor("w", TensorProto.FLOAT, [2**31 + 1, 1, 1, 1], raw=b"\0" * 4),
                            y_shape=(1, 2**31 + 1, 4, 4))


@case("overflow_dims_initializer", "overflow_dims_initializer.onnx: error: initializers of "
      "4611686018427387904 elements or more exceed the limit of 536870912 elements")
def _overflow_dims_initializer(out):
    return conv_with_weight(raw_tensor("w", TensorProto.FLOAT, [2**32, 2**32, 1, 1], raw=b"\0" * 4))


@case("too_many_nodes", "too_many_nodes.onnx: error: 100001 nodes (with subgraphs) exceed the "
      "limit of 100000 nodes")
def _too_many_nodes(out):
    nodes = [helper.make_node("Relu", [f"t{i}"], [f"t{i + 1}"]) for i in range(100001)]
    return model(nodes, [tensor_info("t0", [1, 4])], [tensor_info("t100001", [1, 4])])


@case("too_many_initializer_elements", "too_many_initializer_elements.onnx: error: initializers of "
      "536870913 elements or more exceed the limit of 536870912 elements")
def _too_many_initializer_elements(out):
    # Declared dims only (the data is never read): 2^28 + 2^28 + 1 elements.
    big = [raw_tensor(f"w{i}", TensorProto.FLOAT, [2**28], raw=b"") for i in range(2)]
    return model([helper.make_node("Relu", ["x"], ["y"])], [tensor_info("x", [1, 4])],
                 [tensor_info("y", [1, 4])], initializers=big + [raw_tensor("w2", TensorProto.FLOAT, [1], raw=b"\0" * 4)])


@case("rank_mismatch_output", "(op_type:Gemm, node name: fc): [ShapeInferenceError] Inferred shape "
      "and existing shape differ in rank: (2) vs (3)")
def _rank_mismatch_output(out):
    m = classifier()
    m.graph.output[0].type.tensor_type.shape.dim.add().dim_value = 1
    return m


@case("rank_mismatch_bias", "rank_mismatch_bias.onnx: error: node 'conv': operand #2 "
      "must be non-empty static 1-D float tensor, but got 'tensor<2x1xf32>'",
      finding="names node 'conv' and operand #2 but not the tensor 'b' (an MLIR verifier message)")
def _rank_mismatch_bias(out):
    m = classifier()
    m.graph.initializer[1].CopyFrom(weights("b", [2, 1], seed=1))
    return m


# --- Tensor data ----------------------------------------------------------------

@case("raw_data_short",
      "raw_data_short.onnx: error: initializer: tensor 'w' holds 12 bytes of data but its shape needs 72")
def _raw_data_short(out):
    m = classifier()
    m.graph.initializer[0].raw_data = b"\0" * 12
    return m


@case("raw_data_and_float_data",
      "the ONNX checker rejects the model: TensorProto (tensor name: w) should contain one and only one value field")
def _raw_data_and_float_data(out):
    m = classifier()
    m.graph.initializer[0].float_data.extend([0.5] * 18)
    return m


@case("float_data_count",
      "float_data_count.onnx: error: initializer: tensor 'w' holds 5 elements but its shape needs 18")
def _float_data_count(out):
    m = classifier()
    m.graph.initializer[0].CopyFrom(raw_tensor("w", TensorProto.FLOAT, [2, 1, 3, 3], raw=None,
                                               float_data=[0.1] * 5))
    return m


@case("complex64_initializer", "(op_type:Conv, node name: conv): W typestr: T, has unsupported "
      "type: tensor(complex64)")
def _complex64_initializer(out):
    return conv_with_weight(numpy_helper.from_array(np.ones((1, 1, 1, 1), np.complex64), "w"))


@case("string_initializer", "(op_type:Conv, node name: conv): W typestr: T, has unsupported "
      "type: tensor(string)")
def _string_initializer(out):
    return conv_with_weight(helper.make_tensor("w", TensorProto.STRING, [1, 1, 1, 1], [b"evil"]))


@case("string_initializer_unused",
      "string_initializer_unused.onnx: error: initializer: tensor 'label' has element type STRING")
def _string_initializer_unused(out):
    m = classifier()
    m.graph.initializer.extend([helper.make_tensor("label", TensorProto.STRING, [1], [b"x"])])
    return m


@case("undefined_dtype_initializer",
      "setting data_type field (tensor name: w) to UNDEFINED is not allowed")
def _undefined_dtype_initializer(out):
    return conv_with_weight(raw_tensor("w", TensorProto.UNDEFINED, [1, 1, 1, 1], raw=b"\0" * 4))


@case("int64_weight", "(op_type:Conv, node name: conv): W typestr: T, has unsupported type: tensor(int64)")
def _int64_weight(out):
    return conv_with_weight(numpy_helper.from_array(np.ones((1, 1, 1, 1), np.int64), "w"))


def nan_weights():
    m = classifier()
    w = numpy_helper.to_array(m.graph.initializer[0]).copy()
    w[0, 0, 1, 1] = np.nan
    m.graph.initializer[0].CopyFrom(numpy_helper.from_array(w, "w"))
    return m


@case("nan_weights", "nan_weights.onnx: warning: initializer 'w' holds 1 NaN and 0 infinite "
      "value(s) of 18; results that use it may be NaN", exit=0)
def _nan_weights(out):
    return nan_weights()


@case("nan_weights_fixed", "nan_weights_fixed.onnx: warning: nn-quantize: layer 'conv': 1 NaN or "
      "infinite value(s) of 18 in its weights have no ap_fixed<16, ", exit=0,
      args=["--emit=project", "--precision=16,6"])
def _nan_weights_fixed(out):
    return nan_weights()


@case("nan_weights_calibrated", "nan_weights_calibrated.onnx: error: nn-quantize: layer 'fc' has no "
      "finite calibrated range (its results are NaN or infinite on the calibration set)",
      args=["--emit=project", "--calibration={corpus}/calibration_1x1x6x6.bin"])
def _nan_weights_calibrated(out):
    return nan_weights()


@case("inf_weights", "inf_weights.onnx: warning: initializer 'b' holds 0 NaN and 2 infinite "
      "value(s) of 2; results that use it may be NaN", exit=0)
def _inf_weights(out):
    m = classifier()
    m.graph.initializer[1].CopyFrom(numpy_helper.from_array(
        np.array([np.inf, -np.inf], np.float32), "b"))
    return m


# --- Nesting --------------------------------------------------------------------

def nested_if(depth):
    """An If whose then branch holds an If whose then branch ... `depth` deep."""
    def level(d):
        if d == 0:
            return helper.make_graph([helper.make_node("Identity", ["x"], ["out0"], name="leaf")],
                                     "leaf", [], [tensor_info("out0", [1, 4])])
        else_graph = helper.make_graph([helper.make_node("Relu", ["x"], [f"e{d}"], name=f"else{d}")],
                                       f"else{d}", [], [tensor_info(f"e{d}", [1, 4])])
        node = helper.make_node("If", ["cond"], [f"out{d}"], name=f"if{d}",
                                then_branch=level(d - 1), else_branch=else_graph)
        return helper.make_graph([node], f"then{d}", [], [tensor_info(f"out{d}", [1, 4])])
    body = level(depth)
    return model(list(body.node), [tensor_info("x", [1, 4]),
                                   tensor_info("cond", [], TensorProto.BOOL)],
                 [tensor_info(f"out{depth}", [1, 4])])


@case("if_nested_200", "if_nested_200.onnx: error: not a valid ONNX protobuf (truncated, "
      "corrupt, or nested deeper than 64 levels)")
def _if_nested_200(out):
    return nested_if(200)


@case("if_nested_15", "if_nested_15.onnx: error: the graph has 2 activation input(s) ('x', "
      "'cond'); eecc compiles networks with one input")
def _if_nested_15(out):
    return nested_if(15)  # 47 message levels: within the parser's limit


@case("protobuf_nesting_100000", "protobuf_nesting_100000.onnx: error: not a valid ONNX protobuf")
def _protobuf_nesting(out):
    # graph.input[0].type = sequence(sequence(... 100000 deep)): TypeProto.sequence_type
    # (field 4) -> TypeProto.Sequence.elem_type (field 1) -> TypeProto ...
    # Lengths from the inside out, then the headers from the outside in (linear time).
    headers, length = [], 0
    for _ in range(100000):
        sequence = varint(1 << 3 | 2) + varint(length)          # Sequence.elem_type
        type_header = varint(4 << 3 | 2) + varint(len(sequence) + length)  # sequence_type
        headers.append(type_header + sequence)
        length += len(headers[-1])
    nested = b"".join(reversed(headers))
    assert len(nested) == length
    value_info = field_bytes(1, b"x") + field_bytes(2, nested)
    return varint(1 << 3) + varint(8) + field_bytes(7, field_bytes(11, value_info))


# --- Crashes (libonnx 1.12's shape inference dies before eecc can say anything) -----

def relu_then(node, x_shape, y_shape, initializers=(), opset=OPSET):
    """x -> relu -> r -> `node` -> y: `node` reads an intermediate tensor."""
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu"), node]
    return model(nodes, [tensor_info("x", x_shape)], [tensor_info("y", y_shape)],
                 initializers, opset=opset)


@case("once_crashed_conv_3d_intermediate", "node 'conv_3d' (Conv): input 'r' has rank 3; eecc supports 2-D windows (4-D NCHW)")
def _once_crashed_conv_3d_intermediate(out):
    return relu_then(helper.make_node("Conv", ["r", "w"], ["y"], name="conv_3d"),
                     [1, 1, 4], [1, 1, 4], [weights("w", [1, 1, 1, 1])])


@case("once_crashed_conv_in_if_branch", "node 'conv_in_then' (Conv): input 'x' has rank 3; eecc supports 2-D windows (4-D NCHW)")
def _once_crashed_conv_in_if_branch(out):
    then_graph = helper.make_graph([helper.make_node("Conv", ["x", "w"], ["t"], name="conv_in_then")],
                                   "then", [], [tensor_info("t", [1, 1, 4])])
    else_graph = helper.make_graph([helper.make_node("Identity", ["x"], ["e"], name="else_identity")],
                                   "else", [], [tensor_info("e", [1, 1, 4])])
    node = helper.make_node("If", ["c"], ["y"], name="branch", then_branch=then_graph,
                            else_branch=else_graph)
    return model([node], [tensor_info("x", [1, 1, 4]), tensor_info("c", [], TensorProto.BOOL)],
                 [tensor_info("y", [1, 1, 4])], [weights("w", [1, 1, 1, 1])])


@case("once_crashed_conv_constant_weight_rank5", "node 'conv' (Conv): the weight has rank 5; eecc supports 2-D convolution (rank-4 weights)")
def _once_crashed_conv_constant_weight_rank5(out):
    nodes = [helper.make_node("Constant", [], ["k"], name="kernel",
                              value=numpy_helper.from_array(np.ones((1, 1, 1, 1, 1), np.float32))),
             helper.make_node("Conv", ["x", "k"], ["y"], name="conv")]
    return model(nodes, [tensor_info("x", [1, 1, 4, 4])], [tensor_info("y", [1, 1, 4, 4])])


@case("once_crashed_maxunpool", "node 'unpool' (MaxUnpool): operator 'MaxUnpool' is not supported (see eecc --list-ops)")
def _once_crashed_maxunpool(out):
    node = helper.make_node("MaxUnpool", ["x", "i"], ["y"], name="unpool", kernel_shape=[2, 2])
    return model([node], [tensor_info("x", [1, 1, 2, 2])], [tensor_info("y", [1, 1, 4, 4])],
                 [ints("i", [0])])


@case("once_crashed_stft_scalar", "node 'stft' (STFT): operator 'STFT' is not supported (see eecc --list-ops)")
def _once_crashed_stft_scalar(out):
    return relu_then(helper.make_node("STFT", ["r", "step"], ["y"], name="stft"), [], [],
                     [ints("step", 1)], opset=17)


# --- Early exits ----------------------------------------------------------------

@case("threshold_nan", "threshold_nan.onnx: error: metadata eecc.thresholds item 'nan' is not a finite number")
def _threshold_nan(out):
    return two_exit({"eecc.criterion": "max_softmax", "eecc.thresholds": "0.5, nan"})


@case("threshold_inf", "threshold_inf.onnx: error: metadata eecc.thresholds item 'inf' is not a finite number")
def _threshold_inf(out):
    return two_exit({"eecc.criterion": "entropy", "eecc.thresholds": "inf, 0.5"})


@case("threshold_garbage", "metadata eecc.thresholds item '0.5x' is not a finite number")
def _threshold_garbage(out):
    return two_exit({"eecc.criterion": "entropy", "eecc.thresholds": "0.5x, 0.5"})


@case("threshold_empty_items", "threshold_empty_items.onnx: error: metadata eecc.thresholds ',,,' "
      "holds no number")
def _threshold_empty_items(out):
    return two_exit({"eecc.criterion": "entropy", "eecc.thresholds": ",,,"})



@case("threshold_max_softmax_above_1", "threshold_max_softmax_above_1.onnx: error: node 'head1_fc': "
      "exit 1 (output 'exit1'): threshold 1.5 is outside [0, 1] for criterion "
      "max_softmax with 4 classes (from the model's eecc.thresholds")
def _threshold_max_softmax_above_1(out):
    return two_exit({"eecc.criterion": "max_softmax", "eecc.thresholds": "0.5, 1.5"})


@case("threshold_negative_entropy", "(output 'exit0'): threshold -0.25 is outside [0, 1.38629] "
      "for criterion entropy with 4 classes")
def _threshold_negative_entropy(out):
    return two_exit({"eecc.criterion": "entropy", "eecc.thresholds": "-0.25, 0.5"})


@case("threshold_margin_negative", "(output 'exit1'): threshold -2 is outside [0, 1] for criterion "
      "margin with 4 classes")
def _threshold_margin_negative(out):
    return two_exit({"eecc.criterion": "margin", "eecc.thresholds": "0.1, -2"})


@case("criterion_unknown", "criterion_unknown.onnx: error: metadata eecc.criterion 'confidence' "
      "is not one of entropy, max_softmax, margin")
def _criterion_unknown(out):
    return two_exit({"eecc.criterion": "confidence", "eecc.thresholds": "0.5, 0.5"})


@case("if_threshold_nan", "if_threshold_nan.onnx: error: If node 'early_exit': its condition (node "
      "'decision_compare') compares with the threshold 'thr' = nan, which is not a finite number")
def _if_threshold_nan(out):
    """if max(softmax(exit0)) > NaN: exit0 else final, the If-encoded form."""
    m = two_exit()
    then_graph = helper.make_graph(
        [helper.make_node("Identity", ["exit0"], ["then_out"], name="then_identity")],
        "then", [], [tensor_info("then_out", [1, 4])])
    else_graph = helper.make_graph(
        [helper.make_node("Identity", ["final"], ["else_out"], name="else_identity")],
        "else", [], [tensor_info("else_out", [1, 4])])
    m.graph.node.extend([
        helper.make_node("Softmax", ["exit0"], ["prob"], name="decision_softmax", axis=1),
        helper.make_node("ReduceMax", ["prob"], ["conf"], name="decision_max", keepdims=0),
        helper.make_node("Constant", [], ["thr"], name="decision_threshold",
                         value=numpy_helper.from_array(np.array(np.nan, np.float32))),
        helper.make_node("Greater", ["conf", "thr"], ["cond"], name="decision_compare"),
        helper.make_node("If", ["cond"], ["logits"], name="early_exit",
                         then_branch=then_graph, else_branch=else_graph),
    ])
    m.graph.ClearField("output")
    m.graph.output.extend([tensor_info("logits", [1, 4])])
    return m


@case("no_exits", "", exit=0)
def _no_exits(out):
    return classifier()  # a plain single-output classifier


@case("two_exits", "", exit=0)
def _two_exits(out):
    return two_exit({"eecc.criterion": "max_softmax", "eecc.thresholds": "0.9, 0.8"})


# --- External data --------------------------------------------------------------
# The models live in ext/ beside weights.bin (4 bytes: one float); secret.bin sits in
# the directory above, where no location may reach.

def external(location, offset=None, length=None, dims=(1, 1, 1, 1), extra=()):
    w = TensorProto()
    w.name, w.data_type = "w", TensorProto.FLOAT
    w.dims.extend(dims)
    w.data_location = TensorProto.EXTERNAL
    entries = [] if location is None else [("location", location)]
    entries += [(k, str(v)) for k, v in (("offset", offset), ("length", length)) if v is not None]
    entries += list(extra)
    for key, value in entries:
        e = w.external_data.add()
        e.key, e.value = key, value
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv"),
             helper.make_node("Flatten", ["c"], ["y"], name="flatten")]
    return model(nodes, [tensor_info("x", [1, 1, 2, 2])], [tensor_info("y", [1, 4])], [w])


def ext_case(name, expect, exit=1, finding=None, **kwargs):
    case(name, expect, exit=exit, finding=finding, file=f"ext/{name}.onnx")(
        lambda out: external(**kwargs))


ext_case("ext_ok", "", exit=0, location="weights.bin")
ext_case("ext_traversal", "ext_traversal.onnx: error: initializer: tensor 'w' external data "
         "location '../secret.bin' leaves the model's directory", location="../secret.bin")
ext_case("ext_traversal_inner", "tensor 'w' external data location 'subdir/../../secret.bin' "
         "leaves the model's directory", location="subdir/../../secret.bin")
ext_case("ext_absolute", "tensor 'w' external data location '/etc/hostname' must be a relative path",
         location="/etc/hostname")
ext_case("ext_backslash", "tensor 'w' external data location '..\\secret.bin' must be a relative path",
         location="..\\secret.bin")
ext_case("ext_symlink", "tensor 'w' external data file 'link.bin' is a symbolic link",
         location="link.bin")
ext_case("ext_symlinked_directory", "tensor 'w' external data file 'linkdir/secret.bin' resolves "
         "outside the model's directory", location="linkdir/secret.bin")
ext_case("ext_missing_file", "tensor 'w' cannot read external data file 'absent.bin'",
         location="absent.bin")
ext_case("ext_directory", "tensor 'w' external data file 'subdir' is not a regular file",
         location="subdir")
ext_case("ext_fifo", "tensor 'w' external data file 'fifo.bin' is not a regular file",
         location="fifo.bin")
ext_case("ext_no_location", "tensor 'w' external data has no location", location=None)
ext_case("ext_offset_past_end", "tensor 'w' external data range [1000, end of file) is outside "
         "'weights.bin' (4 bytes)", location="weights.bin", offset=1000)
ext_case("ext_length_past_end", "tensor 'w' external data range [0, +1000) is outside "
         "'weights.bin' (4 bytes)", location="weights.bin", offset=0, length=1000)
ext_case("ext_length_overflow", "tensor 'w' external data range [2, +9223372036854775807) is "
         "outside 'weights.bin' (4 bytes)", location="weights.bin", offset=2, length=2**63 - 1)
ext_case("ext_negative_offset", "tensor 'w' external data offset '-4' is not a non-negative integer",
         location="weights.bin", offset=-4)
ext_case("ext_length_not_a_number", "tensor 'w' external data length '4 bytes' is not a "
         "non-negative integer", location="weights.bin", length="4 bytes")
ext_case("ext_size_mismatch", "tensor 'w' holds 4 bytes of data but its shape needs 8",
         location="weights.bin", dims=(2, 1, 1, 1))
ext_case("ext_huge_dims", "initializers of 1099511627776 elements or more exceed the limit of 536870912 elements",
         location="weights.bin", dims=(2**20, 2**20, 1, 1))


def layout_shared_files(out):
    ext = os.path.join(out, "ext")
    os.makedirs(os.path.join(ext, "subdir"))
    np.array([2.0], np.float32).tofile(os.path.join(ext, "weights.bin"))
    np.array([7.0], np.float32).tofile(os.path.join(out, "secret.bin"))
    os.symlink("weights.bin", os.path.join(ext, "link.bin"))
    os.symlink("..", os.path.join(ext, "linkdir"))
    os.mkfifo(os.path.join(ext, "fifo.bin"))  # reading it would block forever
    # Four samples of classifier()'s input.
    rng = np.random.default_rng(4)
    rng.standard_normal((4, 1, 6, 6)).astype(np.float32).tofile(
        os.path.join(out, "calibration_1x1x6x6.bin"))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    if os.path.lexists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    layout_shared_files(out)
    manifest = []
    for entry in CASES:
        result = entry["build"](out)
        if isinstance(result, onnx.ModelProto):
            result = result.SerializeToString()
        if isinstance(result, bytes):
            with open(os.path.join(out, entry["file"]), "wb") as f:
                f.write(result)
        manifest.append({key: value for key, value in entry.items()
                         if key != "build" and value is not None})
    names = [entry["name"] for entry in manifest]
    assert len(names) == len(set(names)), "duplicate case names"
    with open(os.path.join(out, "cases.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
