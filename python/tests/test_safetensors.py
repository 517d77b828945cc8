"""The pure-Python safetensors reader/writer: round trips and the layout checks."""
import struct

import pytest
import torch

from recurrent_torch.safetensors import SafetensorsError, decode, encode, load_file, save_file


def test_round_trip_keeps_names_order_dtypes_and_values(tmp_path):
    tensors = {
        "rnn.weight_ih_l0": torch.randn(8, 3),
        "ids": torch.arange(5, dtype=torch.int32),
        "flags": torch.tensor([True, False]),
        "scalar": torch.tensor(2.5),
    }
    path = str(tmp_path / "m.safetensors")
    save_file(tensors, path, {"format": "pt"})
    back = load_file(path)
    assert list(back) == list(tensors)
    for name, t in tensors.items():
        assert back[name].dtype == t.dtype and torch.equal(back[name], t)
    _, meta = decode(open(path, "rb").read())
    assert meta == {"format": "pt"}


def test_header_is_padded_to_8_bytes_and_little_endian():
    data = encode({"a": torch.tensor([1.0, -2.0])})
    (n,) = struct.unpack("<Q", data[:8])
    assert n % 8 == 0
    assert data[8 + n :] == struct.pack("<2f", 1.0, -2.0)


def test_truncated_and_overlapping_files_are_refused():
    data = encode({"a": torch.zeros(4), "b": torch.zeros(2)})
    with pytest.raises(SafetensorsError, match="spans bytes"):
        decode(data[:-4], "cut.safetensors")
    with pytest.raises(SafetensorsError, match="shorter than the 8-byte"):
        decode(b"\x01", "tiny.safetensors")
    with pytest.raises(SafetensorsError, match="after the last tensor"):
        decode(data + b"\0\0\0\0", "long.safetensors")
