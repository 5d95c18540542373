import { writeFile } from 'node:fs/promises';
import { HARM_CATEGORY_IDS, harmCategoryFromName } from '@rampart/core';
import { createClassifier } from '@rampart/inference';
import { readJsonl } from '../jsonl.js';
import {
  auroc,
  categoryF1,
  confusionMatrix,
  expectedCalibrationError,
  precisionRecallF1,
  quadraticWeightedKappa,
} from '../metrics.js';

interface LabelledRow {
  prompt: string;
  response: string;
  is_safe: boolean;
  categories: string[];
  severity: number;
  split?: string;
}

function isLabelled(v: unknown): v is LabelledRow {
  const r = v as LabelledRow;
  return (
    !!r &&
    typeof r.prompt === 'string' &&
    typeof r.response === 'string' &&
    typeof r.is_safe === 'boolean' &&
    Array.isArray(r.categories) &&
    Number.isInteger(r.severity)
  );
}

const SEVERITY_RANK = { none: 0, minor: 1, moderate: 2, severe: 3 } as const;

/**
 * `rampart eval <in.jsonl> [--split test] [--json out.json]`: the model-card metrics on labelled
 * PKU-SafeRLHF-format lines, at the manifest's own thresholds.
 */
export async function evalCommand(args: { input: string; split?: string; json?: string }): Promise<number> {
  const rows: LabelledRow[] = [];
  for await (const line of readJsonl(args.input)) {
    if (line.error || !isLabelled(line.value)) {
      process.stderr.write(`line ${line.lineNumber}: skipped: not a labelled PKU-format row\n`);
      continue;
    }
    if (args.split && line.value.split !== args.split) continue;
    rows.push(line.value);
  }
  const classifier = await createClassifier({ device: 'wasm' });
  const verdicts = await classifier.classify(rows.map((r) => ({ prompt: r.prompt, response: r.response })));
  const labels = HARM_CATEGORY_IDS;
  const truthUnsafe = rows.map((r) => (r.is_safe ? 0 : 1));
  const predUnsafe = verdicts.map((v) => (v.flagged ? 1 : 0));
  const truthCats = rows.map((r) => {
    const ids = new Set(r.categories.map((c) => harmCategoryFromName(c)));
    return labels.map((l) => (ids.has(l) ? 1 : 0));
  });
  const predCats = verdicts.map((v) => {
    const top = new Set(v.topCategories.map((c) => c.category));
    return labels.map((l) => (top.has(l) ? 1 : 0));
  });
  const truthSeverity = rows.map((r) => r.severity);
  const predSeverity = verdicts.map((v) => SEVERITY_RANK[v.severity]);
  const probs = verdicts.map((v) => v.unsafe);
  const metrics = {
    n: rows.length,
    model: {
      name: classifier.manifest.name,
      version: classifier.manifest.version,
      sha256: classifier.manifest.model.sha256,
    },
    thresholds: classifier.manifest.thresholds,
    unsafe: {
      ...precisionRecallF1(truthUnsafe, predUnsafe),
      auroc: auroc(truthUnsafe, probs),
      ece: expectedCalibrationError(truthUnsafe, probs),
    },
    category: categoryF1(labels, truthCats, predCats),
    severity: {
      accuracy: truthSeverity.filter((s, i) => s === predSeverity[i]).length / rows.length,
      qwk: quadraticWeightedKappa(truthSeverity, predSeverity),
      confusion: confusionMatrix(truthSeverity, predSeverity),
    },
  };
  await classifier.dispose();
  const f = (x: number) => x.toFixed(3);
  console.log(`rows: ${metrics.n}`);
  console.log(
    `unsafe: precision ${f(metrics.unsafe.precision)} recall ${f(metrics.unsafe.recall)} F1 ${f(metrics.unsafe.f1)} AUROC ${f(metrics.unsafe.auroc)} ECE ${f(metrics.unsafe.ece)}`,
  );
  console.log(`category: micro-F1 ${f(metrics.category.microF1)} macro-F1 ${f(metrics.category.macroF1)}`);
  console.log(`severity: accuracy ${f(metrics.severity.accuracy)} QWK ${f(metrics.severity.qwk)}`);
  console.log('severity confusion (rows = truth none..severe, columns = predicted):');
  for (const row of metrics.severity.confusion)
    console.log(`  ${row.map((n) => String(n).padStart(5)).join('')}`);
  if (args.json) await writeFile(args.json, `${JSON.stringify(metrics, null, 2)}\n`);
  return 0;
}
