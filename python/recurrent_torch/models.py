"""The task models of the `recurrent` packages in PyTorch, the same maths module by module.
Each is built from the `pytorch` entry of an export's config.json and loads its
model.safetensors with `load_state_dict(strict=True)`.

- CharLm (@recurrent/char-lm): embedding -> Recurrent -> linear logits, state carried.
- SentimentModel (@recurrent/sentiment): embedding -> masked (bi)Recurrent -> pooling over
  real steps (last, mean, max) -> linear; one logit (sigmoid) for two labels, else softmax.
- ClinicalModel (@recurrent/clinical): masked LSTM/GRU/GRU-D over the hourly grid -> a linear risk
  logit every hour and at the last real hour; `risk` removes the class-weighting prior shift.
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


MODELS = {"CharLm": CharLm, "SentimentModel": SentimentModel, "ClinicalModel": ClinicalModel}
