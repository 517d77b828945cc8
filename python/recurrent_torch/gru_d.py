"""GRU-D (Che et al. 2018) as @recurrent/cells' gruDCell computes it, under nn.GRU-style names
(rows r, z, n) plus its mask kernel and decays. Per step, with m the observed mask, delta the
time since each variable's last observation and last = xLast - mean carried in the state
(mean is 0: the clinical inputs are normalised):

    gx = exp(-relu(delta * wx + bx))           gh = exp(-relu(delta Wh^T + bh))
    xh = m * x + (1 - m) * (gx * last + mean)  hh = gh * h
    r, z = s(xh W_ir,z^T + hh W_hr,z^T + m W_mr,z^T + b_r,z)
    n = tanh(xh W_in^T + (r * hh) W_hn^T + m W_mn^T + b_n)     (reset before the matmul)
    h' = z * hh + (1 - z) * n                  last' = m * (x - mean) + (1 - m) * last

with runRnn's masks: at a padded hour the state (h and last) is carried, the output is zero.

    >>> cell = GruD(input_size=47, hidden_size=32)
    >>> seq, last, state = cell(x, mask, observed, delta)   # [b, t, 32], [b, 32], [h, last]
"""
from __future__ import annotations

from typing import List, Optional, Tuple

import torch
from torch import Tensor, nn


class GruD(nn.Module):
    def __init__(self, input_size: int, hidden_size: int) -> None:
        super().__init__()
        g, H, n = 3 * hidden_size, hidden_size, input_size
        self.input_size, self.hidden_size = input_size, hidden_size
        self.weight_ih_l0 = nn.Parameter(torch.empty(g, n))
        self.weight_hh_l0 = nn.Parameter(torch.empty(g, H))
        self.weight_mh_l0 = nn.Parameter(torch.empty(g, n))
        self.bias_ih_l0 = nn.Parameter(torch.zeros(g))
        self.bias_hh_l0 = nn.Parameter(torch.zeros(g))
        self.input_decay_weight_l0 = nn.Parameter(torch.full((n,), 0.05))
        self.input_decay_bias_l0 = nn.Parameter(torch.zeros(n))
        self.hidden_decay_weight_l0 = nn.Parameter(torch.empty(H, n))
        self.hidden_decay_bias_l0 = nn.Parameter(torch.zeros(H))
        for w in (self.weight_ih_l0, self.weight_hh_l0, self.weight_mh_l0, self.hidden_decay_weight_l0):
            nn.init.uniform_(w, -H ** -0.5, H ** -0.5)
        self.register_buffer("mean", torch.zeros(n), persistent=False)

    @property
    def state_sizes(self) -> List[int]:
        return [self.hidden_size, self.input_size]

    def step(self, x: Tensor, state: List[Tensor], m: Tensor, delta: Tensor) -> List[Tensor]:
        h, last = state
        H = self.hidden_size
        gx = torch.exp(-torch.relu(delta * self.input_decay_weight_l0 + self.input_decay_bias_l0))  # [b, in]
        gh = torch.exp(-torch.relu(delta @ self.hidden_decay_weight_l0.t() + self.hidden_decay_bias_l0))  # [b, H]
        xh = m * x + (1 - m) * (gx * last + self.mean)  # [b, in]
        hh = gh * h  # [b, H]
        a = xh @ self.weight_ih_l0.t() + m @ self.weight_mh_l0.t() + self.bias_ih_l0 + self.bias_hh_l0  # [b, 3H]
        w_hr, w_hz, w_hn = self.weight_hh_l0.split(H, dim=0)  # 3 x [H, H]
        r = torch.sigmoid(a[:, :H] + hh @ w_hr.t())  # [b, H]
        z = torch.sigmoid(a[:, H : 2 * H] + hh @ w_hz.t())  # [b, H]
        n = torch.tanh(a[:, 2 * H :] + (r * hh) @ w_hn.t())  # [b, H]
        return [z * hh + (1 - z) * n, m * (x - self.mean) + (1 - m) * last]

    def forward(self, x: Tensor, mask: Optional[Tensor], observed: Tensor, delta: Tensor) -> Tuple[Tensor, Tensor, List[Tensor]]:
        """x, observed, delta [batch, time, in], mask [batch, time] -> sequence, last real output, state."""
        batch, time, _ = x.shape
        state = [torch.zeros(batch, s, device=x.device) for s in self.state_sizes]
        last = state[0]
        outs = []
        for t in range(time):
            new = self.step(x[:, t], state, observed[:, t], delta[:, t])
            if mask is None:
                state, last = new, new[0]
                outs.append(new[0])
                continue
            m = mask[:, t : t + 1]  # [batch, 1]
            state = [m * s + (1 - m) * p for s, p in zip(new, state)]
            last = m * new[0] + (1 - m) * last
            outs.append(m * new[0])  # zeros at padded hours
        return torch.stack(outs, dim=1), last, state
