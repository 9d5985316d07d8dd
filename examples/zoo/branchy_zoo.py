#!/usr/bin/python3
"""eecc model zoo: BranchyNet (early-exit) networks trained on Fashion-MNIST, exported to ONNX.

Models (see README.md beside this file):
  lenet     B-LeNet-5      1x1x28x28  exit after conv1                 -> b_lenet.onnx
  lenet_if  B-LeNet-5, If-encoded (same weights as lenet)        -> b_lenet_if.onnx
  alexnet   B-AlexNet      1x3x32x32  exits after conv1 and conv2      -> b_alexnet.onnx
  resnet32  B-ResNet32     1x3x32x32  exits after residual groups 1, 2 -> b_resnet32.onnx
  vgg19     B-VGG19        1x3x32x32  exits after blocks 1 and 2       -> b_vgg19.onnx (not committed)

Subcommands (run with Debian's /usr/bin/python3: it has torch 1.13 and onnx 1.12):
  train   train models jointly (BranchyNet weighted loss), save checkpoints outside the clone
  eval    recompute the accuracy figures of the checkpoints (done by train too)
  export  build ONNX files from the checkpoints (random init for vgg19 when it has none)
  data    write the 64 test inputs (.bin) and labels (.json)
  refs    run onnxruntime-node (scripts/npm-deps.sh) on the inputs, write <model>.ref.json
  verify  compare the onnxruntime references against torch outputs
  info    check and summarize ONNX files (outputs, op types, size, metadata)
  dump    print every node (op type, inputs, outputs, attributes), If branches included
  all     train + export + data + refs + verify for the committed models

Everything is deterministic for a given --seed (single thread, fixed subsets and order).
"""

import argparse
import collections
import gzip
import json
import math
import os
import subprocess
import sys
import time
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
# torch 1.13's exporter warns about shape inference of custom symbolics and about Slice
# folding; neither applies to the graphs written here.
warnings.filterwarnings("ignore", category=UserWarning)
warnings.filterwarnings("ignore", category=FutureWarning, message=r".*torch\.onnx.*")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_MODELS_DIR = os.path.join(HERE, "models")
DEFAULT_DATA_DIR = os.path.join(HERE, "data")
DEFAULT_CKPT_DIR = os.path.join(
    os.environ.get("EECC_CACHE_DIR", os.path.join(os.path.expanduser("~"), ".cache", "eecc")),
    "zoo", "ckpt")
DATASET_DIR = "/usr/share/datasets/fashion-mnist"

# Input normalization (Fashion-MNIST training-set mean and standard deviation of pixel/255).
FMNIST_MEAN = 0.2860
FMNIST_STD = 0.3530
NUM_CLASSES = 10
OPSET = 13
NUM_REF_SAMPLES = 64

ALL_MODELS = ["lenet", "lenet_if", "alexnet", "resnet32", "vgg19"]
COMMITTED = ["lenet", "lenet_if", "alexnet", "resnet32"]
ONNX_NAME = {
    "lenet": "b_lenet.onnx",
    "lenet_if": "b_lenet_if.onnx",
    "alexnet": "b_alexnet.onnx",
    "resnet32": "b_resnet32.onnx",
    "vgg19": "b_vgg19.onnx",
}
TITLE = {"lenet": "B-LeNet-5", "lenet_if": "B-LeNet-5 (If)", "alexnet": "B-AlexNet",
         "resnet32": "B-ResNet32", "vgg19": "B-VGG19"}
# Which trained network a model's weights come from.
CKPT_OF = {"lenet": "lenet", "lenet_if": "lenet", "alexnet": "alexnet",
           "resnet32": "resnet32", "vgg19": "vgg19"}


# ----------------------------------------------------------------------------------------
# Fashion-MNIST (IDX files read with gzip + numpy)
# ----------------------------------------------------------------------------------------

def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    arr = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    return arr.reshape(dims)


def load_split(split):
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(os.path.join(DATASET_DIR, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(DATASET_DIR, f"{prefix}-labels-idx1-ubyte.gz"))
    return images, labels.astype(np.int64)


def normalize_1x28(images_u8):
    """uint8 [N,28,28] -> float32 [N,1,28,28]: (pixel/255 - mean) / std."""
    x = torch.from_numpy(images_u8.astype(np.float32) / np.float32(255.0))
    x = (x - FMNIST_MEAN) / FMNIST_STD
    return x.unsqueeze(1).contiguous()


def to_1x32(x1x28):
    """float32 [N,1,28,28] (normalized) -> [N,1,32,32], bilinear, align_corners=False."""
    return F.interpolate(x1x28, size=(32, 32), mode="bilinear", align_corners=False).contiguous()


def to_3x32(x1x28):
    """float32 [N,1,28,28] (normalized) -> [N,3,32,32]: bilinear resize, channel repeated 3x."""
    return to_1x32(x1x28).repeat(1, 3, 1, 1).contiguous()


INPUT_KIND = {"lenet": "1x28", "lenet_if": "1x28", "alexnet": "3x32", "resnet32": "3x32",
              "vgg19": "3x32"}
INPUT_SHAPE = {"1x28": (1, 1, 28, 28), "3x32": (1, 3, 32, 32)}
DATA_FILE = {"1x28": "fmnist_1x28x28_64.bin", "3x32": "fmnist_3x32x32_64.bin"}


def prepare(kind, images_u8):
    """Returns the stored form of a batch: [N,1,28,28] or [N,1,32,32] (channel repeat is lazy)."""
    x = normalize_1x28(images_u8)
    return x if kind == "1x28" else to_1x32(x)


def expand(kind, x):
    return x if kind == "1x28" else x.expand(-1, 3, -1, -1)


# ----------------------------------------------------------------------------------------
# Models. Every model has .stages and .exits (ModuleLists of equal length); forward returns
# [exit0, exit1, ..., final]: exit i reads the output of stage i, the last exit is the final
# classifier on the output of the last stage.
# ----------------------------------------------------------------------------------------

class BranchyNet(nn.Module):
    def __init__(self, stages, exits):
        super().__init__()
        assert len(stages) == len(exits)
        self.stages = nn.ModuleList(stages)
        self.exits = nn.ModuleList(exits)

    def forward(self, x):
        outs = []
        for stage, head in zip(self.stages, self.exits):
            x = stage(x)
            outs.append(head(x))
        return outs


def b_lenet():
    # LeNet-5 (28x28 input, conv1 padded by 2 as in the 32x32 original).
    stage0 = nn.Sequential(                      # 1x28x28 -> 6x14x14
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2))
    exit0 = nn.Sequential(                       # BranchyNet-style head: conv + pool + fc
        nn.Conv2d(6, 10, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # 10x7x7
        nn.Flatten(), nn.Linear(10 * 7 * 7, NUM_CLASSES))
    stage1 = nn.Sequential(                      # 6x14x14 -> 84
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),              # 16x5x5
        nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU())
    final = nn.Linear(84, NUM_CLASSES)
    return BranchyNet([stage0, stage1], [exit0, final])


def b_alexnet():
    # CIFAR-size AlexNet: 5 conv layers (48/128/192/192/128), overlapping 3x3/2 max pools,
    # LRN after conv1 and conv2 (as in AlexNet), then FC 256 -> 128 -> 10.
    def lrn():
        return LRN(size=5, alpha=1e-4, beta=0.75, k=2.0)
    stage0 = nn.Sequential(                      # 3x32x32 -> 48x15x15
        nn.Conv2d(3, 48, 5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2), lrn())
    exit0 = nn.Sequential(
        nn.Conv2d(48, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2),   # 32x7x7
        nn.Flatten(), nn.Linear(32 * 7 * 7, NUM_CLASSES))
    stage1 = nn.Sequential(                      # -> 128x7x7
        nn.Conv2d(48, 128, 5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2), lrn())
    exit1 = nn.Sequential(
        nn.Conv2d(128, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2),  # 32x3x3
        nn.Flatten(), nn.Linear(32 * 3 * 3, NUM_CLASSES))
    stage2 = nn.Sequential(                      # -> 128x3x3 -> 128
        nn.Conv2d(128, 192, 3, padding=1), nn.ReLU(),
        nn.Conv2d(192, 192, 3, padding=1), nn.ReLU(),
        nn.Conv2d(192, 128, 3, padding=1), nn.ReLU(),
        nn.MaxPool2d(3, 2),
        nn.Flatten(), nn.Dropout(0.2), nn.Linear(128 * 3 * 3, 256), nn.ReLU(),
        nn.Dropout(0.2), nn.Linear(256, 128), nn.ReLU())
    final = nn.Linear(128, NUM_CLASSES)
    return BranchyNet([stage0, stage1, stage2], [exit0, exit1, final])


class _LRNFn(torch.autograd.Function):
    """torch.nn.functional.local_response_norm, exported as one ONNX LRN node (torch 1.13
    would otherwise decompose it into Pad/AveragePool/If/... nodes)."""

    @staticmethod
    def forward(ctx, x, size, alpha, beta, k):
        return F.local_response_norm(x, size, alpha, beta, k)

    @staticmethod
    def symbolic(g, x, size, alpha, beta, k):
        return g.op("LRN", x, size_i=size, alpha_f=alpha, beta_f=beta, bias_f=k)


class LRN(nn.LocalResponseNorm):
    """Same math as nn.LocalResponseNorm (= ONNX LRN: x / (k + alpha/size * sum x^2)^beta)."""

    def forward(self, x):
        if torch.onnx.is_in_onnx_export():
            return _LRNFn.apply(x, self.size, self.alpha, self.beta, self.k)
        return super().forward(x)


class _PadChannelsFn(torch.autograd.Function):
    """Zero padding of the channel axis of an NCHW tensor, exported as one ONNX Pad node
    with constant pads (torch 1.13 would emit a Slice/Transpose/Concat chain for them)."""

    @staticmethod
    def forward(ctx, x, lo, hi):
        return F.pad(x, (0, 0, 0, 0, lo, hi))

    @staticmethod
    def symbolic(g, x, lo, hi):
        pads = g.op("Constant", value_t=torch.tensor([0, lo, 0, 0, 0, hi, 0, 0],
                                                      dtype=torch.int64))
        return g.op("Pad", x, pads, mode_s="constant")


class ShortcutA(nn.Module):
    """ResNet option A shortcut: spatial subsampling by 2 and zero channel padding.

    The subsampling x[:, :, ::2, ::2] is written as MaxPool(kernel 1, stride 2) (identical
    values) so that the ONNX graph has MaxPool + Pad instead of a strided Slice."""

    def __init__(self, in_planes, planes):
        super().__init__()
        self.pool = nn.MaxPool2d(kernel_size=1, stride=2)
        extra = planes - in_planes
        self.pad_lo = extra // 2
        self.pad_hi = extra - extra // 2

    def forward(self, x):
        x = self.pool(x)
        if torch.onnx.is_in_onnx_export():
            return _PadChannelsFn.apply(x, self.pad_lo, self.pad_hi)
        return F.pad(x, (0, 0, 0, 0, self.pad_lo, self.pad_hi))


class BasicBlock(nn.Module):
    def __init__(self, in_planes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        if stride != 1 or in_planes != planes:
            self.shortcut = ShortcutA(in_planes, planes)
        else:
            self.shortcut = nn.Identity()

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


def _group(in_planes, planes, n, stride):
    blocks = [BasicBlock(in_planes, planes, stride)]
    blocks += [BasicBlock(planes, planes, 1) for _ in range(n - 1)]
    return blocks


def _conv_bn_relu(cin, cout, stride):
    return [nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]


def b_resnet32():
    # CIFAR ResNet-32 (He et al. 2016, n = 5): conv3x3 16, 3 groups x 5 basic blocks
    # (16/32/64 channels), option-A shortcuts, global average pool, fc 10.
    n = 5
    stage0 = nn.Sequential(*_conv_bn_relu(3, 16, 1), *_group(16, 16, n, 1))   # 16x32x32
    exit0 = nn.Sequential(*_conv_bn_relu(16, 32, 2), *_conv_bn_relu(32, 64, 2),
                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, NUM_CLASSES))
    stage1 = nn.Sequential(*_group(16, 32, n, 2))                               # 32x16x16
    exit1 = nn.Sequential(*_conv_bn_relu(32, 64, 2),
                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, NUM_CLASSES))
    stage2 = nn.Sequential(*_group(32, 64, n, 2),                               # 64x8x8
                           nn.AdaptiveAvgPool2d(1), nn.Flatten())
    final = nn.Linear(64, NUM_CLASSES)
    net = BranchyNet([stage0, stage1, stage2], [exit0, exit1, final])
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(m.weight)
    return net


def b_vgg19():
    # VGG-19 (configuration E) at full width with BatchNorm, 5 blocks, CIFAR classifier.
    cfg = [[64, 64], [128, 128], [256, 256, 256, 256], [512, 512, 512, 512], [512, 512, 512, 512]]
    blocks, cin = [], 3
    for widths in cfg:
        layers = []
        for w in widths:
            layers += [nn.Conv2d(cin, w, 3, padding=1), nn.BatchNorm2d(w), nn.ReLU()]
            cin = w
        layers.append(nn.MaxPool2d(2))
        blocks.append(layers)
    stage0 = nn.Sequential(*blocks[0])                       # 64x16x16
    exit0 = nn.Sequential(nn.Conv2d(64, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # 32x8x8
                          nn.Flatten(), nn.Linear(32 * 8 * 8, NUM_CLASSES))
    stage1 = nn.Sequential(*blocks[1])                       # 128x8x8
    exit1 = nn.Sequential(nn.Conv2d(128, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # 64x4x4
                          nn.Flatten(), nn.Linear(64 * 4 * 4, NUM_CLASSES))
    stage2 = nn.Sequential(*blocks[2], *blocks[3], *blocks[4],   # 512x1x1
                           nn.Flatten(), nn.Linear(512, 512), nn.ReLU(), nn.Dropout(0.5),
                           nn.Linear(512, 512), nn.ReLU(), nn.Dropout(0.5))
    final = nn.Linear(512, NUM_CLASSES)
    return BranchyNet([stage0, stage1, stage2], [exit0, exit1, final])


BUILDERS = {"lenet": b_lenet, "alexnet": b_alexnet, "resnet32": b_resnet32, "vgg19": b_vgg19}


class BLeNetIf(nn.Module):
    """B-LeNet with the exit decision inside the graph (scripted -> ONNX If)."""
    threshold: torch.jit.Final[float]

    def __init__(self, net, threshold):
        super().__init__()
        self.stage0 = net.stages[0]
        self.exit0 = net.exits[0]
        self.stage1 = net.stages[1]
        self.final = net.exits[1]
        self.threshold = float(threshold)

    def forward(self, x):
        features = self.stage0(x)
        y0 = self.exit0(features)
        conf = torch.softmax(y0, dim=1).max()
        if conf > self.threshold:
            return y0
        else:
            return self.final(self.stage1(features))


# ----------------------------------------------------------------------------------------
# Training recipes (BranchyNet joint loss: sum_i w_i * CE(exit_i)).
# Sample counts are sized for about 5 minutes of one CPU core per model.
# ----------------------------------------------------------------------------------------

RECIPES = {
    # train_samples: size of the fixed random training subset; epochs over it.
    "lenet": dict(train_samples=55000, epochs=10, batch=64, lr=2e-3, weights=[1.0, 1.0]),
    "alexnet": dict(train_samples=20000, epochs=2, batch=64, lr=2e-3, weights=[1.0, 1.0, 1.0]),
    "resnet32": dict(train_samples=20000, epochs=2, batch=64, lr=3e-3, weights=[1.0, 1.0, 1.0]),
    "vgg19": dict(train_samples=0, epochs=0, batch=32, lr=1e-3, weights=[1.0, 1.0, 1.0]),
}
VAL_SAMPLES = 5000      # the last 5000 training images are held out (validation accuracy)

# Exit criterion and thresholds written to the ONNX metadata_props (one per early exit):
# an early exit is taken when max(softmax(logits)) > threshold. The If-encoded B-LeNet uses
# the threshold of b_lenet's exit0.
CRITERION = "max_softmax"
THRESHOLDS = {"lenet": [0.9], "alexnet": [0.9, 0.9], "resnet32": [0.9, 0.9],
              "vgg19": [0.9, 0.9]}


def count_params(module):
    return sum(p.numel() for p in module.parameters())


def seed_all(seed):
    torch.manual_seed(seed)
    np.random.seed(seed)


def build(name, seed):
    seed_all(seed)
    return BUILDERS[name]()


@torch.no_grad()
def predict_all(net, kind, x, batch=500):
    net.eval()
    outs = None
    for i in range(0, x.shape[0], batch):
        ys = net(expand(kind, x[i:i + batch]))
        if outs is None:
            outs = [[] for _ in ys]
        for k, y in enumerate(ys):
            outs[k].append(y)
    return [torch.cat(o) for o in outs]


def accuracies(logits, labels):
    return [float((y.argmax(1) == labels).float().mean()) for y in logits]


def simulate_early_exit(logits, labels, thresholds):
    """Exit at the first early exit whose max softmax > threshold, else at the final exit."""
    n = labels.shape[0]
    remaining = torch.ones(n, dtype=torch.bool)
    taken_counts, correct = [], 0
    for i, y in enumerate(logits):
        if i < len(thresholds):
            conf = torch.softmax(y, 1).max(1).values
            take = remaining & (conf > thresholds[i])
        else:
            take = remaining.clone()
        taken_counts.append(int(take.sum()))
        correct += int((y.argmax(1)[take] == labels[take]).sum())
        remaining &= ~take
    return dict(exit_fractions=[c / n for c in taken_counts], accuracy=correct / n)


def train_model(name, args):
    recipe = dict(RECIPES[name])
    if name == "vgg19" and args.vgg_train_samples:
        recipe.update(train_samples=args.vgg_train_samples, epochs=1)
    if args.smoke:
        recipe.update(train_samples=min(recipe["train_samples"], 256),
                      epochs=min(recipe["epochs"], 1))
    if recipe["train_samples"] <= 0 or recipe["epochs"] <= 0:
        print(f"[{name}] training skipped: {ONNX_NAME[name]} is exported with random "
              f"initialization (seed {args.seed}); pass --vgg-train-samples N to train it",
              flush=True)
        return None, None
    kind = INPUT_KIND[name]
    net = build(name, args.seed)
    tr_img, tr_lab = load_split("train")
    gen = torch.Generator().manual_seed(args.seed)
    n_train_pool = tr_img.shape[0] - VAL_SAMPLES
    perm = torch.randperm(n_train_pool, generator=gen).numpy()
    subset = np.sort(perm[:recipe["train_samples"]])
    x_tr = prepare(kind, tr_img[subset])
    y_tr = torch.from_numpy(tr_lab[subset])

    weights = recipe["weights"]
    print(f"[{name}] params={count_params(net)} train_samples={len(subset)} "
          f"epochs={recipe['epochs']} batch={recipe['batch']} lr={recipe['lr']} "
          f"loss weights={weights}", flush=True)
    t0 = time.process_time()
    w0 = time.time()
    if recipe["train_samples"] > 0 and recipe["epochs"] > 0:
        opt = torch.optim.Adam(net.parameters(), lr=recipe["lr"])
        steps_per_epoch = math.ceil(len(subset) / recipe["batch"])
        total = steps_per_epoch * recipe["epochs"]
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=recipe["lr"], total_steps=total)
        step, run_loss = 0, 0.0
        for epoch in range(recipe["epochs"]):
            net.train()
            order = torch.randperm(len(subset), generator=gen)
            for b in range(steps_per_epoch):
                idx = order[b * recipe["batch"]:(b + 1) * recipe["batch"]]
                xb = expand(kind, x_tr[idx])
                yb = y_tr[idx]
                outs = net(xb)
                loss = sum(w * F.cross_entropy(o, yb) for w, o in zip(weights, outs))
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                step += 1
                run_loss += float(loss)
                if step % 100 == 0:
                    print(f"[{name}] epoch {epoch} step {step}/{total} "
                          f"loss {run_loss / 100:.4f} cpu {time.process_time() - t0:.0f}s",
                          flush=True)
                    run_loss = 0.0
    cpu = time.process_time() - t0
    wall = time.time() - w0
    meta = dict(model=name, seed=args.seed, recipe=recipe, params=count_params(net),
                train_cpu_seconds=round(cpu, 1), train_wall_seconds=round(wall, 1),
                torch_version=torch.__version__, smoke=bool(args.smoke))
    os.makedirs(args.ckpt_dir, exist_ok=True)
    torch.save(net.state_dict(), os.path.join(args.ckpt_dir, f"{name}.pt"))
    print(f"[{name}] trained: cpu {cpu:.0f}s (wall {wall:.0f}s)", flush=True)
    return evaluate_model(name, net, meta, args)


def evaluate_model(name, net, meta, args):
    """Accuracy of every exit on the validation split and the whole test set, and the test
    accuracy / exit fractions of the early-exit cascade with THRESHOLDS[name]; stored in
    the checkpoint's .json (read by export, info and the README)."""
    kind = INPUT_KIND[name]
    tr_img, tr_lab = load_split("train")
    te_img, te_lab = load_split("test")
    n_eval = 500 if args.smoke else None
    n_train_pool = tr_img.shape[0] - VAL_SAMPLES
    x_val = prepare(kind, tr_img[n_train_pool:][:n_eval])
    y_val = torch.from_numpy(tr_lab[n_train_pool:][:n_eval])
    x_te = prepare(kind, te_img[:n_eval])
    y_te = torch.from_numpy(te_lab[:n_eval])
    t0 = time.process_time()
    val_logits = predict_all(net, kind, x_val)
    te_logits = predict_all(net, kind, x_te)
    thresholds = THRESHOLDS[name]
    meta = dict(meta)
    meta.update(val_accuracy=accuracies(val_logits, y_val),
                test_accuracy=accuracies(te_logits, y_te),
                test_samples=int(y_te.shape[0]),
                criterion=CRITERION, thresholds=thresholds,
                early_exit_test=simulate_early_exit(te_logits, y_te, thresholds))
    with open(os.path.join(args.ckpt_dir, f"{name}.json"), "w") as f:
        json.dump(meta, f, indent=1)
    print(f"[{name}] evaluated in {time.process_time() - t0:.0f}s cpu: test accuracy per exit "
          f"{[round(a * 100, 2) for a in meta['test_accuracy']]} (validation "
          f"{[round(a * 100, 2) for a in meta['val_accuracy']]}); early exit with "
          f"{CRITERION} > {thresholds}: exit fractions "
          f"{[round(f, 4) for f in meta['early_exit_test']['exit_fractions']]}, accuracy "
          f"{meta['early_exit_test']['accuracy'] * 100:.2f}%", flush=True)
    return net, meta


def load_trained(name, args, allow_random=False):
    net = build(name, args.seed)
    pt = os.path.join(args.ckpt_dir, f"{name}.pt")
    meta_path = os.path.join(args.ckpt_dir, f"{name}.json")
    if os.path.exists(pt):
        net.load_state_dict(torch.load(pt))
        with open(meta_path) as f:
            meta = json.load(f)
        meta["thresholds"] = THRESHOLDS[name]
        meta["criterion"] = CRITERION
    elif allow_random:
        print(f"[{name}] no checkpoint in {args.ckpt_dir}: random initialization "
              f"(seed {args.seed})", flush=True)
        meta = dict(model=name, seed=args.seed, params=count_params(net),
                    thresholds=THRESHOLDS[name], criterion=CRITERION, test_accuracy=None,
                    untrained=True)
    else:
        sys.exit(f"error: no checkpoint {pt}; run `branchy_zoo.py train --only {name}` first")
    net.eval()
    return net, meta


# ----------------------------------------------------------------------------------------
# Export
# ----------------------------------------------------------------------------------------

@torch.no_grad()
def architecture_summary(name):
    """Parameters and multiply-accumulates (Conv and Linear layers) of every stage and exit
    head of a BranchyNet, for batch 1."""
    net = build(CKPT_OF[name], 0).eval()
    x = torch.zeros(INPUT_SHAPE[INPUT_KIND[name]])
    macs = collections.Counter()

    def hook(key):
        def fn(mod, inp, out):
            if isinstance(mod, nn.Conv2d):
                k = mod.weight[0].numel()          # Cin/groups * kh * kw
                macs[key] += out.numel() * k
            elif isinstance(mod, nn.Linear):
                macs[key] += mod.in_features * mod.out_features
        return fn
    handles = []
    parts = []
    for i, (stage, head) in enumerate(zip(net.stages, net.exits)):
        last = i == len(net.stages) - 1
        for key, mod in ((f"stage{i}", stage), ("final" if last else f"exit{i}", head)):
            parts.append((key, mod))
            for m in mod.modules():
                handles.append(m.register_forward_hook(hook(key)))
    net(x)
    for h in handles:
        h.remove()
    return [(key, count_params(mod), macs[key]) for key, mod in parts]


def output_names(n_outputs):
    return [f"exit{i}" for i in range(n_outputs - 1)] + ["final"]


def normalize_graph(model):
    """Main graph only: Constant nodes become initializers, and Identity nodes that copy an
    initializer (torch emits them when two folded constants are equal) become initializers
    of their own. Subgraphs (If branches) are left as torch wrote them."""
    import onnx
    g = model.graph
    inits = {t.name: t for t in g.initializer}
    keep = []
    for node in g.node:
        if node.op_type == "Constant" and len(node.attribute) == 1 \
                and node.attribute[0].name == "value":
            t = onnx.TensorProto()
            t.CopyFrom(node.attribute[0].t)
            t.name = node.output[0]
            g.initializer.append(t)
            inits[t.name] = t
        elif node.op_type == "Identity" and node.input[0] in inits:
            t = onnx.TensorProto()
            t.CopyFrom(inits[node.input[0]])
            t.name = node.output[0]
            g.initializer.append(t)
            inits[t.name] = t
        else:
            keep.append(node)
    del g.node[:]
    g.node.extend(keep)
    # Drop initializers nothing reads any more (e.g. a constant only an Identity copied).
    used = {i for n in g.node for i in n.input} | {o.name for o in g.output}
    kept_inits = [t for t in g.initializer if t.name in used]
    del g.initializer[:]
    g.initializer.extend(kept_inits)
    kept_inputs = [i for i in g.input if i.name not in inits or i.name in used]
    del g.input[:]
    g.input.extend(kept_inputs)
    return model


def export_model(name, args, out_dir):
    import onnx
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, ONNX_NAME[name])
    base = CKPT_OF[name]
    net, meta = load_trained(base, args, allow_random=(base == "vgg19"))
    kind = INPUT_KIND[name]
    dummy = torch.zeros(INPUT_SHAPE[kind])
    if name == "lenet_if":
        threshold = meta["thresholds"][0]
        module = torch.jit.script(BLeNetIf(net, threshold).eval())
        torch.onnx.export(module, (dummy,), path, opset_version=OPSET,
                          do_constant_folding=True, input_names=["input"],
                          output_names=["output"])
        model = onnx.load(path)
        doc = (f"B-LeNet-5 with the exit decision encoded as an ONNX If: output = exit0 "
               f"logits when max(softmax(exit0)) > {threshold}, else the final logits")
    else:
        n_out = len(net.exits)
        torch.onnx.export(net, (dummy,), path, opset_version=OPSET, do_constant_folding=True,
                          input_names=["input"], output_names=output_names(n_out),
                          training=torch.onnx.TrainingMode.EVAL)
        model = normalize_graph(onnx.load(path))
        onnx.helper.set_model_props(model, {
            "eecc.criterion": meta["criterion"],
            "eecc.thresholds": ",".join(f"{t:g}" for t in meta["thresholds"]),
        })
        doc = (f"{TITLE[name]} (BranchyNet): outputs {', '.join(output_names(n_out))} "
               f"(early exits in order, final classifier last)")
    model.doc_string = doc + " (generated by eecc examples/zoo/branchy_zoo.py)"
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)
    print(f"[{name}] wrote {path} ({os.path.getsize(path)} bytes)", flush=True)
    return path


def summarize(path, meta=None):
    import onnx
    model = onnx.load(path)
    # The checker with full_check runs strict shape inference too (as eecc's loader does).
    onnx.checker.check_model(model, full_check=True)
    onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    g = model.graph
    print(f"== {os.path.basename(path)}: {os.path.getsize(path)} bytes, ir_version "
          f"{model.ir_version}, opset {[(o.domain or 'ai.onnx', o.version) for o in model.opset_import]}")

    def dims(vi):
        return [d.dim_value if d.HasField("dim_value") else d.dim_param
                for d in vi.type.tensor_type.shape.dim]
    print("   inputs :", [(i.name, dims(i)) for i in g.input])
    print("   outputs:", [(o.name, dims(o)) for o in g.output])
    counts = collections.Counter()

    def walk(graph):
        for node in graph.node:
            counts[node.op_type] += 1
            for a in node.attribute:
                if a.type == onnx.AttributeProto.GRAPH:
                    walk(a.g)
    walk(g)
    print("   op types:", dict(sorted(counts.items())))
    print("   initializers:", len(g.initializer), "parameters:",
          sum(int(np.prod(t.dims)) for t in g.initializer))
    if model.metadata_props:
        print("   metadata_props:", {p.key: p.value for p in model.metadata_props})
    if meta and meta.get("test_accuracy"):
        names = output_names(len(meta["test_accuracy"]))
        print("   test accuracy:", {n: round(a * 100, 2) for n, a in
                                    zip(names, meta["test_accuracy"])})
    return dict(counts)


def _attr_repr(a):
    import onnx
    import onnx.numpy_helper
    if a.type == onnx.AttributeProto.GRAPH:
        return f"<graph {a.g.name}>"
    if a.type == onnx.AttributeProto.TENSOR:
        arr = onnx.numpy_helper.to_array(a.t)
        dt = onnx.TensorProto.DataType.Name(a.t.data_type)
        return f"tensor<{dt}{list(arr.shape)}> {arr.tolist()}"
    v = onnx.helper.get_attribute_value(a)
    if isinstance(v, bytes):
        v = v.decode()
    elif isinstance(v, float):
        v = float(f"{v:.8g}")
    elif isinstance(v, list):
        v = [float(f"{x:.8g}") if isinstance(x, float) else x for x in v]
    return repr(v)


def _value_repr(vi):
    import onnx
    t = vi.type.tensor_type
    dims = [str(d.dim_value) if d.HasField("dim_value") else (d.dim_param or "?")
            for d in t.shape.dim] if t.HasField("shape") else ["<unranked>"]
    return f"{vi.name}: {onnx.TensorProto.DataType.Name(t.elem_type)}[{'x'.join(dims)}]"


def dump_graph(graph, indent="", outer=None, outer_inits=frozenset()):
    """Prints every node in order (op type, inputs, outputs, attributes) and descends into
    subgraphs; in a subgraph, inputs read from an enclosing scope are marked [outer]."""
    import onnx
    inits = {t.name: t for t in graph.initializer}
    produced = set(inits) | {i.name for i in graph.input}
    lines = []
    p = lines.append
    p(f"{indent}graph {graph.name or '<unnamed>'}")
    p(f"{indent}  inputs : {[_value_repr(i) for i in graph.input if i.name not in inits]}")
    if inits:
        p(f"{indent}  initializers ({len(inits)}): " + ", ".join(
            f"{t.name}{list(t.dims)}" for t in graph.initializer))
    for k, node in enumerate(graph.node):
        ins = []
        for i in node.input:
            tag = ""
            if outer is not None and i and i not in produced:
                tag = " [outer: initializer]" if i in outer_inits else " [outer: value]"
            elif i in inits:
                tag = " [init]"
            ins.append(f"{i}{tag}")
        attrs = ", ".join(f"{a.name}={_attr_repr(a)}" for a in node.attribute)
        p(f"{indent}  #{k} {node.op_type}({', '.join(ins)}) -> {list(node.output)}"
          + (f"  {{{attrs}}}" if attrs else ""))
        for a in node.attribute:
            if a.type == onnx.AttributeProto.GRAPH:
                p(f"{indent}    branch {a.name}:")
                lines.extend(dump_graph(a.g, indent + "      ", outer=produced,
                                        outer_inits=set(outer_inits) | set(inits)))
        produced.update(o for o in node.output if o)
    outs = []
    for o in graph.output:
        tag = " [outer]" if outer is not None and o.name not in produced else ""  # noqa
        outs.append(_value_repr(o) + tag)
    p(f"{indent}  outputs: {outs}")
    return lines


# ----------------------------------------------------------------------------------------
# Reference data and onnxruntime references
# ----------------------------------------------------------------------------------------

def ref_inputs(kind):
    te_img, te_lab = load_split("test")
    x = normalize_1x28(te_img[:NUM_REF_SAMPLES])
    if kind == "3x32":
        x = to_3x32(x)
    return x.contiguous(), te_lab[:NUM_REF_SAMPLES]


def write_data(args):
    os.makedirs(args.data_dir, exist_ok=True)
    for kind in ("1x28", "3x32"):
        x, labels = ref_inputs(kind)
        path = os.path.join(args.data_dir, DATA_FILE[kind])
        x.numpy().astype("<f4").tofile(path)
        print(f"wrote {path} ({os.path.getsize(path)} bytes, shape {list(x.shape)})")
    path = os.path.join(args.data_dir, "labels_64.json")
    with open(path, "w") as f:
        json.dump({"dataset": "Fashion-MNIST t10k, first 64 images",
                   "classes": ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
                   "labels": [int(v) for v in labels]}, f)
        f.write("\n")
    print(f"wrote {path}")


def node_modules():
    out = subprocess.run(["bash", os.path.join(REPO, "scripts", "npm-deps.sh")],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    return out.strip().splitlines()[-1]


def ref_path(data_dir, name):
    return os.path.join(data_dir, ONNX_NAME[name].replace(".onnx", ".ref.json"))


def write_refs(names, args):
    nm = node_modules()
    for name in names:
        kind = INPUT_KIND[name]
        cmd = ["node", os.path.join(HERE, "ort_reference.mjs"),
               "--model", os.path.join(args.models_dir, ONNX_NAME[name]),
               "--input", os.path.join(args.data_dir, DATA_FILE[kind]),
               "--shape", ",".join(map(str, INPUT_SHAPE[kind])),
               "--count", str(NUM_REF_SAMPLES),
               "--out", ref_path(args.data_dir, name),
               "--node-modules", nm]
        print("+", " ".join(cmd), flush=True)
        subprocess.run(cmd, check=True)


@torch.no_grad()
def verify(names, args):
    ok = True
    for name in names:
        base = CKPT_OF[name]
        net, meta = load_trained(base, args, allow_random=(base == "vgg19"))
        kind = INPUT_KIND[name]
        x = np.fromfile(os.path.join(args.data_dir, DATA_FILE[kind]), dtype="<f4")
        x = torch.from_numpy(x).reshape(NUM_REF_SAMPLES, *INPUT_SHAPE[kind][1:])
        with open(ref_path(args.data_dir, name)) as f:
            ref = json.load(f)
        if name == "lenet_if":
            mod = BLeNetIf(net, meta["thresholds"][0]).eval()
            scripted = torch.jit.script(mod)
            torch_outs = [{"output": scripted(x[i:i + 1])} for i in range(NUM_REF_SAMPLES)]
        else:
            names_out = output_names(len(net.exits))
            torch_outs = []
            for i in range(NUM_REF_SAMPLES):
                ys = net(x[i:i + 1])
                torch_outs.append(dict(zip(names_out, ys)))
        max_abs, max_rel = 0.0, 0.0
        for t, r in zip(torch_outs, ref["samples"]):
            assert set(t) == set(r), (set(t), set(r))
            for k in t:
                a = t[k].reshape(-1).double()
                b = torch.tensor(r[k], dtype=torch.float64)
                d = float((a - b).abs().max())
                max_abs = max(max_abs, d)
                max_rel = max(max_rel, d / max(1.0, float(a.abs().max())))
        good = max_rel <= 1e-5
        ok &= good
        print(f"[{name}] torch vs onnxruntime-node {ref.get('ort_version')} on "
              f"{len(ref['samples'])} samples, outputs {list(torch_outs[0])}: "
              f"max |diff| = {max_abs:.3g}, max |diff|/max(1,|y|) = {max_rel:.3g} "
              f"-> {'OK' if good else 'MISMATCH'}", flush=True)
        if name == "lenet_if" and os.path.exists(ref_path(args.data_dir, "lenet")):
            # The If model must return b_lenet's exit0 when max softmax > threshold, else
            # its final logits (compared on the onnxruntime references of both files).
            with open(ref_path(args.data_dir, "lenet")) as f:
                multi = json.load(f)["samples"]
            t = meta["thresholds"][0]
            t32 = float(np.float32(t))   # the If graph compares against a float32 constant
            taken, worst = 0, 0.0
            for m, r in zip(multi, ref["samples"]):
                y0 = torch.tensor(m["exit0"], dtype=torch.float32)
                conf = float(torch.softmax(y0, 0).max())
                want = m["exit0"] if conf > t32 else m["final"]
                taken += conf > t32
                worst = max(worst, max(abs(a - b) for a, b in zip(want, r["output"])))
            good = worst <= 1e-5
            ok &= good
            print(f"[{name}] If output vs b_lenet exit0/final chosen by max softmax > {t:g}: "
                  f"exit0 taken for {taken}/{len(multi)} samples, max |diff| = {worst:.3g} "
                  f"-> {'OK' if good else 'MISMATCH'}", flush=True)
        elif name != "lenet_if":
            labels = None
            lab_path = os.path.join(args.data_dir, "labels_64.json")
            if os.path.exists(lab_path):
                with open(lab_path) as f:
                    labels = torch.tensor(json.load(f)["labels"])
            if labels is not None:
                logits = [torch.tensor([s[k] for s in ref["samples"]]) for k in ref["outputs"]]
                sim = simulate_early_exit(logits, labels, meta["thresholds"])
                print(f"[{name}] on these 64 samples (onnxruntime): accuracy per exit "
                      f"{[round(a * 100, 1) for a in accuracies(logits, labels)]}, early exit "
                      f"with thresholds {meta['thresholds']}: fractions "
                      f"{[round(f, 3) for f in sim['exit_fractions']]}, "
                      f"accuracy {sim['accuracy'] * 100:.1f}%", flush=True)
    return ok


# ----------------------------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------------------------

def select(args, default):
    names = args.only or default
    for n in names:
        if n not in ALL_MODELS:
            sys.exit(f"error: unknown model '{n}' (choose from {', '.join(ALL_MODELS)})")
    return names


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", choices=["train", "eval", "export", "data", "refs", "verify",
                                       "info", "dump", "all"])
    p.add_argument("--only", nargs="+", metavar="MODEL",
                   help=f"models to handle ({', '.join(ALL_MODELS)}); default: the committed "
                        f"ones ({', '.join(COMMITTED)})")
    p.add_argument("--out", dest="models_dir", default=DEFAULT_MODELS_DIR,
                   help="directory for .onnx files (default: examples/zoo/models)")
    p.add_argument("--data-dir", default=DEFAULT_DATA_DIR,
                   help="directory for inputs, labels and references (default: examples/zoo/data)")
    p.add_argument("--ckpt-dir", default=DEFAULT_CKPT_DIR,
                   help="checkpoint directory, outside the clone (default: "
                        "${EECC_CACHE_DIR:-~/.cache/eecc}/zoo/ckpt)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--smoke", action="store_true",
                   help="tiny training run to test the pipeline (use with another --ckpt-dir)")
    p.add_argument("--vgg-train-samples", type=int, default=0,
                   help="train vgg19 for one epoch on this many samples (default 0: random init)")
    args = p.parse_args()

    names = select(args, COMMITTED)
    trainable = []
    for n in names:
        if CKPT_OF[n] not in trainable:
            trainable.append(CKPT_OF[n])

    if args.command in ("train", "all"):
        for n in trainable:
            train_model(n, args)
    if args.command == "eval":
        for n in trainable:
            net, meta = load_trained(n, args)
            evaluate_model(n, net, meta, args)
    if args.command in ("export", "all"):
        for n in names:
            export_model(n, args, args.models_dir)
    if args.command in ("data", "all"):
        write_data(args)
    if args.command in ("refs", "all"):
        write_refs(names, args)
    if args.command in ("export", "info", "all"):
        for n in names:
            meta_path = os.path.join(args.ckpt_dir, f"{CKPT_OF[n]}.json")
            meta = None
            if os.path.exists(meta_path) and n != "lenet_if":
                with open(meta_path) as f:
                    meta = json.load(f)
            summarize(os.path.join(args.models_dir, ONNX_NAME[n]), meta)
            if n != "lenet_if":
                arch = architecture_summary(n)
                print("   params / MACs per part:", ", ".join(
                    f"{k} {p} / {m}" for k, p, m in arch),
                    f"(total {sum(p for _, p, _ in arch)} / {sum(m for _, _, m in arch)})")
    if args.command == "dump":
        import onnx
        for n in names:
            path = os.path.join(args.models_dir, ONNX_NAME[n])
            print(f"== {path}")
            print("\n".join(dump_graph(onnx.load(path).graph)))
    if args.command in ("verify", "all"):
        if not verify(names, args):
            sys.exit(1)


if __name__ == "__main__":
    main()
