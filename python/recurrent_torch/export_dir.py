"""An export folder (`recurrent export <run> --format pytorch --to <dir>`) read and written:

    model.safetensors        the state dict under PyTorch names
    config.json              the run's config: task, hyperParameters, vocabulary, ...,
                             format "recurrent.pytorch" and `pytorch` (the module and sizes)
    vocab.json               tokens by id (char-lm, sentiment)
    .recurrent-export.json   the marker `recurrent export` and `recurrent import` look for

    >>> model, config = load("exports/char-lm")
    >>> save(model, config, "exports/char-lm-trained", trained_steps=20, metrics={"valLoss": 2.1})
"""
from __future__ import annotations

import json
import os
from typing import Any, Dict, Mapping, Optional, Tuple

from torch import nn

from .models import MODELS
from .safetensors import load_file, save_file

FORMAT = "recurrent.pytorch"
WEIGHTS = "model.safetensors"
MARKER = ".recurrent-export.json"


class ExportError(ValueError):
    """A folder that is not a PyTorch export of `recurrent`; the message says how to make one."""


def read_config(folder: str) -> Dict[str, Any]:
    path = os.path.join(folder, "config.json")
    if not os.path.isfile(path):
        raise ExportError(f"{folder}: no config.json. Make an export with `recurrent export <run> --format pytorch --to {folder}`.")
    with open(path, encoding="utf-8") as f:
        config = json.load(f)
    if config.get("format") != FORMAT:
        raise ExportError(f"{path}: expected format {FORMAT!r}, got {config.get('format')!r}. Export with --format pytorch.")
    if config.get("pytorch", {}).get("model") not in MODELS:
        raise ExportError(f"{path}: unknown pytorch.model {config.get('pytorch', {}).get('model')!r}. Available: {', '.join(MODELS)}.")
    return config


def build(config: Mapping[str, Any]) -> nn.Module:
    """A fresh module of the export's architecture (random weights)."""
    spec = config["pytorch"]
    return MODELS[spec["model"]].from_config(spec)


def load(folder: str) -> Tuple[nn.Module, Dict[str, Any]]:
    """The model of an export folder with its weights (strict names and shapes), in eval mode, and its config."""
    config = read_config(folder)
    model = build(config)
    model.load_state_dict(load_file(os.path.join(folder, config.get("weights", WEIGHTS))), strict=True)
    return model.eval(), config


def _write_json(path: str, value: Any) -> None:
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, path)


def save(model: nn.Module, config: Mapping[str, Any], folder: str, *, trained_steps: Optional[int] = None,
         metrics: Optional[Mapping[str, float]] = None, note: Optional[str] = None) -> str:
    """Writes `model` as an export folder that `recurrent import` reads; config.json last."""
    os.makedirs(folder, exist_ok=True)
    out = dict(config)
    out["weights"] = WEIGHTS
    if trained_steps is not None:
        out["trainedSteps"] = trained_steps
    if metrics is not None:
        out["metrics"] = dict(metrics)
    if note is not None:
        out["trainedWith"] = note
    state = {k: v.detach().float().cpu() for k, v in model.state_dict().items()}
    save_file(state, os.path.join(folder, WEIGHTS), {"format": "pt", "producer": "recurrent_torch"})
    files = [WEIGHTS]
    tokens = (out.get("vocabulary") or {}).get("tokens") if isinstance(out.get("vocabulary"), dict) else None
    if isinstance(tokens, list):
        _write_json(os.path.join(folder, "vocab.json"), tokens)
        files.append("vocab.json")
    _write_json(os.path.join(folder, "config.json"), out)
    files.append("config.json")
    _write_json(os.path.join(folder, MARKER), {"format": "recurrent.export.pytorch", "version": 1, "files": files})
    return folder
