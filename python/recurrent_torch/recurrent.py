"""Stacked, optionally bidirectional LSTM / GRU / simple RNN with the masked time loop of
@recurrent/cells' `runRnn`, under nn.LSTM/GRU/RNN's parameter names and layouts:

    weight_ih_l{k}[_reverse]  [gates*H, in]      weight_hh_l{k}[_reverse]  [gates*H, H]
    bias_ih_l{k}[_reverse]    [gates*H]          bias_hh_l{k}[_reverse]    [gates*H]

Gates: LSTM i, f, g, o; GRU r, z, n; RNN one tanh block (as PyTorch). The GRU applies the
reset gate after the recurrent matmul when reset_after (PyTorch's and cuDNN's formula,
n = tanh(W_in x + b_in + r * (W_hn h + b_hn))) or before it (tfjs-layers' formula,
n = tanh(W_in x + b_in + W_hn (r * h) + b_hn)). Masks are [batch, time] with 1 = real step:
at a padded step the state is carried forward and the output is zeros (the reverse direction
therefore starts at each row's last real step, as packed sequences do).

    >>> rnn = Recurrent("lstm", input_size=16, hidden_size=64)
    >>> seq, last, state = rnn(torch.zeros(2, 5, 16))   # [2, 5, 64], [2, 64], [h, c]
"""
from __future__ import annotations

from typing import List, Optional, Tuple

import torch
from torch import Tensor, nn

_GATES = {"lstm": 4, "gru": 3, "rnn": 1}


def _lstm_step(x: Tensor, state: List[Tensor], w: List[Tensor], reset_after: bool) -> List[Tensor]:
    h, c = state
    w_ih, w_hh, b_ih, b_hh = w
    gates = x @ w_ih.t() + b_ih + h @ w_hh.t() + b_hh  # [batch, 4H]
    i, f, g, o = gates.chunk(4, dim=1)  # 4 x [batch, H]
    c2 = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)  # [batch, H]
    return [torch.sigmoid(o) * torch.tanh(c2), c2]


def _gru_step(x: Tensor, state: List[Tensor], w: List[Tensor], reset_after: bool) -> List[Tensor]:
    (h,) = state
    w_ih, w_hh, b_ih, b_hh = w
    a_r, a_z, a_n = (x @ w_ih.t() + b_ih).chunk(3, dim=1)  # 3 x [batch, H]
    w_hr, w_hz, w_hn = w_hh.chunk(3, dim=0)  # 3 x [H, H]
    b_hr, b_hz, b_hn = b_hh.chunk(3, dim=0)  # 3 x [H]
    r = torch.sigmoid(a_r + h @ w_hr.t() + b_hr)  # [batch, H]
    z = torch.sigmoid(a_z + h @ w_hz.t() + b_hz)  # [batch, H]
    if reset_after:
        n = torch.tanh(a_n + r * (h @ w_hn.t() + b_hn))  # [batch, H]
    else:
        n = torch.tanh(a_n + (r * h) @ w_hn.t() + b_hn)  # [batch, H]
    return [z * h + (1 - z) * n]


def _rnn_step(x: Tensor, state: List[Tensor], w: List[Tensor], reset_after: bool) -> List[Tensor]:
    (h,) = state
    w_ih, w_hh, b_ih, b_hh = w
    return [torch.tanh(x @ w_ih.t() + b_ih + h @ w_hh.t() + b_hh)]  # [batch, H]


_STEPS = {"lstm": _lstm_step, "gru": _gru_step, "rnn": _rnn_step}


def run_direction(
    kind: str,
    weights: List[Tensor],
    x: Tensor,
    state: List[Tensor],
    mask: Optional[Tensor],
    reverse: bool,
    reset_after: bool = True,
) -> Tuple[Tensor, Tensor, List[Tensor]]:
    """One direction of one layer: x [batch, time, in] -> sequence [batch, time, H] (in time
    order, zeros at padded steps), the output at the last real step [batch, H], the state."""
    step = _STEPS[kind]
    batch, time, _ = x.shape
    last = torch.zeros_like(state[0])  # [batch, H]
    outs: List[Optional[Tensor]] = [None] * time
    for k in range(time):
        t = time - 1 - k if reverse else k
        new = step(x[:, t], state, weights, reset_after)
        if mask is None:
            state, last, outs[t] = new, new[0], new[0]
            continue
        m = mask[:, t : t + 1]  # [batch, 1]
        state = [m * s + (1 - m) * p for s, p in zip(new, state)]  # [batch, size] each
        last = m * new[0] + (1 - m) * last  # [batch, H]
        outs[t] = m * new[0]  # zeros at padded steps
    return torch.stack(outs, dim=1), last, state  # type: ignore[arg-type]


class Recurrent(nn.Module):
    """`layers` stacked layers of one cell kind, each optionally bidirectional (outputs concatenated)."""

    def __init__(
        self,
        kind: str,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bidirectional: bool = False,
        reset_after: bool = True,
        dropout: float = 0.0,
    ) -> None:
        super().__init__()
        if kind not in _GATES:
            raise ValueError(f"Recurrent: unknown cell {kind!r}. Available: {', '.join(_GATES)}.")
        self.kind = kind
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bidirectional = bidirectional
        self.reset_after = reset_after
        self.dropout = dropout
        g = _GATES[kind] * hidden_size
        directions = 2 if bidirectional else 1
        for k in range(num_layers):
            width = input_size if k == 0 else directions * hidden_size
            for suffix in self.suffixes(k):
                self.register_parameter(f"weight_ih{suffix}", nn.Parameter(torch.empty(g, width)))
                self.register_parameter(f"weight_hh{suffix}", nn.Parameter(torch.empty(g, hidden_size)))
                self.register_parameter(f"bias_ih{suffix}", nn.Parameter(torch.zeros(g)))
                self.register_parameter(f"bias_hh{suffix}", nn.Parameter(torch.zeros(g)))
        bound = hidden_size ** -0.5  # nn.LSTM's initialisation; loaded weights replace it
        for p in self.parameters():
            nn.init.uniform_(p, -bound, bound)

    def suffixes(self, layer: int) -> List[str]:
        return [f"_l{layer}", f"_l{layer}_reverse"] if self.bidirectional else [f"_l{layer}"]

    @property
    def state_sizes(self) -> List[int]:
        """Sizes of the state list, in @recurrent/cells' order (per layer, forward then backward)."""
        per = [self.hidden_size, self.hidden_size] if self.kind == "lstm" else [self.hidden_size]
        return per * (self.num_layers * (2 if self.bidirectional else 1))

    @property
    def output_size(self) -> int:
        return self.hidden_size * (2 if self.bidirectional else 1)

    def initial_state(self, batch: int, device: Optional[torch.device] = None) -> List[Tensor]:
        return [torch.zeros(batch, s, device=device) for s in self.state_sizes]

    def forward(
        self,
        x: Tensor,
        mask: Optional[Tensor] = None,
        initial_state: Optional[List[Tensor]] = None,
    ) -> Tuple[Tensor, Tensor, List[Tensor]]:
        """x [batch, time, in], mask [batch, time] (1 = real) -> sequence [batch, time, out],
        output at the last real step [batch, out], final state (list, @recurrent/cells' order)."""
        batch = x.shape[0]
        state = initial_state if initial_state is not None else self.initial_state(batch, x.device)
        per = 2 if self.kind == "lstm" else 1
        at = 0
        final: List[Tensor] = []
        inputs = x
        seq = last = x
        for k in range(self.num_layers):
            seqs, lasts = [], []
            for d, suffix in enumerate(self.suffixes(k)):
                w = [getattr(self, f"{p}{suffix}") for p in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
                s0 = state[at : at + per]
                at += per
                s, l, st = run_direction(self.kind, w, inputs, s0, mask, reverse=d == 1, reset_after=self.reset_after)
                seqs.append(s)
                lasts.append(l)
                final.extend(st)
            seq = torch.cat(seqs, dim=2) if len(seqs) > 1 else seqs[0]  # [batch, time, out]
            last = torch.cat(lasts, dim=1) if len(lasts) > 1 else lasts[0]  # [batch, out]
            inputs = seq
            if self.training and self.dropout > 0 and k < self.num_layers - 1:
                keep = torch.bernoulli(torch.full((batch, 1, seq.shape[2]), 1 - self.dropout, device=x.device))
                inputs = seq * keep / (1 - self.dropout)  # one mask per sequence, as runRnn's stack
        return seq, last, final
