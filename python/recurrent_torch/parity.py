"""Forwards of exported models on fixed batches, for the cross-framework parity checks
(tooling/pytorch-bridge runs it; it is also a quick way to check an export by hand).

    python -m recurrent_torch.parity jobs.json

jobs.json is a list of {"export": dir, "batch": file, "out": file} and optionally
"perturb": {"scale": 0.05, "seed": 1, "to": dir, "out": file}. Each batch file is
safetensors with the model's inputs (CharLm: ids; SentimentModel: ids, mask;
ClinicalModel: x, mask, and observed, delta for GRU-D; CaptioningModel: images, ids, mask);
each out file gets the outputs (CharLm: logits, state_0, ...; SentimentModel and
CaptioningModel: logits; ClinicalModel: hourly, final). With "perturb", every weight gets
scale * N(0, 1) noise, the perturbed model is saved as an export folder at "to" (what
`recurrent import` reads) and its outputs on the same batch go to perturb.out.
"""
from __future__ import annotations

import json
import sys
from typing import Dict, List, Optional, Sequence

import torch
from torch import Tensor, nn

from .export_dir import load, save
from .models import CaptioningModel, CharLm, ClinicalModel, SentimentModel
from .safetensors import load_file, save_file


@torch.no_grad()
def forward(model: nn.Module, batch: Dict[str, Tensor]) -> Dict[str, Tensor]:
    """The model's outputs on a batch of its inputs, by name."""
    if isinstance(model, CharLm):
        logits, state = model(batch["ids"].long())
        return {"logits": logits, **{f"state_{i}": s for i, s in enumerate(state)}}
    if isinstance(model, SentimentModel):
        return {"logits": model(batch["ids"].long(), batch["mask"].float())}
    if isinstance(model, ClinicalModel):
        side = [batch[k].float() for k in ("observed", "delta") if k in batch]
        hourly, final = model(batch["x"].float(), batch["mask"].float(), *side)
        return {"hourly": hourly, "final": final}
    if isinstance(model, CaptioningModel):
        return {"logits": model(batch["images"].float(), batch["ids"].long(), batch["mask"].float())}
    raise TypeError(f"forward: unknown model {type(model).__name__}.")


@torch.no_grad()
def perturb(model: nn.Module, scale: float, seed: int) -> None:
    """Adds scale * N(0, 1) to every weight, from a seeded generator."""
    g = torch.Generator().manual_seed(seed)
    for p in model.parameters():
        p.add_(scale * torch.randn(p.shape, generator=g))


def run_job(job: Dict[str, object]) -> None:
    model, config = load(str(job["export"]))
    batch = load_file(str(job["batch"]))
    save_file(forward(model, batch), str(job["out"]))
    p: Optional[Dict[str, object]] = job.get("perturb")  # type: ignore[assignment]
    if p:
        perturb(model, float(p["scale"]), int(p["seed"]))
        save(model, config, str(p["to"]), note=f"recurrent_torch.parity: weights + {p['scale']} * N(0, 1), seed {p['seed']}")
        save_file(forward(model, batch), str(p["out"]))


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m recurrent_torch.parity jobs.json", file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        jobs: List[Dict[str, object]] = json.load(f)
    for job in jobs:
        run_job(job)
    print(f"parity: {len(jobs)} job{'s' if len(jobs) != 1 else ''} done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
