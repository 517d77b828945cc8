"""A tiny char-LM export folder written the way `recurrent export --format pytorch` writes one."""
import pytest
import torch

from recurrent_torch import build, save

TEXT = "the cat sat on the mat. the dog sat on the log.\n" * 30
TOKENS = ["<pad>", "<unk>", "<bos>", "<eos>"] + sorted(set(TEXT))


def char_lm_config(cell="lstm", layers=1):
    hp = {"cell": cell, "layers": layers, "units": 12, "embeddingDim": 6, "dropout": 0, "timeSteps": 8,
          "batchSize": 4, "learningRate": 0.01, "steps": 10, "warmupSteps": 2, "clipNorm": 5,
          "validationFraction": 0.1, "stateResetProbability": 0.05, "seed": 42}
    return {
        "format": "recurrent.pytorch", "version": 1, "task": "char-lm", "hyperParameters": hp,
        "vocabulary": {"format": "recurrent.vocabulary", "version": 1, "tokens": TOKENS},
        "pytorch": {"model": "CharLm", "vocabSize": len(TOKENS), "embeddingDim": 6, "cell": cell,
                    "layers": layers, "units": 12, "resetAfter": True, "dropout": 0},
    }


@pytest.fixture
def char_lm_export(tmp_path):
    torch.manual_seed(0)
    config = char_lm_config()
    folder = str(tmp_path / "export")
    save(build(config), config, folder)
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(TEXT, encoding="utf-8")
    return folder, str(corpus)
