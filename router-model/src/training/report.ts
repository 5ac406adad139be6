import { TASK_KINDS } from '../kinds.js';
import type { Reliability } from '../calibration/reliability.js';
import type { RouterEvaluation } from './evaluate.js';
import { fixed3, textTable } from './text-table.js';

/** Short column names for the confusion matrix, in TASK_KINDS order. */
const SHORT = [
  'class',
  'extr',
  'summ',
  'rewr',
  'short',
  'open',
  'creat',
  'brain',
  'math',
  'reas',
  'code',
];

export function kindsTable(e: RouterEvaluation): string {
  const rows = e.kinds.map((k) => [
    k.kind,
    fixed3(k.precision),
    fixed3(k.recall),
    fixed3(k.f1),
    String(k.support),
  ]);
  return textTable([['kind', 'precision', 'recall', 'F1', 'support'], ...rows]);
}

export function confusionTable(e: RouterEvaluation): string {
  const rows = e.confusion.map((row, k) => [`${TASK_KINDS[k] ?? k}`, ...row.map(String)]);
  return textTable([['actual \\ predicted', ...SHORT], ...rows]);
}

export function curveTable(e: RouterEvaluation): string {
  const rows = e.curve.map((p) => [
    fixed3(p.threshold),
    fixed3(p.frontierShare),
    fixed3(p.frontierRecall),
  ]);
  return textTable([
    ['frontier below smallOk', 'share to frontier', 'needs-frontier caught'],
    ...rows,
  ]);
}

export function reliabilityTable(before: Reliability, after: Reliability): string {
  const rows = before.bins.map((b, i) => {
    const a = after.bins[i];
    const cell = (bin: typeof b | undefined) =>
      bin && bin.count > 0
        ? [String(bin.count), fixed3(bin.confidence), fixed3(bin.accuracy)]
        : ['0', '-', '-'];
    return [`${b.from.toFixed(1)}-${b.to.toFixed(1)}`, ...cell(b), ...cell(a)];
  });
  const header = ['confidence', 'n (T=1)', 'conf', 'acc', 'n (fitted T)', 'conf', 'acc'];
  return textTable([header, ...rows]);
}

/** Everything make eval-router prints about the held-out test split. */
export function evaluationReport(e: RouterEvaluation): string {
  const c = e.calibration;
  return [
    `Held-out test split: ${e.examples} examples`,
    `Task kind: accuracy ${fixed3(e.accuracy)}, macro-F1 ${fixed3(e.macroF1)}`,
    '',
    kindsTable(e),
    '',
    confusionTable(e),
    '',
    `Tier agreement with the labels' tier need (small >= 0.7, medium >= 0.3): ${fixed3(e.tierAgreement)}`,
    `At the default thresholds: ${fixed3(e.atDefaults.frontierShare)} of traffic to the frontier, ` +
      `${fixed3(e.atDefaults.frontierRecall)} of needs-frontier prompts caught`,
    '',
    curveTable(e),
    '',
    `Threshold for >= 90% needs-frontier caught (chosen on the calibration split): smallOk < ${fixed3(e.atTarget.threshold)}; ` +
      `on test it catches ${fixed3(e.atTarget.frontierRecall)} and sends ${fixed3(e.atTarget.frontierShare)} of traffic to the frontier`,
    '',
    `Calibration: temperature ${c.temperature.toFixed(4)}; NLL ${fixed3(c.nllBefore)} -> ${fixed3(c.nllAfter)}; ` +
      `ECE ${fixed3(c.before.ece)} -> ${fixed3(c.after.ece)}`,
    reliabilityTable(c.before, c.after),
  ].join('\n');
}
