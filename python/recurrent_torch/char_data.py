"""The char-LM's data exactly as @recurrent/char-lm and @recurrent/data prepare it:

- characters: Unicode code points after NFC normalisation; ids from the run's vocabulary
  (config.json), unknown characters as <unk> (id 1);
- the held-out tail: the last round(n * validationFraction) ids (splitTail);
- training windows (lmWindows, sequential): `lanes` contiguous lanes of chunks * time_steps
  ids; step s reads chunk s % chunks of every lane, and the state resets at each epoch;
- evaluation (evaluateCharLm): every id after the first is scored, the tail cut into up to
  32 lanes read in chunks of 128 with the state carried; the same number `recurrent eval` prints.

    >>> ids = encode(open("book.txt").read(), config["vocabulary"]["tokens"])
    >>> train, validation = split_tail(ids, 0.05)
"""
from __future__ import annotations

import math
import unicodedata
from typing import List, Optional, Sequence, Tuple

import torch
from torch import Tensor, nn

UNK = 1  # <unk> in every @recurrent/data vocabulary: <pad> 0, <unk> 1, <bos> 2, <eos> 3


def encode(text: str, tokens: Sequence[str]) -> Tensor:
    """int64 ids of the NFC-normalised text's code points."""
    index = {t: i for i, t in enumerate(tokens)}
    return torch.tensor([index.get(c, UNK) for c in unicodedata.normalize("NFC", text)], dtype=torch.int64)


def split_tail(ids: Tensor, validation_fraction: float) -> Tuple[Tensor, Tensor]:
    """(train, validation): the validation part is the last round(n * fraction) ids (JS Math.round)."""
    n = ids.numel()
    validation = math.floor(n * validation_fraction + 0.5)
    return ids[: n - validation], ids[n - validation :]


class LmWindows:
    """Sequential windows of `lanes` x `time_steps` (lmWindows' 'sequential' mode)."""

    def __init__(self, ids: Tensor, lanes: int, time_steps: int) -> None:
        self.chunks = (ids.numel() - 1) // (lanes * time_steps)
        if self.chunks < 1:
            raise ValueError(f"LmWindows: {ids.numel()} ids cannot fill {lanes} lanes of {time_steps} steps (needs {lanes * time_steps + 1}). Use a longer text or a smaller batch.")
        self.ids, self.lanes, self.time_steps = ids, lanes, time_steps
        self.lane_length = self.chunks * time_steps
        self.steps_per_epoch = self.chunks

    def batch_at(self, step: int, rows: Optional[Sequence[int]] = None) -> Tuple[Tensor, Tensor, bool]:
        """(inputs, targets) [rows, time_steps] of window `step` (every lane, or only `rows`), and
        whether the carried state resets here (an epoch start)."""
        chunk = step % self.steps_per_epoch
        lanes = range(self.lanes) if rows is None else rows
        starts = [b * self.lane_length + chunk * self.time_steps for b in lanes]
        x = torch.stack([self.ids[s : s + self.time_steps] for s in starts])  # [rows, T]
        y = torch.stack([self.ids[s + 1 : s + self.time_steps + 1] for s in starts])  # [rows, T]
        return x, y, chunk == 0


@torch.no_grad()
def evaluate(model: nn.Module, ids: Tensor, lanes: int = 32, time_steps: int = 128) -> float:
    """Mean cross-entropy per predicted character (nats), as `recurrent eval` computes it."""
    predictions = ids.numel() - 1
    if predictions < 1:
        raise ValueError(f"evaluate: expected at least 2 ids (the first is only context), got {ids.numel()}.")
    lanes = max(1, min(lanes, predictions // time_steps or 1))
    lane_length = -(-predictions // lanes)  # ceil
    device = next(model.parameters()).device
    state: Optional[List[Tensor]] = None
    total = torch.zeros((), dtype=torch.float64)
    for start in range(0, lane_length, time_steps):
        time = min(time_steps, lane_length - start)
        p = torch.arange(lanes).unsqueeze(1) * lane_length + start + torch.arange(time).unsqueeze(0)  # [lanes, time]
        keep = p < predictions  # past the end of the text: masked out
        q = p.clamp(max=predictions - 1)
        x, y = ids[q].to(device), ids[q + 1].to(device)  # [lanes, time]
        logits, state = model(x, state)  # [lanes, time, vocab]
        nll = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), y.reshape(-1), reduction="none")
        total += (nll * keep.reshape(-1).to(device)).sum().double().cpu()
    return float(total / predictions)
