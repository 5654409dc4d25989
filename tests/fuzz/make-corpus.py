#!/usr/bin/python3
"""Regenerates the seed files of tests/fuzz/corpus from real writers: torch.save (Debian's python3-torch),
safetensors written by hand from its published format, IDX headers cut from the installed Fashion-MNIST,
one CIFAR-10 record. Images are made by make-corpus.sh's ImageMagick step. Run from tests/fuzz."""
import collections, gzip, io, json, os, struct, sys, types, zipfile

import torch

corpus = "corpus"


def put(target, name, data):
    with open(os.path.join(corpus, target, name), "wb") as f:
        f.write(data)


def safetensors(tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    names = {torch.float32: "F32", torch.float16: "F16", torch.int64: "I64", torch.uint8: "U8",
             torch.bfloat16: "BF16", torch.bool: "BOOL", torch.int32: "I32", torch.float64: "F64"}
    for key, t in tensors.items():
        data = bytes(t.contiguous().flatten().view(torch.uint8).tolist())
        header[key] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


torch.manual_seed(0)
put("safetensors", "linear.safetensors", safetensors({"fc.weight": torch.randn(3, 2), "fc.bias": torch.randn(3)}))
put("safetensors", "dtypes.safetensors", safetensors(
    {"h": torch.randn(2, 2).half(), "b": torch.randn(3).bfloat16(), "i": torch.arange(4), "u": torch.arange(5, dtype=torch.uint8),
     "m": torch.tensor([True, False]), "d": torch.randn(1, dtype=torch.float64), "s": torch.tensor(7, dtype=torch.int32),
     "e": torch.zeros(0, 3)},
    {"format": "bcos-model-v1", "epoch": "3"}))
put("safetensors", "empty.safetensors", safetensors({}))

# torch.save zips: a state dict, an OrderedDict sharing a storage, a checkpoint dict with scalars.
linear = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.BatchNorm1d(3))


def saved(obj):
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


state = linear.state_dict()
put("torchzip", "state_dict.pt", saved(state))
base = torch.arange(12, dtype=torch.float32)
shared = collections.OrderedDict(whole=base, view=base[2:8].view(2, 3), strided=base.view(3, 4).t(),
                                 half=torch.ones(2, dtype=torch.float16), long=torch.arange(3))
put("torchzip", "shared_views.pt", saved(shared))
put("torchzip", "checkpoint.pt", saved({"model_state_dict": state, "epoch": 3, "lr": 0.1, "name": "run",
                                        "flags": [True, None], "sizes": (1, 2)}))
with zipfile.ZipFile(io.BytesIO(saved(shared))) as archive:
    put("pickle", "shared_views.pkl", archive.read("archive/data.pkl"))
with zipfile.ZipFile(io.BytesIO(saved({"model_state_dict": state, "epoch": 3}))) as archive:
    put("pickle", "checkpoint.pkl", archive.read("archive/data.pkl"))
import pickle
put("pickle", "plain_protocol2.pkl", pickle.dumps({"a": [1, 2.5, "x", b"y", None, True], "b": (1 << 40, -3)}, protocol=2))
import argparse
put("pickle", "namespace_protocol2.pkl", pickle.dumps(argparse.Namespace(lr=0.1, arch="resnet18", layers=[2, 2]), protocol=2))
put("pickle", "ordereddict_protocol4.pkl", pickle.dumps(collections.OrderedDict(k=[{}, (), "é" * 3]), protocol=4))

# A Lightning .ckpt: state_dict with the "model." prefix, hyper_parameters as Lightning's AttributeDict,
# optimizer states (skipped as problems), scalars that become metadata.
for name in ("pytorch_lightning", "pytorch_lightning.utilities"):
    sys.modules[name] = types.ModuleType(name)
module = types.ModuleType("pytorch_lightning.utilities.parsing")
class AttributeDict(dict):
    pass
AttributeDict.__module__ = "pytorch_lightning.utilities.parsing"
module.AttributeDict = AttributeDict
sys.modules["pytorch_lightning.utilities.parsing"] = module
prefixed = collections.OrderedDict(("model." + k, v) for k, v in state.items())
optimizer = torch.optim.SGD(linear.parameters(), lr=0.1, momentum=0.9)
linear(torch.randn(4, 2)).sum().backward()
optimizer.step()
ckpt = {"epoch": 4, "global_step": 40, "pytorch-lightning_version": "1.9.0", "state_dict": prefixed,
        "hyper_parameters": AttributeDict(lr=0.1, b=2.0, arch="resnet18"),
        "optimizer_states": [optimizer.state_dict()], "lr_schedulers": []}
put("ckpt", "lightning.ckpt", saved(ckpt))
put("ckpt", "namespace_hparams.ckpt", saved({"epoch": 1, "state_dict": state, "hparams": argparse.Namespace(lr=0.1, b=2.0)}))
put("ckpt", "plain_state_dict.ckpt", saved(collections.OrderedDict(("module." + k, v) for k, v in state.items())))
put("ckpt", "tiny.safetensors", safetensors({"w": torch.ones(2)}))

# IDX: the real Fashion-MNIST headers with the count cut down to 2 (images) / 3 (labels).
root = "/usr/share/datasets/fashion-mnist"
with gzip.open(os.path.join(root, "t10k-images-idx3-ubyte.gz")) as f:
    header = f.read(16)
    pixels = f.read(2 * 28 * 28)
put("idx", "images-2x28x28", header[:4] + struct.pack(">I", 2) + header[8:] + pixels)
with gzip.open(os.path.join(root, "t10k-labels-idx1-ubyte.gz")) as f:
    header = f.read(8)
    labels = f.read(3)
put("idx", "labels-3", header[:4] + struct.pack(">I", 3) + labels)
put("idx", "images-empty", b"\x00\x00\x08\x03" + struct.pack(">III", 0, 28, 28))

# CIFAR-10: one record and two records (label byte + R, G, B planes of 32x32).
record = bytes([3]) + bytes((i * 7) % 256 for i in range(3072))
put("cifar", "one-record.bin", record)
put("cifar", "two-records.bin", record + bytes([9]) + bytes(3072))
