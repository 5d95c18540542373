"""Turns examples into padded tensors with the layout the ONNX model takes."""
from __future__ import annotations

import torch

from .featurizer import Featurizer, tokenize

MAX_PROMPT_TOKENS = 128
MAX_RESPONSE_TOKENS = 256


def encode_segment(featurizer: Featurizer, text: str | None, max_tokens: int) -> tuple[list[int], list[int]]:
    if text is None:
        return [], []
    return featurizer.encode_tokens(tokenize(text)[:max_tokens])


def encode_example(featurizer: Featurizer, prompt: str, response: str | None):
    pw, pg = encode_segment(featurizer, prompt, MAX_PROMPT_TOKENS)
    rw, rg = encode_segment(featurizer, response, MAX_RESPONSE_TOKENS)
    return pw, pg, rw, rg, 1.0 if response is not None else 0.0


def pad(rows: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    """Pads to the longest row; an all-empty batch still gets one (masked) position."""
    width = max(1, max((len(r) for r in rows), default=0))
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.float32)
    for i, r in enumerate(rows):
        if r:
            ids[i, : len(r)] = torch.tensor(r, dtype=torch.long)
            mask[i, : len(r)] = 1.0
    return ids, mask


def collate(encoded: list[tuple]) -> list[torch.Tensor]:
    pw, pwm = pad([e[0] for e in encoded])
    pg, pgm = pad([e[1] for e in encoded])
    rw, rwm = pad([e[2] for e in encoded])
    rg, rgm = pad([e[3] for e in encoded])
    has = torch.tensor([[e[4]] for e in encoded], dtype=torch.float32)
    return [pw, pwm, pg, pgm, rw, rwm, rg, rgm, has]
