"""Recurrent (our masked loop under nn.LSTM/GRU/RNN names) against PyTorch's own modules."""
import pytest
import torch
from torch import nn

from recurrent_torch import Recurrent

TORCH = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
@pytest.mark.parametrize("layers,bidirectional", [(1, False), (2, False), (2, True)])
def test_same_numbers_as_torch_modules(kind, layers, bidirectional):
    torch.manual_seed(0)
    ours = Recurrent(kind, 5, 7, layers, bidirectional)
    ref = TORCH[kind](5, 7, layers, batch_first=True, bidirectional=bidirectional)
    ref.load_state_dict(ours.state_dict(), strict=True)  # the names and layouts are PyTorch's
    x = torch.randn(3, 6, 5)
    seq, last, _ = ours(x)
    want, _ = ref(x)
    assert torch.allclose(seq, want, atol=1e-6)
    if not bidirectional:
        assert torch.allclose(last, want[:, -1], atol=1e-6)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_masks_match_packed_sequences(kind):
    torch.manual_seed(1)
    ours = Recurrent(kind, 4, 6, 1, bidirectional=True)
    ref = TORCH[kind](4, 6, 1, batch_first=True, bidirectional=True)
    ref.load_state_dict(ours.state_dict())
    lengths = torch.tensor([5, 2, 3])
    x = torch.randn(3, 5, 4)
    mask = (torch.arange(5).unsqueeze(0) < lengths.unsqueeze(1)).float()
    seq, last, _ = ours(x, mask)
    packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    out, _ = ref(packed)
    want, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=5)
    assert torch.allclose(seq, want, atol=1e-6)  # zeros at padded steps, as pad_packed_sequence
    fwd_last = want[torch.arange(3), lengths - 1, :6]
    assert torch.allclose(last[:, :6], fwd_last, atol=1e-6)
    assert torch.allclose(last[:, 6:], want[:, 0, 6:], atol=1e-6)


def test_gru_reset_before_differs_from_after_and_uses_r_times_h():
    torch.manual_seed(2)
    after = Recurrent("gru", 3, 4, reset_after=True)
    before = Recurrent("gru", 3, 4, reset_after=False)
    before.load_state_dict(after.state_dict())
    x = torch.randn(2, 3, 3)
    a, _, _ = after(x)
    b, _, _ = before(x)
    assert not torch.allclose(a, b, atol=1e-4)
    # One step by hand with the reset gate before the matmul.
    w_ih, w_hh, b_ih, b_hh = (getattr(before, f"{p}_l0") for p in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"))
    h = torch.zeros(2, 4)
    x0 = x[:, 0]
    gi = x0 @ w_ih.t() + b_ih
    r = torch.sigmoid(gi[:, :4] + h @ w_hh[:4].t() + b_hh[:4])
    z = torch.sigmoid(gi[:, 4:8] + h @ w_hh[4:8].t() + b_hh[4:8])
    n = torch.tanh(gi[:, 8:] + (r * h) @ w_hh[8:].t() + b_hh[8:])
    assert torch.allclose(b[:, 0], z * h + (1 - z) * n, atol=1e-6)
