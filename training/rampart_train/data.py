"""Loads every source under --data into one list of training examples (never `split: "test"`)."""
from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from .labels import BEAVERTAILS_TO_PKU, CATEGORY_IDS, DONOTANSWER_TO_PKU, NAME_TO_ID

N_CAT = len(CATEGORY_IDS)


@dataclass
class Example:
    prompt: str
    response: str | None  # None: prompt-only (pre-generation) example
    unsafe: int
    severity: int | None  # 0..3 when known
    categories: list[float] = field(default_factory=lambda: [0.0] * N_CAT)
    category_known: bool = True
    weight: float = 1.0
    source: str = ""
    group: str = ""  # examples sharing a group go to the same side of the dev split


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def multi_hot(ids: list[str]) -> list[float]:
    vec = [0.0] * N_CAT
    for cid in ids:
        vec[CATEGORY_IDS.index(cid)] = 1.0
    return vec


def load_pku(data: Path, split: str) -> list[dict]:
    return [r for r in read_jsonl(data / "pku-saferlhf-sample.jsonl") if r["split"] == split]


def pku_examples(rows: list[dict]) -> list[Example]:
    """Each PKU row is a prompt+response example; each prompt also yields a prompt-only example,
    unsafe when any of its responses was judged unsafe (the prompt invited harm)."""
    out: list[Example] = []
    by_prompt: dict[str, list[dict]] = {}
    for r in rows:
        cats = [NAME_TO_ID[c] for c in r["categories"]]
        out.append(Example(r["prompt"], r["response"], int(not r["is_safe"]), int(r["severity"]),
                           multi_hot(cats), True, 1.0, "pku", r["prompt"]))
        by_prompt.setdefault(r["prompt"], []).append(r)
    for prompt, group in by_prompt.items():
        unsafe = int(any(not r["is_safe"] for r in group))
        cats = sorted({NAME_TO_ID[c] for r in group for c in r["categories"]})
        out.append(Example(prompt, None, unsafe, 0 if not unsafe else None, multi_hot(cats), True, 0.5,
                           "pku-prompt", prompt))
    return out


def beavertails_examples(data: Path) -> list[Example]:
    out = []
    for r in read_jsonl(data / "beavertails-train-prompts.jsonl"):
        mapped = sorted({c for bt in r["beavertails_categories"] for c in BEAVERTAILS_TO_PKU[bt]})
        # Half weight: a BeaverTails prompt is here because some answer to it was unsafe; many of the
        # prompts themselves are mild, and at full weight they teach "ordinary questions are unsafe".
        out.append(Example(r["prompt"], None, 1, None, multi_hot(mapped), bool(mapped), 0.5, "beavertails",
                           r["prompt"]))
    return out


def donotanswer_examples(data: Path) -> list[Example]:
    out = []
    for r in read_jsonl(data / "donotanswer-prompts.jsonl"):
        mapped = DONOTANSWER_TO_PKU[r["risk_area"]]
        if mapped is None:
            continue
        out.append(Example(r["prompt"], None, 1, None, multi_hot(mapped), bool(mapped), 0.5, "donotanswer",
                           r["prompt"]))
    return out


def davidson_examples(data: Path, rng: random.Random) -> list[Example]:
    """Hate -> discriminatory + insulting; 'offensive' (mostly profanity) -> insulting, subsampled so
    tweets do not swamp the assistant-style data; 'neither' -> safe."""
    rows = read_jsonl(data / "davidson-hate-offensive.jsonl")
    offensive = [r for r in rows if r["label"] == "offensive" and r["votes"]["offensive"] >= 3]
    rng.shuffle(offensive)
    out = []
    for r in rows:
        if r["label"] == "hate" and r["votes"]["hate"] >= 2:
            out.append(Example(r["text"], None, 1, None, multi_hot(["discriminatory_behavior", "insulting_behavior"]),
                               True, 0.3, "davidson", r["text"]))
        elif r["label"] == "neither":
            out.append(Example(r["text"], None, 0, 0, multi_hot([]), True, 0.3, "davidson", r["text"]))
    for r in offensive[:1500]:
        out.append(Example(r["text"], None, 1, None, multi_hot(["insulting_behavior"]), True, 0.2, "davidson",
                           r["text"]))
    return out


def toxigen_examples(data: Path) -> list[Example]:
    out = []
    for r in read_jsonl(data / "toxigen-statements.jsonl"):
        if r["label"] == "hate":
            out.append(Example(r["text"], None, 1, None, multi_hot(["discriminatory_behavior"]), True, 0.5,
                               "toxigen", r["text"]))
        else:
            out.append(Example(r["text"], None, 0, 0, multi_hot([]), True, 0.5, "toxigen", r["text"]))
    return out


def alpaca_examples(data: Path) -> list[Example]:
    out = []
    seen: set[str] = set()
    for r in read_jsonl(data / "alpaca-eval-benign.jsonl"):
        out.append(Example(r["prompt"], r["response"], 0, 0, multi_hot([]), True, 0.3, "alpaca", r["prompt"]))
        if r["prompt"] not in seen:
            seen.add(r["prompt"])
            # Benign questions are scarce among prompt-only rows (most sources are harmful prompts):
            # weight them up so the prompt-only mode does not learn "any question is suspect".
            out.append(Example(r["prompt"], None, 0, 0, multi_hot([]), True, 1.5, "alpaca-prompt", r["prompt"]))
    return out


def swapped_context_examples(pku: list[Example], alpaca: list[Example], harmful_prompts_extra: list[Example],
                             rng: random.Random) -> list[Example]:
    """Teaches that the response carries the verdict, whatever the prompt:
    - a harmful PKU response after an unrelated benign prompt is still harmful (same labels);
    - a benign AlpacaEval answer after a harmful PKU prompt is still safe;
    - a safe PKU response (mostly refusals and warnings) after another harmful prompt is still safe.
    Without these, the model learns "harmful prompt => unsafe", flags refusals, and misses harm that
    follows an innocent question."""
    benign = [e for e in alpaca if e.response is not None]
    harmful_prompts = sorted({e.prompt for e in pku if e.response is not None and e.unsafe})
    out: list[Example] = []
    for e in pku:
        if e.response is None or not e.unsafe:
            continue
        host = rng.choice(benign)
        out.append(Example(host.prompt, e.response, 1, e.severity, list(e.categories), True, 0.5, "swap-harmful",
                           e.group))
    for prompt in harmful_prompts:
        answer = rng.choice(benign)
        out.append(Example(prompt, answer.response, 0, 0, [0.0] * N_CAT, True, 0.3, "swap-benign", prompt))
    safe_responses = [e.response for e in pku if e.response is not None and not e.unsafe]
    for e in harmful_prompts_extra:
        out.append(Example(e.prompt, rng.choice(safe_responses), 0, 0, [0.0] * N_CAT, True, 0.3, "swap-refusal",
                           e.group))
    return out


def load_training_examples(data: Path, seed: int) -> list[Example]:
    """All non-test examples from every source."""
    rng = random.Random(seed)
    examples = pku_examples(load_pku(data, "train"))
    examples += beavertails_examples(data)
    examples += donotanswer_examples(data)
    examples += davidson_examples(data, rng)
    examples += toxigen_examples(data)
    examples += alpaca_examples(data)
    return examples


def augment(train: list[Example], seed: int) -> list[Example]:
    """Swapped-context pairs built from training rows only (after the dev split, so dev stays clean)."""
    rng = random.Random(seed + 1)
    by_source = lambda source: [e for e in train if e.source == source]  # noqa: E731
    return swapped_context_examples(by_source("pku"), by_source("alpaca"), by_source("beavertails"), rng)


def split_dev(examples: list[Example], fraction: float, seed: int) -> tuple[list[Example], list[Example]]:
    """Group-wise split: every example of a prompt lands on the same side. A group's side depends
    only on its own text and the seed (a hash), so adding or resampling other sources never moves
    a PKU prompt between train and dev."""
    def in_dev(group: str) -> bool:
        digest = hashlib.sha256(f"{seed}:{group}".encode("utf-8", "surrogatepass")).digest()
        return int.from_bytes(digest[:4], "big") / 2**32 < fraction

    dev_groups = {g for g in {e.group for e in examples} if in_dev(g)}
    train = [e for e in examples if e.group not in dev_groups]
    dev = [e for e in examples if e.group in dev_groups]
    return train, dev
