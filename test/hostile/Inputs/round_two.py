#!/usr/bin/python3
"""Models and files of the second hostile round (issue #19), generated at test time.

usage: round_two.py OUTDIR NAME...

  invalid_utf8_node   a two-exit model whose exit node is named b"exit\\xff_fc"
  good                the same model with plain names
  chain_duplicate_N   N Relu nodes in a row, all named "same" (N an integer)
  chain_unique_N      the same with unique names
  strict_tie          If exit: Greater(max softmax(exit0), 0.5), and exit0's logits always
                      hold two equal largest values far above the rest (max softmax = 0.5
                      exactly: a strict comparison never exits)
  nan_samples         nan_samples.bin: 3 samples of good's input, the second holding a NaN
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def info(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


def weights(name, shape, seed):
    rng = np.random.default_rng(seed)
    return numpy_helper.from_array((rng.standard_normal(shape) * 0.3).astype(np.float32), name)


def two_exit(exit_name="exit_fc"):
    """x[1,8] -> fc0 (stage) -> exit_fc -> exit0[1,4]; fc0 -> fc1 -> relu -> fc2 -> final."""
    nodes = [helper.make_node("MatMul", ["x", "wa"], ["a"], name="fc0"),
             helper.make_node("MatMul", ["a", "w0"], ["exit0"], name=exit_name),
             helper.make_node("MatMul", ["a", "w1"], ["h"], name="fc1"),
             helper.make_node("Relu", ["h"], ["r"], name="relu1"),
             helper.make_node("MatMul", ["r", "w2"], ["final"], name="fc2")]
    inits = [weights("wa", (8, 8), 1), weights("w0", (8, 4), 2), weights("w1", (8, 8), 3),
             weights("w2", (8, 4), 4)]
    graph = helper.make_graph(nodes, "g", [info("x", [1, 8])],
                              [info("exit0", [1, 4]), info("final", [1, 4])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    for key, value in (("eecc.criterion", "max_softmax"), ("eecc.thresholds", "0.9")):
        model.metadata_props.add(key=key, value=value)
    return model


def chain(n, duplicate):
    nodes = [helper.make_node("MatMul", ["x", "wa"], ["v0"], name="fc0")]
    for i in range(n):
        nodes.append(helper.make_node("Relu", [f"v{i}"], [f"v{i + 1}"],
                                      name="same" if duplicate else f"relu{i}"))
    graph = helper.make_graph(nodes, "g", [info("x", [1, 8])], [info(f"v{n}", [1, 8])],
                              [weights("wa", (8, 8), 1)])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


def strict_tie():
    """Zero weights and a bias of [3, 3, -30, -30]: exit0 = that bias for every input."""
    then_graph = helper.make_graph(
        [helper.make_node("Identity", ["exit0"], ["then_out"], name="then_identity")],
        "then", [], [info("then_out", [1, 4])])
    else_graph = helper.make_graph(
        [helper.make_node("Gemm", ["a", "wf", "bf"], ["else_out"], name="final_fc")],
        "else", [], [info("else_out", [1, 4])])
    nodes = [
        helper.make_node("Gemm", ["x", "wa", "ba"], ["a0"], name="fc0"),
        helper.make_node("Relu", ["a0"], ["a"], name="relu0"),
        helper.make_node("Gemm", ["a", "we", "be"], ["exit0"], name="exit_fc"),
        helper.make_node("Softmax", ["exit0"], ["prob"], name="decision_softmax", axis=1),
        helper.make_node("ReduceMax", ["prob"], ["conf"], name="decision_max", keepdims=0),
        helper.make_node("Constant", [], ["thr"], name="decision_threshold",
                         value=numpy_helper.from_array(np.array(0.5, np.float32))),
        helper.make_node("Greater", ["conf", "thr"], ["cond"], name="decision_compare"),
        helper.make_node("If", ["cond"], ["logits"], name="early_exit",
                         then_branch=then_graph, else_branch=else_graph),
    ]
    inits = [weights("wa", (8, 8), 1), numpy_helper.from_array(np.zeros(8, np.float32), "ba"),
             numpy_helper.from_array(np.zeros((8, 4), np.float32), "we"),
             numpy_helper.from_array(np.array([3, 3, -30, -30], np.float32), "be"),
             weights("wf", (8, 4), 5), numpy_helper.from_array(np.zeros(4, np.float32), "bf")]
    graph = helper.make_graph(nodes, "g", [info("x", [1, 8])], [info("logits", [1, 4])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name in sys.argv[2:]:
        path = os.path.join(out, name + ".onnx")
        if name == "invalid_utf8_node":
            # protobuf refuses to set a str that is not UTF-8: patch the serialized bytes
            # (same length, so no length prefix changes).
            data = two_exit("exitQ_fc").SerializeToString()
            assert data.count(b"exitQ_fc") == 1
            with open(path, "wb") as f:
                f.write(data.replace(b"exitQ_fc", b"exit\xff_fc"))
        elif name == "good":
            onnx.save(two_exit(), path)
        elif name.startswith("chain_duplicate_") or name.startswith("chain_unique_"):
            onnx.save(chain(int(name.rsplit("_", 1)[1]), "duplicate" in name), path)
        elif name == "strict_tie":
            onnx.save(strict_tie(), path)
        elif name == "nan_samples":
            samples = np.random.default_rng(6).standard_normal((3, 8)).astype(np.float32)
            samples[1, 5] = np.nan
            samples.tofile(os.path.join(out, "nan_samples.bin"))
        else:
            sys.exit(f"round_two.py: unknown name '{name}'")


if __name__ == "__main__":
    main()
