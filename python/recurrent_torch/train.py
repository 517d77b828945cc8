"""Trains an exported char-LM in PyTorch, on one process or many (DistributedDataParallel).

    python -m recurrent_torch.train --task char-lm --init exports/char-lm --data book.txt --steps 200 --out exports/char-lm-200
    torchrun --nproc_per_node=2 -m recurrent_torch.train --task char-lm --init exports/char-lm --data book.txt --steps 200 --out exports/char-lm-200

The loop is @recurrent/char-lm's: the same text preparation and held-out tail, the same
sequential windows (batchSize lanes x timeSteps, state carried between windows, reset at
each epoch and, per lane, with probability stateResetProbability), Adam with the run's
adamEpsilon (1e-7 for exports that do not name one, as tfjs read them), linear warmup then
cosine to lr/20, gradients clipped to clipNorm. Under torchrun each of N processes reads
batchSize/N of the lanes of every window (lane b goes to rank b % N) and DDP averages the gradients, which is the gradient of the whole batch; gloo on CPU, nccl on
CUDA. At the end rank 0 prints the validation loss on the held-out windows `recurrent eval`
scores and writes --out in the export format (`recurrent import --to runs/<name>` reads it).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from typing import List, Optional, Sequence

import torch
from torch import Tensor, nn

from .char_data import LmWindows, encode, evaluate, split_tail
from .export_dir import load, save

TASKS = ("char-lm",)


def learning_rate_at(step: int, total: int, base: float, warmup: int, minimum: float) -> float:
    """learningRateAt of @recurrent/train, 'warmup-cosine'."""
    if step < warmup:
        return base * (step + 1) / warmup
    progress = min(1.0, (step - warmup) / max(1, total - warmup - 1))
    return minimum + (base - minimum) * 0.5 * (1 + math.cos(math.pi * progress))


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m recurrent_torch.train", description=__doc__.split("\n\n")[0])
    p.add_argument("--task", required=True, help=f"the exported run's task ({', '.join(TASKS)})")
    p.add_argument("--init", required=True, help="an export folder (recurrent export <run> --format pytorch --to <dir>)")
    p.add_argument("--data", required=True, help="a UTF-8 text file; its last validationFraction is held out")
    p.add_argument("--steps", type=int, required=True, help="optimizer updates")
    p.add_argument("--out", required=True, help="folder for the trained export (recurrent import reads it)")
    p.add_argument("--log-every", type=int, default=10, help="print the training loss every N steps")
    p.add_argument("--losses", default=None, help="write every step's loss, learning rate and pre-clip gradient norm to this JSON file (the training-parity test compares them with tfjs')")
    p.add_argument("--one-bias", action="store_true", help="LSTM and RNN: train bias_ih alone and keep bias_hh as exported (zeros), as tfjs trains its one bias; by default PyTorch trains both, and their sum then moves up to twice as fast under Adam")
    p.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"], help="auto: CUDA when available")
    return p.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    if args.task not in TASKS:
        print(f"error: training task {args.task!r} in PyTorch is not implemented. Available: {', '.join(TASKS)}.", file=sys.stderr)
        return 2
    if args.steps < 1:
        print(f"error: --steps: expected an integer >= 1, got {args.steps}.", file=sys.stderr)
        return 2
    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    cuda = args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
    if distributed:
        torch.distributed.init_process_group("nccl" if cuda else "gloo")
    rank = torch.distributed.get_rank() if distributed else 0
    world = torch.distributed.get_world_size() if distributed else 1
    local = int(os.environ.get("LOCAL_RANK", "0"))
    device = torch.device(f"cuda:{local}" if cuda else "cpu")
    say = (lambda line: print(line, flush=True)) if rank == 0 else (lambda line: None)

    model, config = load(args.init)
    if config.get("task") != args.task:
        print(f"error: {args.init} is a {config.get('task')!r} export, not {args.task!r}. Pass --task {config.get('task')}.", file=sys.stderr)
        return 2
    hp = config["hyperParameters"]
    lanes, steps_t = int(hp["batchSize"]), int(hp["timeSteps"])
    if lanes % world != 0:
        print(f"error: batchSize {lanes} does not split over {world} processes. Use --nproc_per_node that divides it.", file=sys.stderr)
        return 2
    torch.manual_seed(int(hp["seed"]) + rank)
    with open(args.data, encoding="utf-8") as f:
        ids = encode(f.read(), config["vocabulary"]["tokens"])
    unknown = int((ids == 1).sum())
    train_ids, validation = split_tail(ids, float(hp["validationFraction"]))
    windows = LmWindows(train_ids, lanes, steps_t)
    rows = list(range(rank, lanes, world))  # this process's lanes
    say(f"recurrent_torch.train char-lm | {world} process{'es' if world > 1 else ''} ({'nccl' if cuda and distributed else 'gloo' if distributed else 'single'}) on {device.type}")
    say(f"data: {args.data} | {ids.numel():,} characters | train {train_ids.numel():,} | validation {validation.numel():,} (held-out tail){f' | {unknown} unknown characters as <unk>' if unknown else ''}")
    say(f"config: cell={hp['cell']} layers={hp['layers']} units={hp['units']} batch-size={lanes} ({len(rows)} lanes per process) time-steps={steps_t} learning-rate={hp['learningRate']} steps={args.steps} clip-norm={hp['clipNorm']}")

    model = model.to(device).train()
    if args.one_bias and hp["cell"] in ("lstm", "rnn"):  # GRU's bias_hh is a second bias in tfjs too (resetAfter)
        for name, parameter in model.named_parameters():
            if ".bias_hh_l" in name:
                parameter.requires_grad_(False)
    net: nn.Module = nn.parallel.DistributedDataParallel(model, device_ids=[local] if cuda else None) if distributed else model
    base = float(hp["learningRate"])
    optimizer = torch.optim.Adam([q for q in model.parameters() if q.requires_grad], lr=base, betas=(0.9, 0.999), eps=float(hp.get("adamEpsilon", 1e-7)))
    warmup = min(int(hp["warmupSteps"]), args.steps - 1)
    reset_p = float(hp["stateResetProbability"])
    carry: Optional[List[Tensor]] = None
    history: List[dict] = []  # --losses: one {step, loss, learningRate, gradNorm} per update
    started = time.time()
    for step in range(args.steps):
        lr = learning_rate_at(step, args.steps, base, warmup, base / 20)
        for group in optimizer.param_groups:
            group["lr"] = lr
        x, y, reset = windows.batch_at(step, rows)
        x, y = x.to(device), y.to(device)
        if reset:
            carry = None
        state = None
        if carry is not None:
            keep = (torch.rand(len(rows), 1) >= reset_p).float().to(device)  # [rows, 1]: 0 = start from zeros
            state = [s * keep for s in carry]
        logits, final = net(x, state)  # [rows, T, vocab]
        loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), y.reshape(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()  # DDP averages the gradients of every process's lanes here
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), float(hp["clipNorm"]))
        optimizer.step()
        carry = [s.detach() for s in final]  # truncated BPTT: gradients stop at the window
        logs = (step + 1) % args.log_every == 0 or step + 1 == args.steps
        if logs or args.losses:
            mean = loss.detach().clone()
            if distributed:
                torch.distributed.all_reduce(mean)
                mean /= world
            history.append({"step": step + 1, "loss": float(mean), "learningRate": lr, "gradNorm": float(norm)})
        if logs:
            say(f"step {step + 1}/{args.steps} | loss {float(mean):.4f} | lr {lr:.2e} | grad {float(norm):.2f} | {time.time() - started:.1f}s")

    if rank == 0:
        model.eval()
        val = evaluate(model, validation.to(device))
        metrics = {"valLoss": val, "bitsPerChar": val / math.log(2)}
        out_config = dict(config)
        out_config["corpus"] = args.data
        save(model.cpu(), out_config, args.out, trained_steps=int(config.get("trainedSteps") or 0) + args.steps,
             metrics=metrics, note=f"recurrent_torch.train, {world} process{'es' if world > 1 else ''}, {args.steps} steps from {args.init}")
        say(f"validation loss {val:.6f} nats/char ({val / math.log(2):.6f} bits/char) over {validation.numel() - 1:,} characters of the held-out tail of {args.data}")
        say(f"wrote {os.path.abspath(args.out)} (recurrent import {args.out} --to runs/<name>)")
        if args.losses:
            with open(args.losses, "w", encoding="utf-8") as f:
                json.dump(history, f, indent=1)
                f.write("\n")
    if distributed:
        torch.distributed.barrier()
        torch.distributed.destroy_process_group()
    return 0


if __name__ == "__main__":
    sys.exit(main())
