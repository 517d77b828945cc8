"""Sentiment, clinical and GRU-D models: padding never changes a result; export folders load strictly."""
import json

import pytest
import torch

import recurrent_torch
from recurrent_torch import ClinicalModel, ExportError, GruD, SentimentModel


@pytest.mark.parametrize("pooling", ["last", "mean", "max"])
def test_sentiment_padding_is_ignored(pooling):
    torch.manual_seed(0)
    model = SentimentModel(20, 4, "lstm", 2, 5, True, pooling, 3).eval()
    ids = torch.randint(4, 20, (2, 6))
    mask = torch.tensor([[1, 1, 1, 1, 0, 0], [1, 1, 1, 1, 1, 1]], dtype=torch.float32)
    other = ids.clone()
    other[0, 4:] = 7  # different tokens under the padding
    with torch.no_grad():
        a, b = model(ids, mask), model(other, mask)
        alone = model(ids[:1, :4], mask[:1, :4])  # the row without its padding
    assert a.shape == (2, 3)
    assert torch.allclose(a, b) and torch.allclose(a[:1], alone, atol=1e-6)


@pytest.mark.parametrize("cell", ["lstm", "gru", "gru-d"])
def test_clinical_final_risk_is_the_last_real_hour(cell):
    torch.manual_seed(1)
    model = ClinicalModel(cell, 6, 4, positive_weight=5.0).eval()
    x, observed, delta = torch.randn(2, 5, 6), (torch.rand(2, 5, 6) > 0.5).float(), torch.rand(2, 5, 6) * 3
    mask = torch.tensor([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], dtype=torch.float32)
    side = (observed, delta) if cell == "gru-d" else ()
    with torch.no_grad():
        hourly, final = model(x, mask, *side)
    assert hourly.shape == (2, 5) and final.shape == (2,)
    assert torch.allclose(final, hourly[torch.arange(2), torch.tensor([2, 4])], atol=1e-6)
    assert model.risk(torch.tensor(0.0)).item() == pytest.approx(1 / 6)  # sigmoid(0 - log 5)


def test_gru_d_carries_h_and_the_last_observation_over_a_padded_hour():
    torch.manual_seed(2)
    cell = GruD(3, 4)
    x, observed, delta = torch.randn(1, 3, 3), torch.ones(1, 3, 3), torch.ones(1, 3, 3)
    _, _, full = cell(x[:, :2], None, observed[:, :2], delta[:, :2])
    seq, last, padded = cell(x, torch.tensor([[1.0, 1.0, 0.0]]), observed, delta)
    assert all(torch.allclose(a, b) for a, b in zip(full, padded))
    assert torch.equal(seq[0, 2], torch.zeros(4)) and torch.allclose(last, full[0])
    assert torch.allclose(padded[1], x[:, 1])  # last observation (mean 0) after hour 1


def test_load_refuses_a_folder_that_is_not_a_pytorch_export(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"formatVersion": 2, "task": "char-lm"}))
    with pytest.raises(ExportError, match="expected format 'recurrent.pytorch'.*--format pytorch"):
        recurrent_torch.load(str(tmp_path))


def test_load_is_strict_about_names(char_lm_export):
    folder, _ = char_lm_export
    weights = recurrent_torch.load_file(f"{folder}/model.safetensors")
    weights["rnn.weight_ih_layer0"] = weights.pop("rnn.weight_ih_l0")
    recurrent_torch.save_file(weights, f"{folder}/model.safetensors")
    with pytest.raises(RuntimeError, match="weight_ih_l0"):
        recurrent_torch.load(folder)
