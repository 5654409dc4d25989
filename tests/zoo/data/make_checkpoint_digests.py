#!/usr/bin/env python3
"""Writes checkpoint_digests.json: for every fixture in ../shared/fixtures/checkpoints, the tensors of its state
dict as torch.load (torch 1.13) reads them: dtype, shape and the FNV-1a 64 hash of the contiguous little-endian
bytes. The C++ test (checkpoints_test.cpp) compares what our reader loads against it. Run once by hand:
    /usr/bin/python3 tests/zoo/data/make_checkpoint_digests.py /work/shared/fixtures/checkpoints > tests/zoo/data/checkpoint_digests.json
(torch.load runs the pickle: only for these trusted fixtures.)"""
import json, sys, pathlib
import torch

def fnv1a(data: bytes) -> str:
    h = 0xcbf29ce484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"

def tensors(obj):
    sd = obj.get("state_dict", obj) if isinstance(obj, dict) else obj
    return {k: v for k, v in sd.items() if isinstance(v, torch.Tensor)}

out = {}
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.*")):
    if path.suffix not in (".pth", ".ckpt"):
        continue
    obj = torch.load(path, map_location="cpu", weights_only=False) if "weights_only" in torch.load.__code__.co_varnames else torch.load(path, map_location="cpu")
    out[path.name] = {k: {"dtype": str(v.dtype).replace("torch.", ""), "shape": list(v.shape),
                          "fnv1a": fnv1a(v.contiguous().numpy().tobytes())} for k, v in tensors(obj).items()}
json.dump(out, sys.stdout, indent=1, sort_keys=False)
print()
