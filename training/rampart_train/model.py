"""Two candidate architectures for the severity classifier, and the export head.

Both share the input layout (see docs/featurizer-spec.md): for the prompt and the response,
word ids + mask and char n-gram ids + mask; plus `has_response`. Only ONNX ops that
onnxruntime-web's WebGPU and wasm providers run are produced (Gather, ReduceSum/Max, MatMul,
Conv, Relu, Sigmoid, Concat, elementwise), no EmbeddingBag (it exports as a Loop).
"""
from __future__ import annotations

import torch
from torch import nn

N_CAT = 19
N_ORDINAL = 3  # P(s>=1), P(s>=2 | s>=1), P(s>=3 | s>=2)


def masked_mean(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    total = (x * mask.unsqueeze(-1)).sum(1)
    count = mask.sum(1, keepdim=True).clamp(min=1.0)
    return total / count


def masked_max(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    shifted = x + (mask.unsqueeze(-1) - 1.0) * 1e4
    best = shifted.max(dim=1).values
    present = mask.sum(1, keepdim=True).clamp(max=1.0)  # 0 for an empty segment
    return best * present


class SegmentEncoder(nn.Module):
    """Encodes one segment (prompt or response) into a fixed vector."""

    def __init__(self, word: nn.Embedding, ngram: nn.Embedding, arch: str, conv_channels: int = 128):
        super().__init__()
        self.word = word
        self.ngram = ngram
        self.arch = arch
        dim = word.embedding_dim
        if arch == "cnn":
            self.conv = nn.Conv1d(dim, conv_channels, kernel_size=3, padding=1)
            self.out_dim = conv_channels + dim + ngram.embedding_dim
        else:
            self.out_dim = 2 * dim + ngram.embedding_dim
        self.dropout = nn.Dropout(0.3)

    def forward(self, words, word_mask, grams, gram_mask):
        we = self.dropout(self.word(words))
        ge = self.ngram(grams)
        mean = masked_mean(we, word_mask)
        gmean = masked_mean(ge, gram_mask)
        if self.arch == "cnn":
            conv = torch.relu(self.conv(we.transpose(1, 2))).transpose(1, 2)
            pooled = masked_max(conv, word_mask)
        else:
            pooled = masked_max(we, word_mask)
        return torch.cat([mean, pooled, gmean], dim=1)


class SeverityClassifier(nn.Module):
    """Prompt (+ response) -> ordinal severity logits and 19 category logits."""

    def __init__(self, word_table: int, ngram_table: int, arch: str, word_dim: int = 100, ngram_dim: int = 64,
                 hidden: int = 256):
        super().__init__()
        self.arch = arch
        word = nn.Embedding(word_table, word_dim, padding_idx=0)
        ngram = nn.Embedding(ngram_table, ngram_dim, padding_idx=0)
        nn.init.normal_(ngram.weight, std=0.05)
        with torch.no_grad():
            ngram.weight[0].zero_()
        self.encoder = SegmentEncoder(word, ngram, arch)
        d = self.encoder.out_dim
        self.trunk = nn.Sequential(
            nn.Linear(2 * d + 1, hidden), nn.ReLU(), nn.Dropout(0.3), nn.Linear(hidden, hidden), nn.ReLU(),
        )
        self.ordinal = nn.Linear(hidden, N_ORDINAL)
        self.category = nn.Linear(hidden, N_CAT)

    def forward(self, pw, pwm, pg, pgm, rw, rwm, rg, rgm, has_response):
        p = self.encoder(pw, pwm, pg, pgm)
        r = self.encoder(rw, rwm, rg, rgm)
        h = self.trunk(torch.cat([p, r, has_response], dim=1))
        return self.ordinal(h), self.category(h)


class Ensemble(nn.Module):
    """Averages the logits of several classifiers (one ONNX graph, members side by side)."""

    def __init__(self, members: list[nn.Module]):
        super().__init__()
        self.members = nn.ModuleList(members)

    def forward(self, *inputs):
        outs = [m(*inputs) for m in self.members]
        ordinal = torch.stack([o[0] for o in outs]).mean(0)
        category = torch.stack([o[1] for o in outs]).mean(0)
        return ordinal, category


class ExportHead(nn.Module):
    """Wraps the classifier with calibration and turns logits into the probabilities the runtime reads:
    unsafe_prob [B,1], severity_probs [B,4] (none..severe), category_probs [B,19]."""

    def __init__(self, model: nn.Module, unsafe_temperature: float, category_temperature: float):
        super().__init__()
        self.model = model
        self.register_buffer("t_unsafe", torch.tensor(float(unsafe_temperature)))
        self.register_buffer("t_category", torch.tensor(float(category_temperature)))

    def forward(self, pw, pwm, pg, pgm, rw, rwm, rg, rgm, has_response):
        ordinal, category = self.model(pw, pwm, pg, pgm, rw, rwm, rg, rgm, has_response)
        c1 = torch.sigmoid(ordinal[:, 0:1] / self.t_unsafe)
        c2 = c1 * torch.sigmoid(ordinal[:, 1:2])
        c3 = c2 * torch.sigmoid(ordinal[:, 2:3])
        severity = torch.cat([1.0 - c1, c1 - c2, c2 - c3, c3], dim=1)
        return c1, severity, torch.sigmoid(category / self.t_category)
