"""The Python featuriser reproduces the committed golden vectors (stdlib only: runs without torch)."""
from __future__ import annotations

import json
import unittest
from pathlib import Path

from training.rampart_train.featurizer import Featurizer, fnv1a32, tokenize

MODELS = Path(__file__).resolve().parents[2] / "packages" / "inference" / "models"


def load_featurizer() -> tuple[Featurizer, dict]:
    manifest = json.loads((MODELS / "rampart-severity.manifest.json").read_text())
    cfg = manifest["featurizer"]
    featurizer = Featurizer(cfg["vocab"], cfg["oovBuckets"], cfg["ngramBuckets"], tuple(cfg["ngramSizes"]),
                            cfg["maxNgramsPerToken"])
    return featurizer, cfg


class FeaturizerParity(unittest.TestCase):
    def test_golden_vectors(self) -> None:
        featurizer, cfg = load_featurizer()
        golden = json.loads((MODELS / "golden-features.json").read_text())
        self.assertGreater(len(golden), 5)
        for case in golden:
            tokens = tokenize(case["prompt"])[: cfg["maxPromptTokens"]]
            self.assertEqual(tokens, case["promptTokens"], case["prompt"])
            words, grams = featurizer.encode_tokens(tokens)
            self.assertEqual(words, case["promptWords"])
            self.assertEqual(grams, case["promptNgrams"])
            if case.get("response") is not None:
                rwords, rgrams = featurizer.encode_tokens(tokenize(case["response"])[: cfg["maxResponseTokens"]])
                self.assertEqual(rwords, case["responseWords"])
                self.assertEqual(rgrams, case["responseNgrams"])

    def test_fnv1a_reference_values(self) -> None:
        # Published FNV-1a 32-bit test vectors.
        self.assertEqual(fnv1a32(""), 0x811C9DC5)
        self.assertEqual(fnv1a32("a"), 0xE40C292C)
        self.assertEqual(fnv1a32("foobar"), 0xBF9CF968)

    def test_tokenizer_rules(self) -> None:
        self.assertEqual(tokenize("Café NAÏVE, ｆｕｌｌ-width!"), ["cafe", "naive", "full", "width"])
        self.assertEqual(tokenize("lone \ud800 surrogate"), ["lone", "surrogate"])


if __name__ == "__main__":
    unittest.main()
