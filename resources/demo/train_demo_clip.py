#!/usr/bin/python3
"""Trains the studio's demo CLIP (stage 1 of resources/demo/make-demo-clip.sh) and halves its B-cos copy (stage 3).

What it trains
  A CLIP of OpenAI's architecture (CLIP/clip/model.py), only small:
  - image tower: ModifiedResNet (3-conv stem + avg-pool, Bottlenecks with avg-pool anti-aliasing before the
    stride, attention pooling) as fashion-mnist-clip.json gives it: layers (1, 1, 1, 1), width 8, 4 heads,
    64 x 64 input (a 2 x 2 token grid), embedding 64;
  - text tower: CLIP's text transformer (token + positional embedding, pre-norm blocks with the causal mask,
    QuickGELU, ln_final, the EOT token's feature @ text_projection), width 16, 2 heads, 3 layers, CLIP's
    BPE vocabulary (49408 tokens, bpe_simple_vocab_16e6.txt.gz) and context length 77.
  It learns from 2 x 2 mosaics of Fashion-MNIST training images (each 28 x 28 image centred in a 32 x 32 cell,
  a cell left empty with probability 0.2) against 50 templated captions: "a photo of a {class} in the
  {top left|top right|bottom left|bottom right}" and the plain "a photo of a {class}". The loss is the sigmoid
  (SigLIP-style) contrastive loss of every mosaic against every caption: a caption is a positive for a mosaic
  when it is true of it (the class in that cell; for the plain caption, the class anywhere). The state dict is
  written in OpenAI CLIP's key layout ("visual.*", "token_embedding.weight", "transformer.resblocks.*", ...),
  which `bcos train --mode clip-distill --weights` reads.
  It also writes the mosaics the distillation trains on (IDX files, labels = the class in the top-left cell)
  and four demo mosaics of test images (PNG), each with a sneaker: top left, top right, bottom left, bottom right.

How long
  2000 steps of 64 mosaics: 3 min 48 s of CPU on one thread; 15 min 50 s wall on the shared 2-core VM, where
  other builds ran at the same time (2026-12-04). One thread is faster than two on a busy machine.
  At the end it prints its test figures: of the 4 classes in a mosaic of test images, 86.4 % are among the 4
  plain captions it ranks highest; the positional captions are at chance (24.2 %, it does not learn where).

What the result can and cannot do
  It knows the ten Fashion-MNIST classes (lower-case names as in fashion-mnist-classes.txt: "t-shirt/top",
  "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot") and the four
  positions, in the two caption templates above. Other words have untrained embeddings: prompts outside that
  vocabulary give meaningless maps. Images must look like Fashion-MNIST (grey objects on black, 28 px cells
  in a 64 px mosaic); photographs are out of its world.

Usage
  train_demo_clip.py train --data /usr/share/datasets/fashion-mnist --vocab bpe_simple_vocab_16e6.txt.gz \
      --arch fashion-mnist-clip.json --out WORKDIR --demo-images resources/demo [--steps N] [--threads 1]
  train_demo_clip.py half MODEL.safetensors OUT.safetensors   (floating-point tensors as F16, metadata kept)
"""

import argparse
import gzip
import json
import math
import os
import re
import struct
import sys
import time
import zlib
from collections import OrderedDict

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

CLASSES = ["t-shirt/top", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot"]
POSITIONS = ["top left", "top right", "bottom left", "bottom right"]
CELL = 32        # a 28 px image centred in a 32 px cell
RESOLUTION = 64  # 2 x 2 cells
TEXT_ARCH = {"context_length": 77, "vocab_size": 49408, "transformer_width": 16, "transformer_heads": 2,
             "transformer_layers": 3}
CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)


# ---- CLIP's BPE tokenizer (clip/simple_tokenizer.py) for plain ASCII captions (no ftfy/regex needed) ----

def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


class Tokenizer:
    def __init__(self, vocab_path):
        merges = gzip.open(vocab_path).read().decode("utf-8").split("\n")[1:49152 - 256 - 2 + 1]
        merges = [tuple(m.split()) for m in merges]
        vocab = list(bytes_to_unicode().values())
        vocab = vocab + [v + "</w>" for v in vocab] + ["".join(m) for m in merges]
        vocab += ["<|startoftext|>", "<|endoftext|>"]
        self.encoder = {v: i for i, v in enumerate(vocab)}
        self.ranks = {m: i for i, m in enumerate(merges)}
        self.byte_encoder = bytes_to_unicode()
        self.pattern = re.compile(r"'s|'t|'re|'ve|'m|'ll|'d|[a-z]+|[0-9]|[^\sa-z0-9]+")

    def bpe(self, token):
        word = tuple(token[:-1]) + (token[-1] + "</w>",)
        while len(word) > 1:
            pairs = [(word[i], word[i + 1]) for i in range(len(word) - 1)]
            best = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
            if best not in self.ranks:
                break
            merged, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and (word[i], word[i + 1]) == best:
                    merged.append(word[i] + word[i + 1])
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            word = tuple(merged)
        return word

    def encode(self, text):
        if not text.isascii():
            raise ValueError(f"caption {text!r}: this tokenizer handles ASCII captions only")
        text = " ".join(text.split()).lower()
        ids = []
        for token in self.pattern.findall(text):
            token = "".join(self.byte_encoder[b] for b in token.encode("utf-8"))
            ids += [self.encoder[t] for t in self.bpe(token)]
        return ids

    def tokenize(self, texts, context_length):
        out = torch.zeros(len(texts), context_length, dtype=torch.long)
        for row, text in enumerate(texts):
            ids = [self.encoder["<|startoftext|>"]] + self.encode(text) + [self.encoder["<|endoftext|>"]]
            if len(ids) > context_length:
                raise ValueError(f"caption {text!r} is longer than {context_length} tokens")
            out[row, :len(ids)] = torch.tensor(ids)
        return out


# ---- CLIP's model (clip/model.py), module names as OpenAI's state dict ----

class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.avgpool = nn.AvgPool2d(stride) if stride > 1 else nn.Identity()
        self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.downsample = None
        if stride > 1 or inplanes != planes * 4:
            self.downsample = nn.Sequential(OrderedDict([
                ("-1", nn.AvgPool2d(stride)),
                ("0", nn.Conv2d(inplanes, planes * 4, 1, stride=1, bias=False)),
                ("1", nn.BatchNorm2d(planes * 4))]))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(self.avgpool(out)))
        identity = self.downsample(x) if self.downsample is not None else x
        return F.relu(out + identity)


class AttentionPool2d(nn.Module):
    def __init__(self, spacial_dim, embed_dim, num_heads, output_dim):
        super().__init__()
        self.positional_embedding = nn.Parameter(torch.randn(spacial_dim ** 2 + 1, embed_dim) / embed_dim ** 0.5)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.c_proj = nn.Linear(embed_dim, output_dim)
        self.num_heads = num_heads

    def forward(self, x):
        x = x.flatten(start_dim=2).permute(2, 0, 1)  # NCHW -> (HW)NC
        x = torch.cat([x.mean(dim=0, keepdim=True), x], dim=0)
        x = x + self.positional_embedding[:, None, :].to(x.dtype)
        x, _ = F.multi_head_attention_forward(
            query=x[:1], key=x, value=x, embed_dim_to_check=x.shape[-1], num_heads=self.num_heads,
            q_proj_weight=self.q_proj.weight, k_proj_weight=self.k_proj.weight, v_proj_weight=self.v_proj.weight,
            in_proj_weight=None, in_proj_bias=torch.cat([self.q_proj.bias, self.k_proj.bias, self.v_proj.bias]),
            bias_k=None, bias_v=None, add_zero_attn=False, dropout_p=0, out_proj_weight=self.c_proj.weight,
            out_proj_bias=self.c_proj.bias, use_separate_proj_weight=True, training=self.training,
            need_weights=False)
        return x.squeeze(0)


class ModifiedResNet(nn.Module):
    def __init__(self, layers, output_dim, heads, input_resolution, width):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width // 2, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width // 2)
        self.conv2 = nn.Conv2d(width // 2, width // 2, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(width // 2)
        self.conv3 = nn.Conv2d(width // 2, width, 3, padding=1, bias=False)
        self.bn3 = nn.BatchNorm2d(width)
        self.avgpool = nn.AvgPool2d(2)
        self._inplanes = width
        self.layer1 = self._make_layer(width, layers[0])
        self.layer2 = self._make_layer(width * 2, layers[1], stride=2)
        self.layer3 = self._make_layer(width * 4, layers[2], stride=2)
        self.layer4 = self._make_layer(width * 8, layers[3], stride=2)
        self.attnpool = AttentionPool2d(input_resolution // 32, width * 32, heads, output_dim)

    def _make_layer(self, planes, blocks, stride=1):
        layers = [Bottleneck(self._inplanes, planes, stride)]
        self._inplanes = planes * 4
        layers += [Bottleneck(self._inplanes, planes) for _ in range(1, blocks)]
        return nn.Sequential(*layers)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.bn2(self.conv2(x)))
        x = self.avgpool(F.relu(self.bn3(self.conv3(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.attnpool(x)


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class ResidualAttentionBlock(nn.Module):
    def __init__(self, d_model, n_head, attn_mask):
        super().__init__()
        self.attn = nn.MultiheadAttention(d_model, n_head)
        self.ln_1 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(OrderedDict([
            ("c_fc", nn.Linear(d_model, d_model * 4)), ("gelu", QuickGELU()), ("c_proj", nn.Linear(d_model * 4, d_model))]))
        self.ln_2 = nn.LayerNorm(d_model)
        self.attn_mask = attn_mask

    def forward(self, x):
        h = self.ln_1(x)
        mask = self.attn_mask[:len(x), :len(x)].to(x.dtype)  # shorter sequences: see Clip.encode_text
        x = x + self.attn(h, h, h, need_weights=False, attn_mask=mask)[0]
        return x + self.mlp(self.ln_2(x))


class Clip(nn.Module):
    def __init__(self, embed_dim, vision, text):
        super().__init__()
        self.context_length = text["context_length"]
        self.visual = ModifiedResNet(**vision)
        width = text["transformer_width"]
        mask = torch.full((self.context_length, self.context_length), float("-inf")).triu(1)
        self.transformer = nn.Module()
        self.transformer.resblocks = nn.Sequential(
            *[ResidualAttentionBlock(width, text["transformer_heads"], mask) for _ in range(text["transformer_layers"])])
        self.token_embedding = nn.Embedding(text["vocab_size"], width)
        self.positional_embedding = nn.Parameter(torch.empty(self.context_length, width))
        self.ln_final = nn.LayerNorm(width)
        self.text_projection = nn.Parameter(torch.empty(width, embed_dim))
        self.logit_scale = nn.Parameter(torch.ones([]) * math.log(10))  # SigLIP's init: scale 10, bias -10
        self.logit_bias = nn.Parameter(torch.ones([]) * -10)
        nn.init.normal_(self.token_embedding.weight, std=0.02)
        nn.init.normal_(self.positional_embedding, std=0.01)
        nn.init.normal_(self.text_projection, std=width ** -0.5)

    def encode_image(self, image):
        return self.visual(image)

    def encode_text(self, tokens):
        """tokens [N, L <= context_length]: with the causal mask, the EOT feature of a sequence cut after its
        longest caption's EOT equals the full-context one, at a fraction of the cost."""
        x = self.token_embedding(tokens) + self.positional_embedding[:tokens.shape[1]]
        x = self.transformer.resblocks(x.permute(1, 0, 2)).permute(1, 0, 2)
        x = self.ln_final(x)
        return x[torch.arange(x.shape[0]), tokens.argmax(dim=-1)] @ self.text_projection

    def openai_state_dict(self):
        """OpenAI CLIP's keys: everything but our SigLIP bias (OpenAI's CLIP has none)."""
        return OrderedDict((k, v) for k, v in self.state_dict().items() if k != "logit_bias")


# ---- data: Fashion-MNIST IDX files, mosaics ----

def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_split(folder, prefix):
    def find(name):
        for candidate in (name, name + ".gz"):
            if os.path.exists(os.path.join(folder, candidate)):
                return os.path.join(folder, candidate)
        raise SystemExit(f"{folder}: no {name}[.gz] (expected Fashion-MNIST's IDX files)")
    images = read_idx(find(f"{prefix}-images-idx3-ubyte"))
    labels = read_idx(find(f"{prefix}-labels-idx1-ubyte"))
    if images.shape[1:] != (28, 28) or len(labels) != len(images):
        raise SystemExit(f"{folder}: {prefix} images must be [N, 28, 28] with N labels, got {images.shape}, {labels.shape}")
    return torch.from_numpy(images.copy()), torch.from_numpy(labels.astype(np.int64))


def mosaics(images, labels, indices):
    """indices [B, 4] (-1 = empty cell) -> uint8 mosaics [B, 64, 64], cell labels [B, 4] (-1 = empty)."""
    batch = indices.shape[0]
    out = torch.zeros(batch, RESOLUTION, RESOLUTION, dtype=torch.uint8)
    cells = torch.full((batch, 4), -1, dtype=torch.long)
    pad = (CELL - 28) // 2
    for cell in range(4):
        y, x = (cell // 2) * CELL + pad, (cell % 2) * CELL + pad
        present = indices[:, cell] >= 0
        chosen = indices[present, cell]
        out[present, y:y + 28, x:x + 28] = images[chosen]
        cells[present, cell] = labels[chosen]
    return out, cells


def random_cells(count, size, generator, empty=0.2):
    indices = torch.randint(size, (count, 4), generator=generator)
    blank = torch.rand(count, 4, generator=generator) < empty
    return torch.where(blank, torch.full_like(indices, -1), indices)


def distinct_class_cells(labels, count, generator, first=None):
    """count x 4 image indices whose classes are pairwise different (the evaluation's mosaics); `first`: the
    first cell's class."""
    by_class = [torch.nonzero(labels == c).flatten() for c in range(len(CLASSES))]
    rows = []
    for _ in range(count):
        classes = torch.randperm(len(CLASSES), generator=generator)
        if first is not None:
            classes = torch.cat([torch.tensor([first]), classes[classes != first]])
        classes = classes[:4]
        rows.append([by_class[c][torch.randint(len(by_class[c]), (1,), generator=generator)].item() for c in classes])
    return torch.tensor(rows)


def normalise(mosaic_u8):
    x = mosaic_u8.float().div(255).unsqueeze(1).expand(-1, 3, -1, -1)
    mean = torch.tensor(CLIP_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(CLIP_STD).view(1, 3, 1, 1)
    return (x - mean) / std


def captions():
    """50 captions: per class the plain one, then one per position. Index = class * 5 + (0 plain | 1 + cell)."""
    texts = []
    for name in CLASSES:
        texts.append(f"a photo of a {name}")
        texts += [f"a photo of a {name} in the {where}" for where in POSITIONS]
    return texts


def caption_targets(cells):
    """cells [B, 4] -> targets [B, 50]: 1 where the caption is true of the mosaic."""
    targets = torch.zeros(cells.shape[0], len(CLASSES), 5)
    for cell in range(4):
        present = cells[:, cell] >= 0
        rows = torch.nonzero(present).flatten()
        targets[rows, cells[rows, cell], 0] = 1
        targets[rows, cells[rows, cell], 1 + cell] = 1
    return targets.flatten(1)


# ---- files: safetensors, IDX, PNG ----

SAFETENSORS_DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.int64: "I64"}


def write_safetensors(path, tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, tensor in tensors.items():
        data = tensor.detach().contiguous().cpu().numpy().tobytes()
        header[name] = {"dtype": SAFETENSORS_DTYPES[tensor.dtype], "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)) + encoded)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    numpy_types = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "F64": np.float64, "I32": np.int32}
    with open(path, "rb") as f:
        data = f.read()
    size = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + size])
    metadata = header.pop("__metadata__", None)
    tensors = OrderedDict()
    for name, entry in sorted(header.items(), key=lambda item: item[1]["data_offsets"][0]):
        if entry["dtype"] not in numpy_types:
            raise SystemExit(f"{path}: tensor '{name}': dtype {entry['dtype']} not handled (expected F32/F16/I64)")
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[8 + size + begin:8 + size + end], dtype=numpy_types[entry["dtype"]])
        tensors[name] = torch.from_numpy(array.copy()).reshape(entry["shape"])
    return tensors, metadata


def write_idx(path, array):
    array = np.ascontiguousarray(array, dtype=np.uint8)
    with open(path, "wb") as f:
        f.write(struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(">" + "I" * array.ndim, *array.shape))
        f.write(array.tobytes())


def write_png(path, gray):
    """8-bit greyscale PNG of a uint8 array [H, W]."""
    height, width = gray.shape
    raw = b"".join(b"\x00" + gray[row].tobytes() for row in range(height))

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


# ---- stages ----

def train(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    started = time.time()
    os.makedirs(args.out, exist_ok=True)
    train_images, train_labels = load_split(args.data, "train")
    test_images, test_labels = load_split(args.data, "t10k")
    tokenizer = Tokenizer(args.vocab)
    texts = captions()
    tokens = tokenizer.tokenize(texts, TEXT_ARCH["context_length"])
    tokens = tokens[:, :int((tokens > 0).sum(1).max())]  # up to the longest caption's EOT

    with open(args.arch) as f:
        vision = {k: v for k, v in json.load(f).items() if k != "family"}
    if vision.get("input_resolution") != RESOLUTION:
        raise SystemExit(f"{args.arch}: 'input_resolution' must be {RESOLUTION} (2 x 2 cells of {CELL} px)")
    model = Clip(vision["output_dim"], vision, TEXT_ARCH)
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=args.steps, pct_start=0.05)
    model.train()
    for step in range(1, args.steps + 1):
        indices = random_cells(args.batch_size, len(train_images), generator)
        mosaic, cells = mosaics(train_images, train_labels, indices)
        image = F.normalize(model.encode_image(normalise(mosaic)), dim=-1)
        text = F.normalize(model.encode_text(tokens), dim=-1)
        logits = image @ text.t() * model.logit_scale.exp() + model.logit_bias
        loss = F.binary_cross_entropy_with_logits(logits, caption_targets(cells), reduction="sum") / len(image)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        if step % args.log_every == 0 or step == args.steps:
            print(f"step {step}/{args.steps} loss {loss.item():.3f} scale {model.logit_scale.exp().item():.1f} "
                  f"({time.time() - started:.0f} s)", flush=True)

    model.eval()
    report = evaluate(model, tokens, test_images, test_labels, generator)
    print(f"test mosaics (distinct classes): plain-caption top-1 per cell {report['plain']:.1%}, "
          f"positional-caption top-1 per cell {report['positional']:.1%}", flush=True)
    weights = os.path.join(args.out, "clip-standard.safetensors")
    write_safetensors(weights, model.openai_state_dict())
    print(f"standard CLIP written to {weights}")

    # The distillation's images: mosaics like the training ones (IDX, labels = the top-left cell's class or 0).
    mosaic_dir = os.path.join(args.out, "mosaics")
    os.makedirs(mosaic_dir, exist_ok=True)
    for prefix, images, labels, count in (("train", train_images, train_labels, args.distill_count),
                                          ("t10k", test_images, test_labels, 1000)):
        mosaic, cells = mosaics(images, labels, random_cells(count, len(images), generator))
        write_idx(os.path.join(mosaic_dir, f"{prefix}-images-idx3-ubyte"), mosaic.numpy())
        write_idx(os.path.join(mosaic_dir, f"{prefix}-labels-idx1-ubyte"), cells[:, 0].clamp(min=0).numpy())
    print(f"distillation mosaics written to {mosaic_dir}")

    if args.demo_images:  # four mosaics of test images, each with a sneaker, in cell 1, 2, 3 and 4
        cells = distinct_class_cells(test_labels, 4, generator, first=CLASSES.index("sneaker"))
        for number in range(4):
            cells[number, [0, number]] = cells[number, [number, 0]]
        mosaic, _ = mosaics(test_images, test_labels, cells)
        for number, image in enumerate(mosaic):
            write_png(os.path.join(args.demo_images, f"clip-mosaic-{number + 1}.png"), image.numpy())
        print(f"demo mosaics written to {args.demo_images}: " + "; ".join(
            ", ".join(CLASSES[test_labels[i]] for i in row) for row in cells.tolist()))
    print(f"train_demo_clip.py train: {time.time() - started:.0f} s")


@torch.no_grad()
def evaluate(model, tokens, images, labels, generator, count=500):
    mosaic, cells = mosaics(images, labels, distinct_class_cells(labels, count, generator))
    image = F.normalize(model.encode_image(normalise(mosaic)), dim=-1)
    text = F.normalize(model.encode_text(tokens), dim=-1).view(len(CLASSES), 5, -1)
    plain = image @ text[:, 0].t()                        # [B, 10]: the 4 present classes should rank top
    top4 = plain.topk(4, dim=1).indices
    plain_hits = sum(len(set(a.tolist()) & set(b.tolist())) for a, b in zip(top4, cells)) / cells.numel()
    positional = torch.einsum("bd,kcd->bck", image, text[:, 1:])  # [B, cell, class]
    positional_hits = (positional.argmax(-1) == cells).float().mean().item()
    return {"plain": plain_hits, "positional": positional_hits}


def half(args):
    tensors, metadata = read_safetensors(args.model)
    halved = OrderedDict((k, v.half() if v.is_floating_point() else v) for k, v in tensors.items())
    write_safetensors(args.out, halved, metadata)
    print(f"{args.out}: {os.path.getsize(args.out)} bytes (from {os.path.getsize(args.model)})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="train the standard demo CLIP and write the distillation mosaics")
    t.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    t.add_argument("--vocab", required=True, help="bpe_simple_vocab_16e6.txt.gz")
    t.add_argument("--arch", required=True, help="the image tower's JSON (fashion-mnist-clip.json)")
    t.add_argument("--out", required=True, help="work folder: clip-standard.safetensors, mosaics/")
    t.add_argument("--demo-images", help="folder for the demo mosaics (clip-mosaic-1..4.png)")
    t.add_argument("--steps", type=int, default=3000)
    t.add_argument("--batch-size", type=int, default=128)
    t.add_argument("--lr", type=float, default=3e-3)
    t.add_argument("--distill-count", type=int, default=20000)
    t.add_argument("--threads", type=int, default=1, help="1: faster than 2 on a busy 2-core machine")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--log-every", type=int, default=100)
    h = sub.add_parser("half", help="store a model file's floating-point tensors as F16")
    h.add_argument("model")
    h.add_argument("out")
    args = parser.parse_args()
    {"train": train, "half": half}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
