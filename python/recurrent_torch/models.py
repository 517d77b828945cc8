"""The task models of the `recurrent` packages in PyTorch, the same maths module by module.
Each is built from the `pytorch` entry of an export's config.json and loads its
model.safetensors with `load_state_dict(strict=True)`.

- CharLm (@recurrent/char-lm): embedding -> Recurrent -> linear logits, state carried.
- SentimentModel (@recurrent/sentiment): embedding -> masked (bi)Recurrent -> pooling over
  real steps (last, mean, max) -> linear; one logit (sigmoid) for two labels, else softmax.
- ClinicalModel (@recurrent/clinical): masked LSTM/GRU/GRU-D over the hourly grid -> a linear risk
  logit every hour and at the last real hour; `risk` removes the class-weighting prior shift.
- CaptioningModel (@recurrent/captioning): the from-scratch CNN ("same" 3x3 convs, ReLU, 2x2
  max-pool, grid or global average, ReLU projection) -> the LSTM decoder's initial (h, c) or a
  first input -> teacher-forced masked LSTM over the caption -> linear next-word logits.
"""
from __future__ import annotations

import math
from typing import Any, Dict, List, Optional, Tuple

import torch
from torch import Tensor, nn

from .gru_d import GruD
from .recurrent import Recurrent

NEG = -1e9  # below any tanh output: padded steps never win the max (as pool-sequence.ts)


class CharLm(nn.Module):
    def __init__(self, vocab_size: int, embedding_dim: int, cell: str, layers: int, units: int,
                 reset_after: bool = True, dropout: float = 0.0) -> None:
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim)
        self.rnn = Recurrent(cell, embedding_dim, units, layers, reset_after=reset_after, dropout=dropout)
        self.head = nn.Linear(units, vocab_size)
        self.dropout = dropout

    @classmethod
    def from_config(cls, c: Dict[str, Any]) -> "CharLm":
        return cls(c["vocabSize"], c["embeddingDim"], c["cell"], c["layers"], c["units"],
                   c.get("resetAfter", True), c.get("dropout", 0.0))

    def forward(self, ids: Tensor, state: Optional[List[Tensor]] = None) -> Tuple[Tensor, List[Tensor]]:
        """ids [batch, time] int64 -> logits [batch, time, vocab], final state."""
        x = self.embedding(ids)  # [batch, time, emb]
        seq, _, final = self.rnn(x, None, state)  # [batch, time, units]
        if self.training and self.dropout > 0:
            seq = nn.functional.dropout(seq, self.dropout, True)
        return self.head(seq), final  # [batch, time, vocab]


class SentimentModel(nn.Module):
    def __init__(self, vocab_size: int, embedding_dim: int, cell: str, layers: int, units: int,
                 bidirectional: bool, pooling: str, outputs: int, reset_after: bool = True,
                 dropout: float = 0.0) -> None:
        super().__init__()
        if pooling not in ("last", "mean", "max"):
            raise ValueError(f"SentimentModel: unknown pooling {pooling!r}. Available: last, mean, max.")
        self.embedding = nn.Embedding(vocab_size, embedding_dim)
        self.rnn = Recurrent(cell, embedding_dim, units, layers, bidirectional, reset_after, dropout)
        self.head = nn.Linear(self.rnn.output_size, outputs)
        self.pooling = pooling
        self.dropout = dropout

    @classmethod
    def from_config(cls, c: Dict[str, Any]) -> "SentimentModel":
        return cls(c["vocabSize"], c["embeddingDim"], c["cell"], c["layers"], c["units"], c["bidirectional"],
                   c["pooling"], c["outputs"], c.get("resetAfter", True), c.get("dropout", 0.0))

    def forward(self, ids: Tensor, mask: Tensor) -> Tensor:
        """ids [batch, time] int64, mask [batch, time] float (1 = real token) -> logits [batch, outputs]."""
        drop = lambda t: nn.functional.dropout(t, self.dropout, True) if self.training and self.dropout > 0 else t
        x = drop(self.embedding(ids))  # [batch, time, emb]
        seq, last, _ = self.rnn(x, mask)  # [batch, time, out], [batch, out]
        m = mask.unsqueeze(2)  # [batch, time, 1]
        if self.pooling == "last":
            v = last
        elif self.pooling == "mean":
            v = (seq * m).sum(1) / m.sum(1).clamp(min=1)  # [batch, out]
        else:
            v = (seq * m + (1 - m) * NEG).max(1).values * m.sum(1).clamp(max=1)  # [batch, out]
        return self.head(drop(v))  # [batch, outputs]


class ClinicalModel(nn.Module):
    def __init__(self, cell: str, input_size: int, units: int, positive_weight: float,
                 reset_after: bool = True) -> None:
        super().__init__()
        if cell not in ("lstm", "gru", "gru-d"):
            raise ValueError(f"ClinicalModel: unknown cell {cell!r}. Available: lstm, gru, gru-d.")
        self.cell = cell
        self.rnn = GruD(input_size, units) if cell == "gru-d" else Recurrent(cell, input_size, units, 1, reset_after=reset_after)
        self.head = nn.Linear(units, 1)
        self.shift = math.log(positive_weight)

    @classmethod
    def from_config(cls, c: Dict[str, Any]) -> "ClinicalModel":
        return cls(c["cell"], c["inputSize"], c["units"], c["positiveWeight"], c.get("resetAfter", True))

    def forward(self, x: Tensor, mask: Tensor, observed: Optional[Tensor] = None,
                delta: Optional[Tensor] = None) -> Tuple[Tensor, Tensor]:
        """x [batch, hours, features], mask [batch, hours] (1 = real hour), and for GRU-D the
        observed mask and hours since each variable's last observation (x's shape) -> logits
        every hour [batch, hours] and at the last real hour [batch]."""
        if self.cell == "gru-d":
            if observed is None or delta is None:
                raise ValueError("ClinicalModel(gru-d): expected observed and delta ([batch, hours, features] each) besides x and mask.")
            seq, last, _ = self.rnn(x, mask, observed, delta)  # [batch, hours, units], [batch, units]
        else:
            seq, last, _ = self.rnn(x, mask)  # [batch, hours, units], [batch, units]
        return self.head(seq).squeeze(2), self.head(last).squeeze(1)

    def risk(self, logits: Tensor) -> Tensor:
        """Prior-corrected probability of death (the class weighting's log shift removed)."""
        return torch.sigmoid(logits - self.shift)


def same_padding(size: int, k: int, stride: int) -> Tuple[int, int]:
    """"same" padding as tfjs (and conv2d-same.ts) computes it: the odd pixel goes at the end."""
    out = -(-size // stride)
    total = max((out - 1) * stride + k - size, 0)
    return total // 2, total - total // 2


class ScratchCnn(nn.Module):
    """@recurrent/captioning's scratchCnnEncoder: `blocks` x (3x3 "same" conv, ReLU, 2x2 max-pool),
    channels doubling per block, then a 2x2 grid of averages (or one global average) and a ReLU
    projection. Images are NHWC in [0, 1], as tfjs reads them."""

    def __init__(self, image_size: int, blocks: int, channels: int, pooling: str, output_size: int) -> None:
        super().__init__()
        if pooling not in ("grid", "global"):
            raise ValueError(f"ScratchCnn: unknown pooling {pooling!r}. Available: grid, global.")
        final = image_size / 2 ** blocks
        if final != int(final) or final < 2:
            raise ValueError(f"ScratchCnn: expected image_size divisible by 2^blocks with at least 2 pixels left, got {image_size} and {blocks} blocks.")
        self.blocks = blocks
        self.pooling = pooling
        width = 3
        for b in range(blocks):
            out = channels * 2 ** b
            self.add_module(f"conv{b + 1}", nn.Conv2d(width, out, 3))  # padded by hand: tfjs' "same"
            width = out
        self.proj = nn.Linear(width * (4 if pooling == "grid" else 1), output_size)

    def forward(self, images: Tensor) -> Tensor:
        """images [batch, size, size, 3] -> [batch, output_size]."""
        x = images.permute(0, 3, 1, 2)  # [batch, 3, size, size]
        for b in range(self.blocks):
            conv: nn.Conv2d = getattr(self, f"conv{b + 1}")
            top, bottom = same_padding(x.shape[2], 3, 1)
            left, right = same_padding(x.shape[3], 3, 1)
            z = conv(nn.functional.pad(x, (left, right, top, bottom)))  # [batch, c, s, s]
            x = nn.functional.max_pool2d(torch.relu(z), 2, 2)  # [batch, c, s/2, s/2]
        batch, c, s, _ = x.shape
        if self.pooling == "grid":
            g = x.reshape(batch, c, 2, s // 2, 2, s // 2).mean((3, 5))  # [batch, c, 2, 2]
            pooled = g.permute(0, 2, 3, 1).reshape(batch, 4 * c)  # (row, col, channel), as tfjs' NHWC
        else:
            pooled = x.mean((2, 3))  # [batch, c]
        return torch.relu(self.proj(pooled))  # [batch, output_size]


class CaptioningModel(nn.Module):
    def __init__(self, vocab_size: int, image_size: int, cnn_blocks: int, cnn_channels: int, cnn_pooling: str,
                 encoder_dim: int, image_as: str, embedding_dim: int, units: int, layers: int) -> None:
        super().__init__()
        if image_as not in ("state", "input"):
            raise ValueError(f"CaptioningModel: unknown imageAs {image_as!r}. Available: state, input.")
        self.encoder = ScratchCnn(image_size, cnn_blocks, cnn_channels, cnn_pooling, encoder_dim)
        self.image_as = image_as
        self.layers = layers
        self.units = units
        if image_as == "state":
            self.init_h = nn.Linear(encoder_dim, layers * units)
            self.init_c = nn.Linear(encoder_dim, layers * units)
        else:
            self.image_input = nn.Linear(encoder_dim, embedding_dim)
        self.embedding = nn.Embedding(vocab_size, embedding_dim)
        self.rnn = Recurrent("lstm", embedding_dim, units, layers)
        self.head = nn.Linear(units, vocab_size)

    @classmethod
    def from_config(cls, c: Dict[str, Any]) -> "CaptioningModel":
        return cls(c["vocabSize"], c["imageSize"], c["cnnBlocks"], c["cnnChannels"], c["cnnPooling"],
                   c["encoderDim"], c["imageAs"], c["embeddingDim"], c["units"], c["layers"])

    def initial_state(self, images: Tensor) -> List[Tensor]:
        """images [batch, size, size, 3] -> the decoder's state before <bos> ([h, c] per layer)."""
        v = self.encoder(images)  # [batch, encoderDim]
        if self.image_as == "input":
            _, _, state = self.rnn(self.image_input(v).unsqueeze(1))  # one step: [batch, units] each
            return state
        hs = torch.tanh(self.init_h(v)).split(self.units, dim=1)  # layers x [batch, units]: h in (-1, 1)
        cs = self.init_c(v).split(self.units, dim=1)  # c unbounded
        return [t for k in range(self.layers) for t in (hs[k], cs[k])]

    def forward(self, images: Tensor, ids: Tensor, mask: Tensor) -> Tensor:
        """images [batch, size, size, 3], ids [batch, time] int64 (<bos> w1 .. wn), mask [batch, time]
        (1 = real step) -> next-word logits [batch, time, vocab]."""
        x = self.embedding(ids)  # [batch, time, emb]
        seq, _, _ = self.rnn(x, mask, self.initial_state(images))  # [batch, time, units]
        return self.head(seq)  # [batch, time, vocab]


MODELS = {"CharLm": CharLm, "SentimentModel": SentimentModel, "ClinicalModel": ClinicalModel,
          "CaptioningModel": CaptioningModel}
