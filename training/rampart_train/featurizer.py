"""Featuriser v1: the exact text -> ids transform that packages/inference reproduces in TypeScript.

Spec: docs/featurizer-spec.md. Standard library only, so the parity test runs without torch.
"""
from __future__ import annotations

import re
import unicodedata

FEATURIZER_VERSION = "rampart-hash-v1"
TOKEN_RE = re.compile(r"[a-z0-9]+")
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


def fnv1a32(text: str) -> int:
    """FNV-1a over the UTF-16 code units of `text` (tokens are ASCII, so code units = bytes)."""
    h = FNV_OFFSET
    for ch in text:
        h ^= ord(ch)
        h = (h * FNV_PRIME) & 0xFFFFFFFF
    return h


def normalize(text: str) -> str:
    """NFKD, drop combining marks (Mn), lower-case."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return stripped.lower()


def tokenize(text: str) -> list[str]:
    """Maximal runs of [a-z0-9] after normalisation; everything else separates tokens."""
    return TOKEN_RE.findall(normalize(text))


class Featurizer:
    """Maps tokens to word ids (vocabulary, then hashed OOV buckets) and char n-gram buckets."""

    def __init__(self, vocab: list[str], oov_buckets: int, ngram_buckets: int, ngram_sizes=(3, 4),
                 max_ngrams_per_token: int = 12):
        self.vocab = vocab
        self.index = {w: i + 1 for i, w in enumerate(vocab)}  # 0 is padding
        self.oov_buckets = oov_buckets
        self.ngram_buckets = ngram_buckets
        self.ngram_sizes = tuple(ngram_sizes)
        self.max_ngrams_per_token = max_ngrams_per_token

    @property
    def word_table_size(self) -> int:
        return len(self.vocab) + 1 + self.oov_buckets

    @property
    def ngram_table_size(self) -> int:
        return self.ngram_buckets + 1

    def word_id(self, token: str) -> int:
        found = self.index.get(token)
        if found is not None:
            return found
        return len(self.vocab) + 1 + fnv1a32(token) % self.oov_buckets

    def ngram_ids(self, token: str) -> list[int]:
        marked = "<" + token + ">"
        ids: list[int] = []
        for n in self.ngram_sizes:
            if len(marked) < n:
                continue
            for i in range(len(marked) - n + 1):
                ids.append(1 + fnv1a32(f"{n}:{marked[i:i + n]}") % self.ngram_buckets)
        return ids[: self.max_ngrams_per_token]

    def encode_tokens(self, tokens: list[str]) -> tuple[list[int], list[int]]:
        words = [self.word_id(t) for t in tokens]
        grams: list[int] = []
        for t in tokens:
            grams.extend(self.ngram_ids(t))
        return words, grams

    def config(self) -> dict:
        return {
            "version": FEATURIZER_VERSION,
            "oovBuckets": self.oov_buckets,
            "ngramBuckets": self.ngram_buckets,
            "ngramSizes": list(self.ngram_sizes),
            "maxNgramsPerToken": self.max_ngrams_per_token,
            "vocabSize": len(self.vocab),
        }
