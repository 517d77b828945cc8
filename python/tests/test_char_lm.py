"""The char-LM's data, evaluation and training loop."""
import json
import math
import os
import subprocess
import sys

import pytest
import torch

import recurrent_torch
from recurrent_torch.char_data import LmWindows, encode, evaluate, split_tail
from recurrent_torch.train import learning_rate_at, main

from conftest import TEXT, TOKENS, char_lm_config


def test_encode_is_nfc_code_points_with_unk():
    ids = encode("e\u0301x\U0001F600", ["<pad>", "<unk>", "<bos>", "<eos>", "\u00e9", "x"])
    assert ids.tolist() == [4, 5, 1]  # e + combining accent is one character; the emoji is <unk>


def test_split_tail_rounds_like_javascript():
    train, val = split_tail(torch.arange(30), 0.05)  # 1.5 rounds up (Math.round), not to even
    assert (train.numel(), val.numel()) == (28, 2)


def test_windows_are_contiguous_lanes():
    w = LmWindows(torch.arange(101), lanes=2, time_steps=5)
    assert (w.chunks, w.lane_length) == (10, 50)
    x, y, reset = w.batch_at(1)
    assert x.tolist() == [[5, 6, 7, 8, 9], [55, 56, 57, 58, 59]] and reset is False
    assert torch.equal(y, x + 1)
    x, _, reset = w.batch_at(10, rows=[1])
    assert x.tolist() == [[50, 51, 52, 53, 54]] and reset is True


def test_evaluate_carries_state_across_chunks(char_lm_export):
    model, config = recurrent_torch.load(char_lm_export[0])
    ids = encode(TEXT[:200], TOKENS)
    whole = evaluate(model, ids, lanes=1, time_steps=1000)
    chunked = evaluate(model, ids, lanes=1, time_steps=7)
    with torch.no_grad():
        logits, _ = model(ids[:-1].unsqueeze(0))
        direct = float(torch.nn.functional.cross_entropy(logits[0], ids[1:]))
    assert abs(whole - direct) < 1e-6 and abs(chunked - direct) < 1e-5


def test_schedule_matches_learning_rate_at():
    assert learning_rate_at(0, 100, 1e-3, 10, 5e-5) == pytest.approx(1e-4)
    assert learning_rate_at(10, 100, 1e-3, 10, 5e-5) == pytest.approx(1e-3)
    assert learning_rate_at(99, 100, 1e-3, 10, 5e-5) == pytest.approx(5e-5)


def test_train_writes_an_export_whose_loss_is_the_printed_one(char_lm_export, tmp_path, capsys):
    folder, corpus = char_lm_export
    out = str(tmp_path / "trained")
    assert main(["--task", "char-lm", "--init", folder, "--data", corpus, "--steps", "12", "--out", out, "--log-every", "4"]) == 0
    printed = capsys.readouterr().out
    model, config = recurrent_torch.load(out)
    _, val = split_tail(encode(TEXT, TOKENS), 0.1)
    loss = evaluate(model, val)
    assert config["metrics"]["valLoss"] == pytest.approx(loss, abs=1e-6)
    assert f"validation loss {loss:.6f}" in printed
    assert config["trainedSteps"] == 12 and config["corpus"] == corpus
    before, _ = recurrent_torch.load(folder)
    assert loss < evaluate(before, val) - 0.1  # 12 updates learn something


def test_unknown_task_is_refused(char_lm_export, tmp_path, capsys):
    folder, corpus = char_lm_export
    assert main(["--task", "captioning", "--init", folder, "--data", corpus, "--steps", "1", "--out", str(tmp_path / "x")]) == 2
    assert "Available: char-lm" in capsys.readouterr().err


def test_ddp_on_two_processes_equals_one_process_on_the_whole_batch(tmp_path):
    """Lane b goes to rank b % 2 and DDP averages: the same updates as one process (no state resets drawn)."""
    torch.manual_seed(0)
    config = char_lm_config()
    config["hyperParameters"]["stateResetProbability"] = 0
    init = str(tmp_path / "init")
    recurrent_torch.save(recurrent_torch.build(config), config, init)
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(TEXT, encoding="utf-8")
    args = ["--task", "char-lm", "--init", init, "--data", str(corpus), "--steps", "6"]
    assert main([*args, "--out", str(tmp_path / "one")]) == 0
    env = {**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(os.path.abspath(recurrent_torch.__file__))), "OMP_NUM_THREADS": "1"}
    run = subprocess.run(
        ["/usr/bin/torchrun", "--standalone", "--nproc_per_node=2", "--redirects", "1", "--tee", "1",
         "-m", "recurrent_torch.train", *args, "--out", str(tmp_path / "two")],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    one, _ = recurrent_torch.load(str(tmp_path / "one"))
    two, _ = recurrent_torch.load(str(tmp_path / "two"))
    for (name, a), (_, b) in zip(one.state_dict().items(), two.state_dict().items()):
        assert torch.allclose(a, b, atol=1e-5), name
