#!/usr/bin/python3
"""Writes the small ONNX models the frontend tests import (python3-onnx, no torch).

usage: make_models.py OUTDIR [NAME ...]   (default: every model)
Each model is a function below; weights are deterministic.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13


def weights(name, shape, scale=0.1, seed=0):
    rng = np.random.default_rng(abs(hash(name)) % 2**32 if seed is None else seed)
    return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)


def ints(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def tensor_info(name, shape, elem=TensorProto.FLOAT):
    """A typed value; shape None is filled in by ONNX shape inference in model()."""
    return helper.make_tensor_value_info(name, elem, shape)


def model(nodes, inputs, outputs, initializers=(), opset=OPSET, name="g", metadata=None):
    graph = helper.make_graph(nodes, name, inputs, outputs, list(initializers))
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                          producer_name="eecc-tests")
    m.ir_version = 8
    # The checker wants output shapes: take them from shape inference where it can
    # (not for models whose outputs are all given: some crash libonnx on purpose).
    known = {}
    if any(not o.type.tensor_type.HasField("shape") for o in m.graph.output):
        try:
            inferred = onnx.shape_inference.infer_shapes(m)
            known = {v.name: v for v in list(inferred.graph.value_info) + list(inferred.graph.output)}
        except Exception:
            pass
    for output in m.graph.output:
        if not output.type.tensor_type.HasField("shape"):
            source = known.get(output.name)
            if source is not None and source.type.tensor_type.HasField("shape"):
                output.type.CopyFrom(source.type)
            else:
                output.type.tensor_type.shape.dim.add().dim_value = 1
    for key, value in (metadata or {}).items():
        entry = m.metadata_props.add()
        entry.key, entry.value = key, value
    return m


# --- Layers -------------------------------------------------------------------

def conv_variants():
    x = tensor_info("x", [1, 4, 9, 9])
    nodes = [
        helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], name="conv_pads",
                         pads=[1, 0, 0, 1], strides=[2, 2], kernel_shape=[3, 3]),
        helper.make_node("Conv", ["x", "w2"], ["c2"], name="conv_grouped_dilated",
                         group=2, dilations=[2, 2]),
        helper.make_node("Conv", ["x", "w3"], ["c3"], name="conv_same_upper",
                         auto_pad="SAME_UPPER", strides=[2, 2]),
        helper.make_node("Conv", ["x", "w3"], ["c4"], name="conv_valid", auto_pad="VALID"),
    ]
    inits = [weights("w1", [6, 4, 3, 3]), weights("b1", [6]), weights("w2", [6, 2, 3, 3]),
             weights("w3", [2, 4, 2, 2])]
    outs = [tensor_info(n, None) for n in ["c1", "c2", "c3", "c4"]]
    return model(nodes, [x], outs, inits)


def gemm_variants():
    x = tensor_info("x", [1, 8])
    nodes = [
        helper.make_node("Gemm", ["x", "wt", "c"], ["g1"], name="gemm_transB", transB=1),
        helper.make_node("Gemm", ["x", "w", "crow"], ["g2"], name="gemm_alpha_beta",
                         alpha=2.0, beta=0.5),
        helper.make_node("Gemm", ["x", "w", "cscalar"], ["g3"], name="gemm_scalar_bias"),
        helper.make_node("MatMul", ["x", "w"], ["m"], name="matmul"),
        helper.make_node("Add", ["m", "c"], ["g4"], name="matmul_bias"),
    ]
    w = np.arange(8 * 3, dtype=np.float32).reshape(8, 3) / 10
    inits = [numpy_helper.from_array(w, "w"), numpy_helper.from_array(w.T.copy(), "wt"),
             numpy_helper.from_array(np.array([1, 2, 3], np.float32), "c"),
             numpy_helper.from_array(np.array([[1, 2, 3]], np.float32), "crow"),
             numpy_helper.from_array(np.array([5], np.float32), "cscalar")]
    outs = [tensor_info(n, None) for n in ["g1", "g2", "g3", "g4"]]
    return model(nodes, [x], outs, inits)


def layer_zoo():
    """Every other supported operator once, in a chain."""
    x = tensor_info("x", [1, 3, 8, 8])
    nodes = [
        helper.make_node("BatchNormalization", ["x", "s", "bb", "mean", "var"], ["bn"],
                         name="bn", epsilon=1e-3),
        helper.make_node("LeakyRelu", ["bn"], ["lr"], name="leaky", alpha=0.2),
        helper.make_node("Clip", ["lr", "lo", "hi"], ["cl"], name="relu6"),
        helper.make_node("LRN", ["cl"], ["lrn"], name="lrn", size=3, alpha=2e-4, beta=0.5,
                         bias=2.0),
        helper.make_node("MaxPool", ["lrn"], ["mp"], name="maxpool_ceil",
                         kernel_shape=[3, 3], strides=[2, 2], ceil_mode=1),
        helper.make_node("AveragePool", ["lrn"], ["ap"], name="avgpool_pad",
                         kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1],
                         count_include_pad=1),
        helper.make_node("Concat", ["mp", "ap"], ["cat"], name="concat", axis=1),
        helper.make_node("Constant", [], ["padding"], name="pads_const",
                         value=numpy_helper.from_array(np.array([0, 0, 1, 1, 0, 0, 1, 1], np.int64))),
        helper.make_node("Pad", ["cat", "padding", "padval"], ["pad"], name="pad"),
        helper.make_node("Dropout", ["pad"], ["drop"], name="dropout"),
        helper.make_node("Identity", ["drop"], ["ident"], name="identity"),
        helper.make_node("GlobalAveragePool", ["ident"], ["gap"], name="gap"),
        helper.make_node("Reshape", ["gap", "shape"], ["rs"], name="reshape"),
        helper.make_node("Flatten", ["rs"], ["flat"], name="flatten", axis=1),
        helper.make_node("Relu", ["flat"], ["relu"], name="relu"),
        helper.make_node("Softmax", ["relu"], ["y"], name="softmax", axis=-1),
    ]
    inits = [weights("s", [3]), weights("bb", [3]), weights("mean", [3]),
             numpy_helper.from_array(np.ones(3, np.float32), "var"),
             numpy_helper.from_array(np.array(0.0, np.float32), "lo"),
             numpy_helper.from_array(np.array(6.0, np.float32), "hi"),
             numpy_helper.from_array(np.array(-1.0, np.float32), "padval"),
             ints("shape", [0, -1, 1, 1])]
    return model(nodes, [x], [tensor_info("y", None)], inits)


def raw_initializer():
    """Weights stored as raw_data, consumed by Conv."""
    x = tensor_info("x", [1, 1, 2, 2])
    w = numpy_helper.from_array(np.full((1, 1, 1, 1), 3.0, np.float32), "w")
    assert w.HasField("raw_data")
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="scale3")]
    return model(nodes, [x], [tensor_info("y", None)], [w])


def batch_symbolic():
    x = tensor_info("x", ["N", 4])
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    return model(nodes, [x], [tensor_info("y", ["N", 4])])


# --- Early-exit networks ------------------------------------------------------

def _stage0_and_exit0():
    """x [1,1,12,12] -> conv+relu (s0) -> exit0 logits [1,10]; nodes and weights."""
    nodes = [
        helper.make_node("Conv", ["x", "w0"], ["s0c"], name="stage0_conv", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["s0c"], ["s0"], name="stage0_relu"),
        helper.make_node("GlobalAveragePool", ["s0"], ["e0p"], name="exit0_pool"),
        helper.make_node("Flatten", ["e0p"], ["e0f"], name="exit0_flatten"),
        helper.make_node("Gemm", ["e0f", "we0", "be0"], ["exit0"], name="exit0_fc", transB=1),
    ]
    inits = [weights("w0", [4, 1, 3, 3]), weights("we0", [10, 4]), weights("be0", [10])]
    return nodes, inits


def two_exit_net(metadata=None, outputs_order=("exit0", "exit1", "final")):
    """conv -> [exit0] -> conv -> [exit1] -> conv -> final, every exit a graph output."""
    x = tensor_info("x", [1, 1, 12, 12])
    first_nodes, first_inits = _stage0_and_exit0()
    nodes = first_nodes + [
        helper.make_node("Conv", ["s0", "w1"], ["s1c"], name="stage1_conv", strides=[2, 2]),
        helper.make_node("Relu", ["s1c"], ["s1"], name="stage1_relu"),
        helper.make_node("GlobalAveragePool", ["s1"], ["e1p"], name="exit1_pool"),
        helper.make_node("Flatten", ["e1p"], ["e1f"], name="exit1_flatten"),
        helper.make_node("Gemm", ["e1f", "we1", "be1"], ["exit1"], name="exit1_fc", transB=1),
        helper.make_node("Conv", ["s1", "w2"], ["s2c"], name="stage2_conv"),
        helper.make_node("MaxPool", ["s2c"], ["s2p"], name="stage2_pool", kernel_shape=[2, 2],
                         strides=[2, 2]),
        helper.make_node("Flatten", ["s2p"], ["s2f"], name="final_flatten"),
        helper.make_node("Gemm", ["s2f", "wf", "bf"], ["final"], name="final_fc", transB=1),
    ]
    inits = first_inits + [
             weights("w1", [8, 4, 3, 3]), weights("we1", [10, 8]), weights("be1", [10]),
             weights("w2", [8, 8, 3, 3]), weights("wf", [10, 8]), weights("bf", [10])]
    outs = [tensor_info(name, [1, 10]) for name in outputs_order]
    return model(nodes, [x], outs, inits, metadata=metadata)


def two_exit_metadata():
    return two_exit_net({"eecc.criterion": "entropy", "eecc.thresholds": "0.5, 1.25"})


def exits_out_of_order():
    return two_exit_net(outputs_order=("exit1", "exit0", "final"))


def final_named_first():
    return two_exit_net(outputs_order=("final", "exit0", "exit1"))


def exit_ends_in_softmax():
    """two_exit_net whose exit0 returns probabilities (Softmax after its Gemm), with a
    bias that makes class 0 certain: its max-softmax is ~1, but a second softmax over
    those probabilities is at most e/(e+9) = 0.23, below the threshold 0.5."""
    m = two_exit_net({"eecc.criterion": "max_softmax", "eecc.thresholds": "0.5, 0.99"})
    for i, init in enumerate(m.graph.initializer):
        if init.name == "be0":
            bias = np.zeros(10, np.float32)
            bias[0] = 20.0
            m.graph.initializer[i].CopyFrom(numpy_helper.from_array(bias, "be0"))
    m.graph.node.append(helper.make_node("Softmax", ["exit0"], ["exit0_prob"],
                                         name="exit0_softmax", axis=1))
    m.graph.output[0].name = "exit0_prob"
    return m


def if_exit_net(threshold=0.8, op="Greater"):
    """if max(softmax(exit0)) > t: return exit0 else: return final  (torch.jit.script style)."""
    x = tensor_info("x", [1, 1, 12, 12])
    then_graph = helper.make_graph(
        [helper.make_node("Identity", ["exit0"], ["then_out"], name="then_identity")],
        "then", [], [tensor_info("then_out", [1, 10])])
    else_graph = helper.make_graph(
        [helper.make_node("Conv", ["s0", "w1"], ["s1c"], name="stage1_conv", strides=[2, 2]),
         helper.make_node("Relu", ["s1c"], ["s1"], name="stage1_relu"),
         helper.make_node("GlobalAveragePool", ["s1"], ["fp"], name="final_pool"),
         helper.make_node("Flatten", ["fp"], ["ff"], name="final_flatten"),
         helper.make_node("Gemm", ["ff", "wf", "bf"], ["else_out"], name="final_fc", transB=1)],
        "else", [], [tensor_info("else_out", [1, 10])])
    first_nodes, first_inits = _stage0_and_exit0()
    nodes = first_nodes + [
        helper.make_node("Softmax", ["exit0"], ["prob"], name="decision_softmax", axis=1),
        helper.make_node("ReduceMax", ["prob"], ["conf"], name="decision_max", keepdims=0),
        helper.make_node("Constant", [], ["thr"], name="decision_threshold",
                         value=numpy_helper.from_array(np.array(threshold, np.float32))),
        helper.make_node(op, ["conf", "thr"], ["cond"], name="decision_compare"),
        helper.make_node("If", ["cond"], ["logits"], name="early_exit",
                         then_branch=then_graph, else_branch=else_graph),
    ]
    inits = first_inits + [weights("w1", [8, 4, 3, 3]), weights("wf", [10, 8]), weights("bf", [10])]
    return model(nodes, [x], [tensor_info("logits", [1, 10])], inits)


def _index(name, value):
    return helper.make_node("Constant", [], [name], name=name + "_const",
                            value=numpy_helper.from_array(np.array([value], np.int64)))


def if_exit_with_index(then_index=None, unnamed=False):
    """if_exit_net whose If returns (logits, exit index), as torch.jit.script of
    `return logits, exit_id` exports it; then_index replaces the then branch's index."""
    m = if_exit_net()
    if_node = [n for n in m.graph.node if n.op_type == "If"][0]
    for attribute in if_node.attribute:
        branch = attribute.g
        index = 0 if attribute.name == "then_branch" else 1
        out = f"{'then' if index == 0 else 'else'}_id"
        if index == 0 and then_index is not None:
            branch.node.append(then_index(out))
        else:
            branch.node.append(_index(out, index))
        branch.output.append(tensor_info(out, [1], TensorProto.INT64))
    if_node.output.append("exit_taken")
    if unnamed:
        if_node.name = ""
    m.graph.output.append(tensor_info("exit_taken", [1], TensorProto.INT64))
    return m


def if_two_exits_with_index():
    """Two nested If exits, each returning (logits, exit index):
    if conf(exit0) > 0.1125: (exit0, 0) else: [stage 1; if conf(exit1) > 0.1134: (exit1, 1)
    else: (final, 2)] (thresholds amid the untrained confidences: every exit is taken)."""
    x = tensor_info("x", [1, 1, 12, 12])
    first_nodes, first_inits = _stage0_and_exit0()

    def decision(prefix, logits, threshold):
        return [
            helper.make_node("Softmax", [logits], [prefix + "_prob"], name=prefix + "_softmax", axis=1),
            helper.make_node("ReduceMax", [prefix + "_prob"], [prefix + "_conf"], name=prefix + "_max",
                             keepdims=0),
            helper.make_node("Constant", [], [prefix + "_thr"], name=prefix + "_threshold",
                             value=numpy_helper.from_array(np.array(threshold, np.float32))),
            helper.make_node("Greater", [prefix + "_conf", prefix + "_thr"], [prefix + "_cond"],
                             name=prefix + "_compare")]

    inner_then = helper.make_graph(
        [helper.make_node("Identity", ["exit1"], ["t1_out"], name="t1_identity"), _index("t1_id", 1)],
        "then1", [], [tensor_info("t1_out", [1, 10]), tensor_info("t1_id", [1], TensorProto.INT64)])
    inner_else = helper.make_graph(
        [helper.make_node("GlobalAveragePool", ["s1"], ["fp"], name="final_pool"),
         helper.make_node("Flatten", ["fp"], ["ff"], name="final_flatten"),
         helper.make_node("Gemm", ["ff", "wf", "bf"], ["e1_out"], name="final_fc", transB=1),
         _index("e1_id", 2)],
        "else1", [], [tensor_info("e1_out", [1, 10]), tensor_info("e1_id", [1], TensorProto.INT64)])
    outer_then = helper.make_graph(
        [helper.make_node("Identity", ["exit0"], ["t0_out"], name="t0_identity"), _index("t0_id", 0)],
        "then0", [], [tensor_info("t0_out", [1, 10]), tensor_info("t0_id", [1], TensorProto.INT64)])
    outer_else = helper.make_graph(
        [helper.make_node("Conv", ["s0", "w1"], ["s1c"], name="stage1_conv", strides=[2, 2]),
         helper.make_node("Relu", ["s1c"], ["s1"], name="stage1_relu"),
         helper.make_node("GlobalAveragePool", ["s1"], ["e1p"], name="exit1_pool"),
         helper.make_node("Flatten", ["e1p"], ["e1f"], name="exit1_flatten"),
         helper.make_node("Gemm", ["e1f", "we1", "be1"], ["exit1"], name="exit1_fc", transB=1)]
        + decision("d1", "exit1", 0.1134)
        + [helper.make_node("If", ["d1_cond"], ["if1_logits", "if1_id"], name="exit1_if",
                            then_branch=inner_then, else_branch=inner_else)],
        "else0", [], [tensor_info("if1_logits", [1, 10]), tensor_info("if1_id", [1], TensorProto.INT64)])
    nodes = first_nodes + decision("d0", "exit0", 0.1125) + [
        helper.make_node("If", ["d0_cond"], ["logits", "exit_taken"], name="exit0_if",
                         then_branch=outer_then, else_branch=outer_else)]
    inits = first_inits + [weights("w1", [8, 4, 3, 3]), weights("we1", [10, 8]), weights("be1", [10]),
                           weights("wf", [10, 8], seed=5), weights("bf", [10], seed=6)]
    return model(nodes, [x], [tensor_info("logits", [1, 10]),
                              tensor_info("exit_taken", [1], TensorProto.INT64)], inits)


def if_exit_extra_output():
    """An unnamed If whose second output is the exit's logits again (then) and a constant
    (else): neither logits nor an index, refused naming the output."""
    m = if_exit_net()
    if_node = [n for n in m.graph.node if n.op_type == "If"][0]
    for attribute in if_node.attribute:
        branch = attribute.g
        if attribute.name == "then_branch":
            branch.node.append(helper.make_node("Identity", ["exit0"], ["then_extra"],
                                                name="then_extra_identity"))
            branch.output.append(tensor_info("then_extra", [1, 10]))
        else:
            branch.node.append(helper.make_node(
                "Constant", [], ["else_extra"], name="else_extra_const",
                value=numpy_helper.from_array(np.zeros((1, 10), np.float32))))
            branch.output.append(tensor_info("else_extra", [1, 10]))
    if_node.output.append("extra")
    if_node.name = ""
    m.graph.output.append(tensor_info("extra", [1, 10]))
    return m


def if_exit_bad_condition():
    return if_exit_net(op="Less")


def if_entropy_exit():
    """if entropy(softmax(exit0)) < t: exit, with entropy = -sum(p * log p)."""
    m = if_exit_net()
    graph = m.graph
    decision = [n for n in graph.node if n.name.startswith("decision_")]
    for n in decision:
        graph.node.remove(n)
    if_node = [n for n in graph.node if n.op_type == "If"][0]
    graph.node.remove(if_node)
    graph.node.extend([
        helper.make_node("Softmax", ["exit0"], ["p"], name="entropy_softmax", axis=1),
        helper.make_node("Log", ["p"], ["logp"], name="entropy_log"),
        helper.make_node("Mul", ["p", "logp"], ["plogp"], name="entropy_mul"),
        helper.make_node("ReduceSum", ["plogp"], ["sum"], name="entropy_sum", keepdims=0),
        helper.make_node("Neg", ["sum"], ["entropy"], name="entropy_neg"),
        helper.make_node("Constant", [], ["thr"], name="entropy_threshold",
                         value=numpy_helper.from_array(np.array(0.5, np.float32))),
        helper.make_node("Less", ["entropy", "thr"], ["cond"], name="entropy_less"),
        if_node,
    ])
    return m


def hostile_names():
    """Node and initializer names that are not C++ identifiers (or are keywords)."""
    x = tensor_info("x", [1, 1, 4, 4])
    nodes = [
        helper.make_node("Conv", ["x", "int", "*/ bias"], ["c"], name="../../evil */ conv"),
        helper.make_node("Relu", ["c"], ["r"], name="int"),
        helper.make_node("GlobalAveragePool", ["r"], ["g"], name="9lives"),
        helper.make_node("Flatten", ["g"], ["f"], name=""),
        helper.make_node("Gemm", ["f", "__w", "b2"], ["y"], name="exit\n#include <x>", transB=1),
    ]
    inits = [weights("int", [2, 1, 3, 3]), weights("*/ bias", [2]), weights("__w", [3, 2]),
             weights("b2", [3])]
    return model(nodes, [x], [tensor_info("y", [1, 3])], inits)


def zero_strides():
    x = tensor_info("x", [1, 1, 5, 5])
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv_zero_stride", strides=[0, 0])]
    return model(nodes, [x], [tensor_info("y", [1, 1, 5, 5])], [weights("w", [1, 1, 1, 1])])


def conv_rank5_weight():
    x = tensor_info("x", [1, 1, 5, 5])
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv3d_weight")]
    return model(nodes, [x], [tensor_info("y", [1, 1, 5, 5])], [weights("w", [1, 1, 1, 1, 1])])


def batch_two():
    """A fixed batch of 2 through a convolution (a layer over one sample's feature maps)."""
    x = tensor_info("x", [2, 1, 5, 5])
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv")]
    return model(nodes, [x], [tensor_info("y", [2, 1, 5, 5])], [weights("w", [1, 1, 1, 1])])


def rows_two():
    """A fixed leading dimension of 2 through operators that take it as data."""
    x = tensor_info("x", [2, 4])
    nodes = [helper.make_node("Gemm", ["x", "w", "c"], ["y"], name="gemm", transB=1),
             helper.make_node("Relu", ["y"], ["z"], name="relu")]
    return model(nodes, [x], [tensor_info("z", [2, 3])],
                 [weights("w", [3, 4]), weights("c", [2, 3])])


def gemm_name_clash():
    """A derived weight must not shadow a graph tensor named like it."""
    x = tensor_info("x", [1, 2])
    nodes = [helper.make_node("Gemm", ["x", "B", "C"], ["g"], name="gemm"),
             helper.make_node("Add", ["g", "g/bias"], ["y"], name="add")]
    inits = [numpy_helper.from_array(np.ones((2, 3), np.float32), "B"),
             numpy_helper.from_array(np.array([1, 2, 3], np.float32), "C"),
             numpy_helper.from_array(np.array([100, 200, 300], np.float32), "g/bias")]
    return model(nodes, [x], [tensor_info("y", [1, 3])], inits)


def metadata_without_criterion():
    return two_exit_net({"eecc.thresholds": "0.5, 0.5"})


def metadata_count_mismatch():
    return two_exit_net({"eecc.criterion": "max_softmax", "eecc.thresholds": "0.5"})


def metadata_not_finite():
    return two_exit_net({"eecc.criterion": "max_softmax", "eecc.thresholds": "nan, 0.5"})


def metadata_swapped_exits():
    return two_exit_net({"eecc.criterion": "max_softmax", "eecc.thresholds": "0.3, 0.7"})


def generated_name_clash():
    """Names the HLS emitter uses itself, and a layer next to one named like its config."""
    x = tensor_info("stage_0", [1, 1, 4, 4])
    nodes = [
        helper.make_node("Conv", ["stage_0", "in0"], ["c"], name="x"),
        helper.make_node("Relu", ["c"], ["r"], name="x_config"),
        helper.make_node("GlobalAveragePool", ["r"], ["g"], name="finish"),
        helper.make_node("Flatten", ["g"], ["eecc_top"], name="eecc_top"),
    ]
    return model(nodes, [x], [tensor_info("eecc_top", [1, 2])], [weights("in0", [2, 1, 3, 3])])


def opset6_legacy():
    """Opset 6 spellings: Add's broadcast/axis, BatchNormalization's is_test, Gemm's
    broadcast, Dropout's is_test."""
    x = tensor_info("x", [1, 2, 3, 3])
    nodes = [
        helper.make_node("Add", ["x", "b"], ["a"], name="add_axis", broadcast=1, axis=1),
        helper.make_node("BatchNormalization", ["a", "s", "bb", "m", "v"], ["n"], name="bn6",
                         is_test=1, epsilon=1e-5),
        helper.make_node("Flatten", ["n"], ["f"], name="flatten"),
        helper.make_node("Gemm", ["f", "w", "c"], ["g"], name="gemm6", transB=1, broadcast=1),
        helper.make_node("Dropout", ["g"], ["y"], name="dropout6", is_test=1),
    ]
    inits = [weights("b", [2]), weights("s", [2]), weights("bb", [2]), weights("m", [2]),
             numpy_helper.from_array(np.ones(2, np.float32), "v"), weights("w", [4, 18]),
             weights("c", [4])]
    return model(nodes, [x], [tensor_info("y", [1, 4])], inits, opset=6)


def opset6_training_bn():
    x = tensor_info("x", [1, 2, 3, 3])
    nodes = [helper.make_node("BatchNormalization", ["x", "s", "bb", "m", "v"], ["y"],
                              name="bn_train", is_test=0)]
    inits = [weights("s", [2]), weights("bb", [2]), weights("m", [2]),
             numpy_helper.from_array(np.ones(2, np.float32), "v")]
    return model(nodes, [x], [tensor_info("y", [1, 2, 3, 3])], inits, opset=6)


def opset1_legacy():
    """Opset 1 spellings: Pad's paddings, Relu's consumed_inputs, Concat's default axis 1,
    Reshape's shape attribute."""
    x = tensor_info("x", [1, 2, 2, 2])
    nodes = [
        helper.make_node("Pad", ["x"], ["p"], name="pad1", paddings=[0, 0, 1, 1, 0, 0, 1, 1],
                         value=0.5),
        helper.make_node("Relu", ["p"], ["r"], name="relu1", consumed_inputs=[0]),
        helper.make_node("Concat", ["r", "r"], ["c"], name="concat1"),
        helper.make_node("Reshape", ["c"], ["y"], name="reshape1", shape=[1, 64]),
    ]
    return model(nodes, [x], [tensor_info("y", [1, 64])], opset=1)


def opset11_mix():
    """Opset 11 semantics: Softmax axis defaults to 1, Clip bounds are inputs, Pad pads an input."""
    x = tensor_info("x", [1, 2, 3, 3])
    nodes = [
        helper.make_node("Pad", ["x", "pads"], ["p"], name="pad11"),
        helper.make_node("Clip", ["p", "lo"], ["c"], name="clip_min_only"),
        helper.make_node("Flatten", ["c"], ["f"], name="flatten"),
        helper.make_node("Dropout", ["f"], ["d"], name="dropout11", ratio=0.5),
        helper.make_node("Softmax", ["d"], ["y"], name="softmax11"),
    ]
    inits = [ints("pads", [0, 0, 1, 1, 0, 0, 1, 1]),
             numpy_helper.from_array(np.array(-1.0, np.float32), "lo")]
    return model(nodes, [x], [tensor_info("y", None)], inits, opset=11)


def opset18_relu():
    x = tensor_info("x", [1, 4])
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    return model(nodes, [x], [tensor_info("y", [1, 4])], opset=18)


def opset18_pad_axes():
    x = tensor_info("x", [1, 2, 3, 3])
    nodes = [helper.make_node("Pad", ["x", "pads", "", "axes"], ["y"], name="pad_axes")]
    inits = [ints("pads", [2, 1]), ints("axes", [-1])]
    return model(nodes, [x], [tensor_info("y", None)], inits, opset=18)


def gemm_trans_a():
    x = tensor_info("x", [1, 3])
    nodes = [helper.make_node("Gemm", ["x", "w"], ["y"], name="gemm_ta", transA=1)]
    return model(nodes, [x], [tensor_info("y", None)], [weights("w", [1, 2])])


def export_ops_net(exit_log_softmax=False, opset=14):
    """The operators real exports use (issue #17), in a two-exit network:
    conv -> HardSwish -> Split(channels 4 | 4) -> Sigmoid(first) * Tanh(second) -> Sub c ->
    Div c -> Mul per-channel c -> Split(channels 1 | 3): the first part feeds exit0 (Split
    into an exit), the rest the backbone -> conv -> HardSigmoid -> MaxPool -> Gemm ->
    final LogSoftmax. With exit_log_softmax, exit0 ends in a LogSoftmax instead (and the
    final in its Gemm)."""
    x = tensor_info("x", [1, 3, 12, 12])
    nodes = [
        helper.make_node("Conv", ["x", "w0"], ["c0"], name="conv0", pads=[1, 1, 1, 1]),
        helper.make_node("HardSwish", ["c0"], ["h0"], name="hswish0"),
        helper.make_node("Split", ["h0", "halves"], ["ha", "hb"], name="split0", axis=1),
        helper.make_node("Sigmoid", ["ha"], ["sa"], name="sigmoid0"),
        helper.make_node("Tanh", ["hb"], ["tb"], name="tanh0"),
        helper.make_node("Mul", ["sa", "tb"], ["g"], name="gate0"),
        helper.make_node("Sub", ["g", "shift"], ["gs"], name="sub0"),
        helper.make_node("Div", ["gs", "two"], ["gd"], name="div0"),
        helper.make_node("Mul", ["gd", "scale"], ["s0"], name="scale0"),
        helper.make_node("Split", ["s0", "parts"], ["e_in", "b_in"], name="split1", axis=1),
        helper.make_node("GlobalAveragePool", ["e_in"], ["e0p"], name="exit0_pool"),
        helper.make_node("Flatten", ["e0p"], ["e0f"], name="exit0_flatten"),
        helper.make_node("Gemm", ["e0f", "we0", "be0"], ["exit0"], name="exit0_fc", transB=1),
        helper.make_node("Conv", ["b_in", "w1"], ["c1"], name="conv1", pads=[1, 1, 1, 1]),
        helper.make_node("HardSigmoid", ["c1"], ["h1"], name="hsigmoid1", alpha=0.25, beta=0.4),
        helper.make_node("MaxPool", ["h1"], ["p1"], name="pool1", kernel_shape=[2, 2],
                         strides=[2, 2]),
        helper.make_node("Flatten", ["p1"], ["f1"], name="final_flatten"),
        helper.make_node("Gemm", ["f1", "wf", "bf"], ["logits"], name="final_fc", transB=1),
    ]
    exit_name, final_name = "exit0", "logits"
    if exit_log_softmax:
        nodes.append(helper.make_node("LogSoftmax", ["exit0"], ["exit0_logp"],
                                      name="exit0_logsoftmax", axis=1))
        exit_name = "exit0_logp"
    else:
        nodes.append(helper.make_node("LogSoftmax", ["logits"], ["final"],
                                      name="final_logsoftmax", axis=1))
        final_name = "final"
    rng = np.random.default_rng(17)
    inits = [weights("w0", [8, 3, 3, 3], scale=0.4), ints("halves", [4, 4]),
             numpy_helper.from_array(np.array([0.1, -0.2, 0.05, 0.3], np.float32).reshape(1, 4, 1, 1), "shift"),
             numpy_helper.from_array(np.array(2.0, np.float32), "two"),
             numpy_helper.from_array(rng.uniform(0.5, 2.0, (1, 4, 1, 1)).astype(np.float32), "scale"),
             ints("parts", [1, 3]),
             weights("we0", [10, 1], scale=30.0, seed=5), weights("be0", [10], seed=6),
             weights("w1", [6, 3, 3, 3], scale=0.5, seed=7),
             weights("wf", [10, 216], scale=0.1, seed=8), weights("bf", [10], seed=9)]
    outs = [tensor_info(exit_name, [1, 10]), tensor_info(final_name, [1, 10])]
    return model(nodes, [x], outs, inits, opset=opset,
                 metadata={"eecc.criterion": "max_softmax", "eecc.thresholds": "0.2"})


def export_ops_log_softmax_exit():
    return export_ops_net(exit_log_softmax=True)


def export_ops_opset18():
    """export_ops_net at opset 18 (Split by num_outputs is not used: sizes are inputs)."""
    return export_ops_net(opset=18)


def split_variants():
    """Split spellings: opset 11 'split' attribute, equal parts without sizes, and a Split
    along H; each part through its own op, then concatenated back."""
    x = tensor_info("x", [1, 4, 6, 6])
    nodes = [helper.make_node("Split", ["x"], ["a", "b"], name="halves", axis=1),
             helper.make_node("Split", ["b"], ["b0", "b1", "b2"], name="rows", axis=2,
                              split=[1, 2, 3]),
             helper.make_node("Relu", ["b1"], ["r1"], name="relu_rows"),
             helper.make_node("Concat", ["b0", "r1", "b2"], ["bb"], name="join_rows", axis=2),
             helper.make_node("Concat", ["a", "bb"], ["y"], name="join", axis=1)]
    return model(nodes, [x], [tensor_info("y", [1, 4, 6, 6])], opset=11)


def div_by_tensor():
    x = tensor_info("x", [1, 4])
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu"),
             helper.make_node("Div", ["x", "r"], ["y"], name="ratio")]
    return model(nodes, [x], [tensor_info("y", [1, 4])])


def broadcast_too_big():
    """[1, 65536] * [65536, 1]: a 2^32-element product (over the layers' int sizes)."""
    x = tensor_info("x", [1, 65536])
    nodes = [helper.make_node("Mul", ["x", "column"], ["y"], name="outer")]
    column = numpy_helper.from_array(np.ones((65536, 1), np.float32), "column")
    return model(nodes, [x], [tensor_info("y", [65536, 65536])], [column])


def split_bad_sizes():
    x = tensor_info("x", [1, 4, 2, 2])
    nodes = [helper.make_node("Split", ["x", "sizes"], ["a", "b"], name="uneven", axis=1)]
    return model(nodes, [x], [tensor_info("a", [1, 1, 2, 2]), tensor_info("b", [1, 2, 2, 2])],
                 [ints("sizes", [1, 2])])


# --- Broken inputs ------------------------------------------------------------

def unsupported_op():
    x = tensor_info("x", [1, 4])
    nodes = [helper.make_node("Sin", ["x"], ["y"], name="sine")]
    return model(nodes, [x], [tensor_info("y", None)])


def pooled_head(head="gap", keepdims=0, opset=OPSET):
    """conv -> relu -> (GlobalAveragePool+Flatten | ReduceMean over H,W [+ Unsqueeze/Squeeze
    round trip]) -> Gemm: x.mean([2, 3]) as PyTorch exports it."""
    x = tensor_info("x", [1, 2, 6, 6])
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["c"], ["r"], name="relu")]
    if head == "gap":
        nodes += [helper.make_node("GlobalAveragePool", ["r"], ["g"], name="gap"),
                  helper.make_node("Flatten", ["g"], ["m"], name="flatten")]
    else:
        axes = [2, 3] if head == "mean" else [-1, -2]
        if opset >= 18:
            nodes.append(helper.make_node("ReduceMean", ["r", "axes"], ["m0"], name="mean",
                                          keepdims=keepdims))
        else:
            nodes.append(helper.make_node("ReduceMean", ["r"], ["m0"], name="mean", axes=axes,
                                          keepdims=keepdims))
        if keepdims:
            squeeze_axes = [2, 3]
            if opset >= 13:
                nodes.append(helper.make_node("Squeeze", ["m0", "sq_axes"], ["m"], name="squeeze"))
            else:
                nodes.append(helper.make_node("Squeeze", ["m0"], ["m"], name="squeeze", axes=squeeze_axes))
        else:
            nodes.append(helper.make_node("Identity", ["m0"], ["m"], name="same"))
    nodes.append(helper.make_node("Gemm", ["m", "wf", "bf"], ["y"], name="fc", transB=1))
    inits = [weights("w", [3, 2, 3, 3]), weights("wf", [4, 3], seed=3), weights("bf", [4], seed=4),
             ints("axes", [2, 3]), ints("sq_axes", [2, 3])]
    return model(nodes, [x], [tensor_info("y", [1, 4])], inits, opset=opset)


def pooled_head_gap():
    return pooled_head("gap")


def pooled_head_mean():
    return pooled_head("mean", keepdims=0)


def pooled_head_mean_keepdims():
    return pooled_head("mean", keepdims=1)


def pooled_head_mean_opset11():
    return pooled_head("mean_negative", keepdims=1, opset=11)


def several_unsupported_ops():
    """Sin twice, an unnamed Cos, and a supported Relu between them."""
    x = tensor_info("x", [1, 4])
    nodes = [helper.make_node("Sin", ["x"], ["a"], name="sine1"),
             helper.make_node("Relu", ["a"], ["b"], name="relu"),
             helper.make_node("Sin", ["b"], ["c"], name="sine2"),
             helper.make_node("Cos", ["c"], ["y"])]
    return model(nodes, [x], [tensor_info("y", None)])


def unsupported_attribute_value():
    x = tensor_info("x", [1, 1, 4, 4])
    nodes = [helper.make_node("Pad", ["x", "p"], ["y"], name="wrap_pad", mode="wrap")]
    return model(nodes, [x], [tensor_info("y", None)], [ints("p", [0, 0, 1, 1, 0, 0, 1, 1])])


def bad_storage_order():
    x = tensor_info("x", [1, 1, 4, 4])
    nodes = [helper.make_node("MaxPool", ["x"], ["y"], name="pool_col_major",
                              kernel_shape=[2, 2], storage_order=1)]
    return model(nodes, [x], [tensor_info("y", None)])


def dynamic_spatial():
    x = tensor_info("x", [1, 1, "H", 4])
    nodes = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
    return model(nodes, [x], [tensor_info("y", None)])


def integer_input():
    x = tensor_info("x", [1, 4], TensorProto.INT64)
    nodes = [helper.make_node("Identity", ["x"], ["y"], name="ident")]
    return model(nodes, [x], [tensor_info("y", None, TensorProto.INT64)])


def shape_mismatch():
    x = tensor_info("x", [1, 4])
    nodes = [helper.make_node("Add", ["x", "b"], ["y"], name="bad_add")]
    return model(nodes, [x], [tensor_info("y", None)], [weights("b", [3])])


def exit_reads_two_tensors():
    x = tensor_info("x", [1, 4])
    nodes = [
        helper.make_node("Relu", ["x"], ["a"], name="a"),
        helper.make_node("Relu", ["a"], ["b"], name="b"),
        helper.make_node("Add", ["a", "b"], ["exit0"], name="exit0_mix"),
        helper.make_node("Relu", ["b"], ["final"], name="final"),
    ]
    return model(nodes, [x], [tensor_info("exit0", None), tensor_info("final", None)])


def external_data(location, offset=None, length=None, extra_key=None):
    x = tensor_info("x", [1, 1, 2, 2])
    w = onnx.TensorProto()
    w.name, w.data_type = "w", TensorProto.FLOAT
    w.dims.extend([1, 1, 1, 1])
    w.data_location = TensorProto.EXTERNAL
    entries = [("location", location)]
    if offset is not None:
        entries.append(("offset", str(offset)))
    if length is not None:
        entries.append(("length", str(length)))
    if extra_key:
        entries.append((extra_key, "1"))
    for key, value in entries:
        e = w.external_data.add()
        e.key, e.value = key, value
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv"),
             helper.make_node("Flatten", ["c"], ["y"], name="flatten")]
    return model(nodes, [x], [tensor_info("y", None)], [w])


EXTERNAL = {
    "external_ok": dict(location="weights.bin"),
    "external_traversal": dict(location="../weights.bin"),
    "external_absolute": dict(location="/etc/passwd"),
    "external_symlink": dict(location="link.bin"),
    "external_range": dict(location="weights.bin", offset=2, length=4),
    "external_unknown_key": dict(location="weights.bin", extra_key="mystery"),
}

MODELS = {name: fn for name, fn in globals().items()
          if callable(fn) and fn.__module__ == "__main__" and not name.startswith("_")
          and name not in ("weights", "ints", "tensor_info", "model", "two_exit_net",
                           "if_exit_net", "external_data", "main")}
MODELS["two_exit_net"] = two_exit_net
MODELS["if_exit_net"] = if_exit_net


def main():
    out = sys.argv[1]
    names = sys.argv[2:] or list(MODELS) + list(EXTERNAL)
    os.makedirs(out, exist_ok=True)
    for name in names:
        if name in EXTERNAL:
            m = external_data(**EXTERNAL[name])
            with open(os.path.join(out, "weights.bin"), "wb") as f:
                f.write(np.array([2.0], np.float32).tobytes())
            link = os.path.join(out, "link.bin")
            if not os.path.lexists(link):
                os.symlink("weights.bin", link)
        else:
            m = MODELS[name]()
        onnx.save(m, os.path.join(out, name + ".onnx"))


if __name__ == "__main__":
    main()
