#!/usr/bin/env python3
"""The golden set cut to its first image: finds tests that assume the golden cases' image count.

Hidden golden sets with the same case names but other shapes run against the tests, so a test must take every
shape from the case. This writes a copy of the golden directory in which every input.* / expected.* tensor whose
first dimension is the case's batch (input.image's count) keeps only its first row, and the JSON says so (input.batch, tensors).
Weights and other cases are copied unchanged. Standard library only.

  tests/support/goldenbatch1.py ../shared/golden /tmp/golden1
  BCOS_GOLDEN_DIR=/tmp/golden1 build/tests/explain/bcos_explain_tests
"""
import json
import os
import shutil
import struct
import sys

CASES = ['resnet_basic', 'resnet_bottleneck', 'densenet', 'gradcam', 'vit_simple', 'vitc']


def batched(key, shape, n):
    return (key.startswith('input.') or key.startswith('expected.')) and len(shape) > 0 and shape[0] == n


def cut_case(source, target, name, n):
    data = open(os.path.join(source, name + '.safetensors'), 'rb').read()
    length = struct.unpack('<Q', data[:8])[0]
    header, body = json.loads(data[8:8 + length]), data[8 + length:]
    out, chunks, offset = {}, [], 0
    for key, info in header.items():
        if key == '__metadata__':
            out[key] = info
            continue
        begin, end = info['data_offsets']
        raw, shape = body[begin:end], list(info['shape'])
        if batched(key, shape, n):
            raw, shape[0] = raw[:len(raw) // n], 1
        out[key] = {'dtype': info['dtype'], 'shape': shape, 'data_offsets': [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(out).encode()
    text += b' ' * ((8 - len(text) % 8) % 8)
    with open(os.path.join(target, name + '.safetensors'), 'wb') as file:
        file.write(struct.pack('<Q', len(text)) + text + b''.join(chunks))
    description = json.load(open(os.path.join(source, name + '.json')))
    if isinstance(description.get('input'), dict) and 'batch' in description['input']:
        description['input']['batch'] = 1
    for key, info in description.get('tensors', {}).items():
        if batched(key, info['shape'], n):
            info['shape'][0] = 1
    with open(os.path.join(target, name + '.json'), 'w') as file:
        json.dump(description, file, indent=1)


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: goldenbatch1.py GOLDEN_DIR OUT_DIR')
    source, target = sys.argv[1], sys.argv[2]
    if os.path.exists(target):
        shutil.rmtree(target)
    shutil.copytree(source, target)
    for root, _, files in os.walk(target):  # the shared copy is read-only
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)
    for name in CASES:  # the batch: the images' count
        tensors = json.load(open(os.path.join(source, name + '.json')))['tensors']
        cut_case(source, target, name, tensors['input.image']['shape'][0])
    print(f'{target}: {", ".join(CASES)} cut to their first image')


main()
