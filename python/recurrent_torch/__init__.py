"""recurrent_torch: the models of the `recurrent` TypeScript packages in PyTorch.

    >>> import recurrent_torch
    >>> model, config = recurrent_torch.load("exports/char-lm")   # recurrent export ... --format pytorch
    >>> logits, state = model(torch.tensor([[5, 6, 7]]))          # [1, 3, vocab]
    >>> recurrent_torch.save(model, config, "exports/char-lm-tuned")  # recurrent import reads it

Training with DistributedDataParallel: `torchrun --nproc_per_node=2 -m recurrent_torch.train ...`.
"""
from .export_dir import ExportError, build, load, read_config, save
from .gru_d import GruD
from .models import CaptioningModel, CharLm, ClinicalModel, ScratchCnn, SentimentModel
from .recurrent import Recurrent
from .safetensors import SafetensorsError, load_file, save_file

__all__ = [
    "CaptioningModel",
    "CharLm",
    "ClinicalModel",
    "ExportError",
    "GruD",
    "Recurrent",
    "SafetensorsError",
    "ScratchCnn",
    "SentimentModel",
    "build",
    "load",
    "load_file",
    "read_config",
    "save",
    "save_file",
]
__version__ = "0.1.0"
