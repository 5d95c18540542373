"""Estimates the model's cost per row from its ONNX graph (multiply-adds x 2, in MFLOPs).

A row is a 16-token prompt + a 128-token response, with the featuriser's 12 n-grams per token at
most (about 9 on English text). Gemm and Conv dominate; embedding reductions are counted too.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import onnx
from onnx import numpy_helper

PROMPT_TOKENS = 16
RESPONSE_TOKENS = 128
NGRAMS_PER_TOKEN = 9


def estimate_mflops(model_path: Path) -> float:
    graph = onnx.load(str(model_path)).graph
    shapes = {init.name: numpy_helper.to_array(init).shape for init in graph.initializer}
    tokens = PROMPT_TOKENS + RESPONSE_TOKENS  # Conv runs over both segments
    flops = 0.0
    for node in graph.node:
        weights = [shapes[i] for i in node.input if i in shapes]
        if node.op_type == "Gemm" and weights:
            out_dim, in_dim = weights[0][0], weights[0][1]
            flops += 2 * in_dim * out_dim
        elif node.op_type == "MatMul" and weights:
            in_dim, out_dim = weights[0][-2], weights[0][-1]
            flops += 2 * in_dim * out_dim
        elif node.op_type == "Conv" and weights:
            c_out, c_in, k = weights[0][0], weights[0][1], weights[0][2]
            flops += 2 * c_out * c_in * k * tokens
        elif node.op_type == "Gather" and weights:
            # The index input names the segment and kind: prompt_words, response_ngrams, ...
            index = node.input[1]
            positions = PROMPT_TOKENS if index.startswith("prompt") else RESPONSE_TOKENS
            if index.endswith("ngrams"):
                positions *= NGRAMS_PER_TOKEN
            flops += 3 * positions * weights[0][1]  # mask multiply, sum, max/mean
    return flops / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--manifest", type=Path, required=True)
    args = parser.parse_args()
    manifest = json.loads(args.manifest.read_text())
    mflops = estimate_mflops(args.manifest.parent / manifest["model"]["file"])
    manifest["model"]["mflopsPer128Tokens"] = round(mflops, 3)
    args.manifest.write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"{mflops:.3f} MFLOPs per 128-token row")


if __name__ == "__main__":
    main()
