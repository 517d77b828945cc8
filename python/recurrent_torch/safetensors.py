"""The safetensors format in pure Python (torch 1.13 from Debian has no safetensors package).

    8 bytes   N, the header length, unsigned 64-bit little-endian
    N bytes   JSON header: {"__metadata__": {str: str}, name: {dtype, shape, data_offsets}}
    rest      raw little-endian tensor data; data_offsets [begin, end) are relative to here

The same layout @recurrent/train reads and writes (packages/train/src/checkpoint/safetensors.ts).

    >>> save_file({"head.bias": torch.zeros(3)}, "model.safetensors")
    >>> load_file("model.safetensors")["head.bias"].shape
    torch.Size([3])
"""
from __future__ import annotations

import json
import struct
import sys
from typing import Dict, Mapping, Optional, Tuple

import torch

_DTYPES: Dict[str, torch.dtype] = {
    "F64": torch.float64,
    "F32": torch.float32,
    "F16": torch.float16,
    "BF16": torch.bfloat16,
    "I64": torch.int64,
    "I32": torch.int32,
    "I16": torch.int16,
    "I8": torch.int8,
    "U8": torch.uint8,
    "BOOL": torch.bool,
}
_NAMES: Dict[torch.dtype, str] = {v: k for k, v in _DTYPES.items()}
_MAX_HEADER = 100_000_000  # the reference implementation's limit


class SafetensorsError(ValueError):
    """A file that is not valid safetensors; the message names the file and what is wrong."""


def _check_little_endian() -> None:
    if sys.byteorder != "little":
        raise SafetensorsError("safetensors: this host is big-endian; only little-endian hosts are supported.")


def encode(tensors: Mapping[str, torch.Tensor], metadata: Optional[Mapping[str, str]] = None) -> bytes:
    """Bytes of a safetensors file holding `tensors` in the given order."""
    _check_little_endian()
    header: Dict[str, object] = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    chunks = []
    offset = 0
    for name, tensor in tensors.items():
        t = tensor.detach().cpu().contiguous()
        if t.dtype not in _NAMES:
            raise SafetensorsError(f"safetensors: tensor {name!r} has dtype {t.dtype}; expected one of {sorted(_NAMES.values())}.")
        data = t.numpy().tobytes() if t.dtype != torch.bfloat16 else t.view(torch.int16).numpy().tobytes()
        header[name] = {"dtype": _NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)  # pad to a multiple of 8, as the reference writer does
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def decode(data: bytes, where: str = "safetensors") -> Tuple[Dict[str, torch.Tensor], Dict[str, str]]:
    """Tensors (in file order) and metadata of safetensors bytes; every offset is checked."""
    _check_little_endian()
    if len(data) < 8:
        raise SafetensorsError(f"{where}: {len(data)} bytes, shorter than the 8-byte header length.")
    (n,) = struct.unpack("<Q", data[:8])
    if n > _MAX_HEADER or 8 + n > len(data):
        raise SafetensorsError(f"{where}: the header claims {n} bytes but the file has {len(data) - 8} after the length.")
    try:
        header = json.loads(data[8 : 8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SafetensorsError(f"{where}: the header is not JSON ({e}).") from e
    if not isinstance(header, dict):
        raise SafetensorsError(f"{where}: expected a JSON object as the header, got {type(header).__name__}.")
    metadata = header.pop("__metadata__", {}) or {}
    body = memoryview(data)[8 + n :]
    spans = []
    tensors: Dict[str, torch.Tensor] = {}
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        dtype = _DTYPES.get(info.get("dtype"))
        if dtype is None:
            raise SafetensorsError(f"{where}: tensor {name!r} has dtype {info.get('dtype')!r}; expected one of {', '.join(_DTYPES)}.")
        shape = [int(d) for d in info["shape"]]
        begin, end = (int(o) for o in info["data_offsets"])
        count = 1
        for d in shape:
            count *= d
        size = torch.tensor([], dtype=dtype).element_size()
        if end - begin != count * size or end > len(body) or begin < 0:
            raise SafetensorsError(f"{where}: tensor {name!r} spans bytes [{begin}, {end}), expected {count * size} bytes for shape {shape} within {len(body)}.")
        spans.append((begin, end))
        raw = bytearray(body[begin:end])
        t = torch.frombuffer(raw, dtype=dtype) if count > 0 else torch.empty(0, dtype=dtype)
        tensors[name] = t.reshape(shape).clone()
    at = 0
    for begin, end in sorted(spans):
        if begin != at:
            raise SafetensorsError(f"{where}: the tensor data has a hole or overlap at byte {at} (next tensor starts at {begin}).")
        at = end
    if at != len(body):
        raise SafetensorsError(f"{where}: {len(body) - at} bytes after the last tensor.")
    # File order, as written.
    ordered = dict(sorted(tensors.items(), key=lambda kv: header[kv[0]]["data_offsets"][0]))
    return ordered, {str(k): str(v) for k, v in metadata.items()}


def save_file(tensors: Mapping[str, torch.Tensor], path: str, metadata: Optional[Mapping[str, str]] = None) -> None:
    """Writes `tensors` to `path` (a temporary name, then renamed: a crash leaves no half file)."""
    import os

    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(encode(tensors, metadata))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def load_file(path: str) -> Dict[str, torch.Tensor]:
    """The tensors of a safetensors file, by name."""
    with open(path, "rb") as f:
        tensors, _ = decode(f.read(), path)
    return tensors
