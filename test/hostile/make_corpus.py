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
stderr), optional args (extra eecc options) and finding.
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


def case(name, expect, exit=1, args=(), finding=None, file=None):
    """Registers a builder: it returns the model (ModelProto or bytes) to write to
    FILE (default NAME.onnx), or None when it lays out its files itself."""
    def register(build):
        CASES.append(dict(name=name, file=file or name + ".onnx", exit=exit, expect=expect,
                          args=list(args), finding=finding, build=build))
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
    return str(relu_model()).encode()  # the text format of a valid model


@case("trailing_garbage", "trailing_garbage.onnx: error: not a valid ONNX protobuf")
def _trailing_garbage(out):
    return classifier().SerializeToString() + b"\xff\xff\xff\xff"


@case("length_overflow", "length_overflow.onnx: error: not a valid ONNX protobuf")
def _length_overflow(out):
    # A graph field that claims 2 GiB - 1 bytes and holds 8.
    return varint(8) + varint(8) + varint(7 << 3 | 2) + varint(2**31 - 1) + b"\x00" * 8


@case("directory", "directory.onnx: not a regular file")
def _directory(out):
    os.makedirs(os.path.join(out, "directory.onnx"), exist_ok=True)


@case("missing", "missing.onnx: No such file or directory")
def _missing(out):
    return None


# --- Versions and operator sets -------------------------------------------------

@case("no_ir_version", "no_ir_version.onnx: error: the ONNX checker rejects the model")
def _no_ir_version(out):
    m = classifier()
    m.ClearField("ir_version")
    return m


@case("old_ir_version", "old_ir_version.onnx: error: the ONNX checker rejects the model")
def _old_ir_version(out):
    m = classifier()
    m.ir_version = 2
    return m


@case("future_ir_version", "future_ir_version.onnx: error: the ONNX checker rejects the model")
def _future_ir_version(out):
    m = classifier()
    m.ir_version = 99
    return m


@case("no_opset_import", "no_opset_import.onnx: error: opset 0 is not supported")
def _no_opset_import(out):
    m = classifier()
    m.ClearField("opset_import")
    return m


@case("future_opset", "future_opset.onnx: error: opset 99 is not supported")
def _future_opset(out):
    return classifier_with_opset(99)


def classifier_with_opset(version):
    m = classifier()
    m.opset_import[0].version = version
    return m


@case("duplicate_opset_import", "imports the default operator set more than once")
def _duplicate_opset_import(out):
    m = classifier()
    m.opset_import.extend([helper.make_opsetid("ai.onnx", 11)])
    return m


@case("unknown_domain", "unknown_domain.onnx: error: operator domain 'com.example.evil' is not supported")
def _unknown_domain(out):
    m = classifier()
    m.opset_import.extend([helper.make_opsetid("com.example.evil", 1)])
    return m


@case("custom_op", "custom_op.onnx: error: operator domain 'com.example.evil' is not supported")
def _custom_op(out):
    m = classifier()
    m.graph.node[1].op_type, m.graph.node[1].domain = "Frobnicate", "com.example.evil"
    m.opset_import.extend([helper.make_opsetid("com.example.evil", 1)])
    return m


@case("custom_op_unimported", "custom_op_unimported.onnx: error: the ONNX checker rejects")
def _custom_op_unimported(out):
    m = classifier()
    m.graph.node[1].op_type, m.graph.node[1].domain = "FusedConv", "com.microsoft"
    return m


# --- Graph structure ------------------------------------------------------------

@case("cycle", "cycle.onnx: error: the ONNX checker rejects the model")
def _cycle(out):
    nodes = [helper.make_node("Add", ["x", "b"], ["a"], name="add"),
             helper.make_node("Relu", ["a"], ["b"], name="relu")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("b", [1, 4])])


@case("self_loop", "self_loop.onnx: error: the ONNX checker rejects the model")
def _self_loop(out):
    nodes = [helper.make_node("Add", ["x", "a"], ["a"], name="add_self")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("a", [1, 4])])


@case("unsorted_nodes", "unsorted_nodes.onnx: error: the ONNX checker rejects the model")
def _unsorted_nodes(out):
    m = classifier()
    nodes = list(m.graph.node)
    m.graph.ClearField("node")
    m.graph.node.extend(reversed(nodes))
    return m


@case("undefined_input", "undefined_input.onnx: error: the ONNX checker rejects the model")
def _undefined_input(out):
    nodes = [helper.make_node("Add", ["x", "nowhere"], ["y"], name="add_ghost")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("y", [1, 4])])


@case("duplicate_output", "duplicate_output.onnx: error: the ONNX checker rejects the model")
def _duplicate_output(out):
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu_a"),
             helper.make_node("Sigmoid", ["x"], ["y"], name="sigmoid_b")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("y", [1, 4])])


@case("output_shadows_input", "output_shadows_input.onnx: error: the ONNX checker rejects")
def _output_shadows_input(out):
    nodes = [helper.make_node("Relu", ["x"], ["x"], name="relu_in_place")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("x", [1, 4])])


@case("empty_graph", "empty_graph.onnx: error: ")
def _empty_graph(out):
    return model([], [tensor_info("x", [1, 4])], [tensor_info("x", [1, 4])])


@case("no_outputs", "no_outputs.onnx: error: ")
def _no_outputs(out):
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    return model(nodes, [tensor_info("x", [1, 4])], [])


@case("output_not_produced", "output_not_produced.onnx: error: ")
def _output_not_produced(out):
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("y", [1, 4]),
                                                    tensor_info("ghost", [1, 4])])


@case("empty_required_input", "node 'conv' (Conv)")
def _empty_required_input(out):
    nodes = [helper.make_node("Conv", ["x", ""], ["y"], name="conv")]
    return model(nodes, [tensor_info("x", [1, 1, 4, 4])], [tensor_info("y", [1, 1, 4, 4])])


# --- Attributes -----------------------------------------------------------------

@case("missing_required_attribute", "Concat")
def _missing_required_attribute(out):
    nodes = [helper.make_node("Concat", ["x", "x"], ["y"], name="concat_no_axis")]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("y", [1, 8])])


@case("wrong_typed_attribute", "conv")
def _wrong_typed_attribute(out):
    m = classifier()
    conv = m.graph.node[0]
    del conv.attribute[:]
    conv.attribute.extend([helper.make_attribute("strides", [1.0, 1.0]),
                           helper.make_attribute("pads", [1, 1, 1, 1])])
    return m


@case("string_attribute_for_int", "flatten")
def _string_attribute_for_int(out):
    m = classifier()
    m.graph.node[3].attribute.extend([helper.make_attribute("axis", "one")])
    return m


@case("zero_strides_pool", "node 'pool_zero_stride' (MaxPool): 'strides' value 0 is out of range")
def _zero_strides_pool(out):
    nodes = [helper.make_node("MaxPool", ["x"], ["y"], name="pool_zero_stride",
                              kernel_shape=[2, 2], strides=[0, 0])]
    return model(nodes, [tensor_info("x", [1, 1, 4, 4])], [tensor_info("y", [1, 1, 2, 2])])


@case("zero_dilations", "node 'conv' (Conv): 'dilations' value 0 is out of range")
def _zero_dilations(out):
    return classifier(dilations=[0, 0])


@case("negative_pads", "node 'conv' (Conv): 'pads' value -1 is out of range")
def _negative_pads(out):
    return classifier(pads=[-1, 0, 0, 0])


@case("huge_pads", "node 'conv' (Conv): 'pads'")
def _huge_pads(out):
    return classifier(pads=[2**40, 0, 0, 0])


@case("kernel_larger_than_input", "conv")
def _kernel_larger_than_input(out):
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_big_kernel")]
    return model(nodes, [tensor_info("x", [1, 1, 2, 2])], [tensor_info("y", [1, 1, 1, 1])],
                 [weights("w", [1, 1, 5, 5])])


@case("group_not_dividing", "conv_group3")
def _group_not_dividing(out):
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_group3", group=3)]
    return model(nodes, [tensor_info("x", [1, 4, 4, 4])], [tensor_info("y", [1, 3, 4, 4])],
                 [weights("w", [3, 1, 1, 1])])


@case("group_zero", "conv_group0")
def _group_zero(out):
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_group0", group=0)]
    return model(nodes, [tensor_info("x", [1, 4, 4, 4])], [tensor_info("y", [1, 4, 4, 4])],
                 [weights("w", [4, 4, 1, 1])])


@case("conv_on_2d_tensor", "conv_2d_input")
def _conv_on_2d_tensor(out):
    # The Conv reads an intermediate 2-D tensor, not a graph input.
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu"),
             helper.make_node("Conv", ["r", "w"], ["y"], name="conv_2d_input",
                              kernel_shape=[1, 1])]
    return model(nodes, [tensor_info("x", [1, 4])], [tensor_info("y", [1, 1, 1, 1])],
                 [weights("w", [1, 4, 1, 1])])


# --- Shapes ---------------------------------------------------------------------

@case("negative_dim_input", "input 'x'")
def _negative_dim_input(out):
    return relu_model((1, 4), y_shape=(1, 4)) if False else _with_input_dims([1, -3])


def _with_input_dims(dims, y_dims=None):
    m = relu_model((1, 4))
    shape = m.graph.input[0].type.tensor_type.shape
    for d, value in zip(shape.dim, dims):
        d.dim_value = value
    out_shape = m.graph.output[0].type.tensor_type.shape
    for d, value in zip(out_shape.dim, y_dims or dims):
        d.dim_value = value
    return m


@case("zero_dim_input", "input 'x'")
def _zero_dim_input(out):
    return _with_input_dims([1, 0])


@case("huge_dim_input", "input 'x'")
def _huge_dim_input(out):
    return _with_input_dims([1, 2**31])


@case("overflow_dims_input", "input 'x'")
def _overflow_dims_input(out):
    m = relu_model((1, 4, 4, 4))
    for shape in (m.graph.input[0].type.tensor_type.shape,
                  m.graph.output[0].type.tensor_type.shape):
        for d in list(shape.dim)[1:]:
            d.dim_value = 2**62
    return m


@case("negative_dim_initializer", "tensor 'w' has a negative dimension")
def _negative_dim_initializer(out):
    return conv_with_weight(raw_tensor("w", TensorProto.FLOAT, [1, 1, -1, 1], raw=b""))


@case("zero_dim_initializer", "tensor 'w'")
def _zero_dim_initializer(out):
    return conv_with_weight(raw_tensor("w", TensorProto.FLOAT, [0, 1, 1, 1], raw=b""),
                            y_shape=(1, 0, 4, 4))


@case("huge_dim_initializer", "tensor 'w'")
def _huge_dim_initializer(out):
    return conv_with_weight(raw_tensor("w", TensorProto.FLOAT, [2**31, 1, 1, 1], raw=b""),
                            y_shape=(1, 2**31, 4, 4))


@case("overflow_dims_initializer", "tensor 'w'")
def _overflow_dims_initializer(out):
    return conv_with_weight(raw_tensor("w", TensorProto.FLOAT, [2**32, 2**32, 1, 1], raw=b""))


@case("rank_mismatch_output", "rank_mismatch_output.onnx: error: ONNX shape inference fails")
def _rank_mismatch_output(out):
    m = classifier()
    m.graph.output[0].type.tensor_type.shape.dim.add().dim_value = 1
    return m


@case("rank_mismatch_bias", "conv")
def _rank_mismatch_bias(out):
    m = classifier()
    m.graph.initializer[1].CopyFrom(weights("b", [2, 1], seed=1))
    return m


# --- Tensor data ----------------------------------------------------------------

@case("raw_data_short", "tensor 'w' holds 12 bytes of data but its shape needs 72")
def _raw_data_short(out):
    m = classifier()
    m.graph.initializer[0].raw_data = b"\0" * 12
    return m


@case("raw_data_and_float_data", "tensor 'w'")
def _raw_data_and_float_data(out):
    m = classifier()
    m.graph.initializer[0].float_data.extend([0.5] * 18)
    return m


@case("float_data_count", "tensor 'w' holds 5 elements but its shape needs 18")
def _float_data_count(out):
    t = raw_tensor("w", TensorProto.FLOAT, [2, 1, 3, 3], raw=None, float_data=[0.1] * 5)
    m = classifier()
    m.graph.initializer[0].CopyFrom(t)
    return m


@case("complex64_initializer", "tensor 'w' has element type COMPLEX64")
def _complex64_initializer(out):
    return conv_with_weight(numpy_helper.from_array(np.ones((1, 1, 1, 1), np.complex64), "w"))


@case("string_initializer", "tensor 'w' has element type STRING")
def _string_initializer(out):
    t = helper.make_tensor("w", TensorProto.STRING, [1, 1, 1, 1], [b"evil"])
    return conv_with_weight(t)


@case("undefined_dtype_initializer", "tensor 'w'")
def _undefined_dtype_initializer(out):
    return conv_with_weight(raw_tensor("w", TensorProto.UNDEFINED, [1, 1, 1, 1], raw=b"\0" * 4))


@case("int64_weight", "node 'conv' (Conv)")
def _int64_weight(out):
    return conv_with_weight(ints("w", [1]).__class__() if False else
                            numpy_helper.from_array(np.ones((1, 1, 1, 1), np.int64), "w"))


@case("nan_weights", "nan_weights.onnx: warning", exit=0)
def _nan_weights(out):
    m = classifier()
    w = numpy_helper.to_array(m.graph.initializer[0]).copy()
    w[0, 0, 1, 1] = np.nan
    m.graph.initializer[0].CopyFrom(numpy_helper.from_array(w, "w"))
    return m


@case("inf_weights", "inf_weights.onnx: warning", exit=0)
def _inf_weights(out):
    m = classifier()
    b = np.array([np.inf, -np.inf], np.float32)
    m.graph.initializer[1].CopyFrom(numpy_helper.from_array(b, "b"))
    return m


# --- Nesting --------------------------------------------------------------------

def nested_if(depth):
    """An If whose then branch holds an If whose then branch ... `depth` deep."""
    def level(d):
        if d == 0:
            return helper.make_graph([helper.make_node("Identity", ["x"], ["out0"],
                                                       name="leaf")],
                                     "leaf", [], [tensor_info("out0", [1, 4])])
        inner = level(d - 1)
        else_graph = helper.make_graph([helper.make_node("Relu", ["x"], [f"e{d}"],
                                                         name=f"else{d}")],
                                       f"else{d}", [], [tensor_info(f"e{d}", [1, 4])])
        node = helper.make_node("If", ["cond"], [f"out{d}"], name=f"if{d}",
                                then_branch=inner, else_branch=else_graph)
        return helper.make_graph([node], f"then{d}", [], [tensor_info(f"out{d}", [1, 4])])
    body = level(depth)
    return model(list(body.node), [tensor_info("x", [1, 4]),
                                   tensor_info("cond", [], TensorProto.BOOL)],
                 [tensor_info(f"out{depth}", [1, 4])])


@case("if_nested_200", "if_nested_200.onnx: error: not a valid ONNX protobuf")
def _if_nested_200(out):
    return nested_if(200)


@case("if_nested_15", "if_nested_15.onnx: error: ")
def _if_nested_15(out):
    return nested_if(15)  # 47 message levels: under the parser's limit


@case("protobuf_nesting_100000", "protobuf_nesting_100000.onnx: error: not a valid ONNX protobuf")
def _protobuf_nesting(out):
    # graph.input[0].type = sequence(sequence(... 100000 deep)): TypeProto field
    # sequence_type (4) -> Sequence.elem_type (1) -> TypeProto ...
    inner = b""
    for _ in range(100000):
        inner = field_bytes(4, field_bytes(1, inner))
    value_info = field_bytes(1, b"x") + field_bytes(2, inner)
    graph = field_bytes(11, value_info)
    return varint(1 << 3) + varint(8) + field_bytes(7, graph)


# --- Early exits ----------------------------------------------------------------

@case("threshold_nan", "metadata eecc.thresholds item 'nan' is not a finite number")
def _threshold_nan(out):
    return two_exit({"eecc.criterion": "max_softmax", "eecc.thresholds": "0.5, nan"})


@case("threshold_inf", "metadata eecc.thresholds item 'inf' is not a finite number")
def _threshold_inf(out):
    return two_exit({"eecc.criterion": "entropy", "eecc.thresholds": "inf, 0.5"})


@case("threshold_garbage", "metadata eecc.thresholds item '0.5x' is not a finite number")
def _threshold_garbage(out):
    return two_exit({"eecc.criterion": "entropy", "eecc.thresholds": "0.5x, 0.5"})


@case("threshold_max_softmax_above_1", "1.5")
def _threshold_max_softmax_above_1(out):
    return two_exit({"eecc.criterion": "max_softmax", "eecc.thresholds": "0.5, 1.5"})


@case("threshold_negative_entropy", "-0.25")
def _threshold_negative_entropy(out):
    return two_exit({"eecc.criterion": "entropy", "eecc.thresholds": "-0.25, 0.5"})


@case("threshold_margin_negative", "-2")
def _threshold_margin_negative(out):
    return two_exit({"eecc.criterion": "margin", "eecc.thresholds": "0.1, -2"})


@case("criterion_unknown", "metadata eecc.criterion 'confidence' is not one of entropy, max_softmax, margin")
def _criterion_unknown(out):
    return two_exit({"eecc.criterion": "confidence", "eecc.thresholds": "0.5, 0.5"})


@case("no_exits", "", exit=0)
def _no_exits(out):
    return classifier()


@case("two_exits_ok", "", exit=0)
def _two_exits_ok(out):
    return two_exit({"eecc.criterion": "max_softmax", "eecc.thresholds": "0.9, 0.8"})


@case("if_threshold_nan", "if_threshold_nan.onnx: error: ")
def _if_threshold_nan(out):
    """if max(softmax(exit0)) > NaN: exit0 else final (the If-encoded form)."""
    m = two_exit()
    graph = m.graph
    then_graph = helper.make_graph(
        [helper.make_node("Identity", ["exit0"], ["then_out"], name="then_identity")],
        "then", [], [tensor_info("then_out", [1, 4])])
    else_graph = helper.make_graph(
        [helper.make_node("Identity", ["final"], ["else_out"], name="else_identity")],
        "else", [], [tensor_info("else_out", [1, 4])])
    graph.node.extend([
        helper.make_node("Softmax", ["exit0"], ["prob"], name="decision_softmax", axis=1),
        helper.make_node("ReduceMax", ["prob"], ["conf"], name="decision_max", keepdims=0),
        helper.make_node("Constant", [], ["thr"], name="decision_threshold",
                         value=numpy_helper.from_array(np.array(np.nan, np.float32))),
        helper.make_node("Greater", ["conf", "thr"], ["cond"], name="decision_compare"),
        helper.make_node("If", ["cond"], ["logits"], name="early_exit",
                         then_branch=then_graph, else_branch=else_graph),
    ])
    graph.ClearField("output")
    graph.output.extend([tensor_info("logits", [1, 4])])
    return m


# --- External data ------------------------------------------------------------
# The models live in ext/, beside weights.bin (4 bytes: one float); secret.bin sits one
# directory up, where a location may not reach.

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
    return conv_with_weight(w, x_shape=(1, 1, 2, 2), y_shape=(1, 1, 2, 2))


def ext_case(name, expect, exit=1, finding=None, **kwargs):
    def build(out):
        os.makedirs(os.path.join(out, "ext"), exist_ok=True)
        return external(**kwargs)
    case(name, expect, exit=exit, finding=finding, file=f"ext/{name}.onnx")(build)


def layout_external_files(out):
    ext = os.path.join(out, "ext")
    os.makedirs(os.path.join(ext, "subdir"), exist_ok=True)
    with open(os.path.join(ext, "weights.bin"), "wb") as f:
        f.write(np.array([2.0], np.float32).tobytes())
    with open(os.path.join(out, "secret.bin"), "wb") as f:
        f.write(np.array([7.0], np.float32).tobytes())
    for link, target in (("link.bin", "weights.bin"), ("linkdir", "..")):
        if not os.path.lexists(os.path.join(ext, link)):
            os.symlink(target, os.path.join(ext, link))
    fifo = os.path.join(ext, "fifo.bin")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)


ext_case("ext_ok", "", exit=0, location="weights.bin")
ext_case("ext_traversal", "tensor 'w' external data location '../secret.bin' leaves the model's directory",
         location="../secret.bin")
ext_case("ext_traversal_inner", "leaves the model's directory", location="subdir/../../secret.bin")
ext_case("ext_absolute", "tensor 'w' external data location '/etc/hostname' must be a relative path",
         location="/etc/hostname")
ext_case("ext_backslash", "must be a relative path", location="..\\secret.bin")
ext_case("ext_symlink", "tensor 'w' external data file 'link.bin' is a symbolic link",
         location="link.bin")
ext_case("ext_symlinked_directory", "tensor 'w' external data file 'linkdir/secret.bin' resolves outside",
         location="linkdir/secret.bin")
ext_case("ext_missing_file", "tensor 'w' external data file 'absent.bin'", location="absent.bin")
ext_case("ext_directory", "tensor 'w' external data file 'subdir' is not a regular file",
         location="subdir")
ext_case("ext_fifo", "tensor 'w' external data file 'fifo.bin' is not a regular file",
         location="fifo.bin")
ext_case("ext_no_location", "tensor 'w' external data has no location", location=None)
ext_case("ext_offset_past_end", "tensor 'w' external data range [1000, +-1) is outside 'weights.bin'",
         location="weights.bin", offset=1000)
ext_case("ext_length_past_end", "tensor 'w' external data range [0, +1000) is outside 'weights.bin'",
         location="weights.bin", offset=0, length=1000)
ext_case("ext_offset_overflow", "is outside 'weights.bin'",
         location="weights.bin", offset=2, length=2**63 - 1)
ext_case("ext_negative_offset", "tensor 'w' external data offset '-4' is not a non-negative integer",
         location="weights.bin", offset=-4)
ext_case("ext_offset_not_a_number", "tensor 'w' external data length '4 bytes' is not a non-negative integer",
         location="weights.bin", length="4 bytes")
ext_case("ext_size_mismatch", "tensor 'w' holds 4 bytes of data but its shape needs 8",
         location="weights.bin", dims=(2, 1, 1, 1))
ext_case("ext_huge_dims", "tensor 'w' has too many elements",
         location="weights.bin", dims=(2**20, 2**20, 1, 1))


def main():
    out = sys.argv[1]
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    sys.setrecursionlimit(20000)
    layout_external_files(out)
    manifest = []
    for entry in CASES:
        result = entry["build"](out)
        if isinstance(result, onnx.ModelProto):
            result = result.SerializeToString()
        if isinstance(result, bytes):
            with open(os.path.join(out, entry["file"]), "wb") as f:
                f.write(result)
        manifest.append({k: v for k, v in entry.items() if k != "build" and v not in (None, [])})
    with open(os.path.join(out, "cases.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
