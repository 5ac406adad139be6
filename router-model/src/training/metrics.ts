import { KIND_PROFILES, TASK_KINDS, type TierNeed } from '../kinds.js';

export interface KindScore {
  readonly kind: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/** confusion[actual][predicted] counts. */
export function confusionMatrix(
  actual: Uint8Array,
  predicted: Uint8Array,
  classes: number,
): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  actual.forEach((a, i) => {
    const row = matrix[a];
    const p = predicted[i] ?? 0;
    if (row) row[p] = (row[p] ?? 0) + 1;
  });
  return matrix;
}

export function kindScores(confusion: readonly (readonly number[])[]): KindScore[] {
  return confusion.map((row, k) => {
    const tp = row[k] ?? 0;
    const support = row.reduce((s, n) => s + n, 0);
    const predicted = confusion.reduce((s, r) => s + (r[k] ?? 0), 0);
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { kind: TASK_KINDS[k] ?? String(k), precision, recall, f1, support };
  });
}

/** Mean F1 over the kinds the split holds (a kind with no examples has no recall to average). */
export function macroF1(scores: readonly KindScore[]): number {
  const present = scores.filter((s) => s.support > 0);
  return present.reduce((sum, s) => sum + s.f1, 0) / Math.max(1, present.length);
}

export interface Thresholds {
  readonly small: number;
  readonly medium: number;
}

/** The policy defaults the issue states: small at smallOk >= 0.7, medium at >= 0.3, else frontier. */
export const DEFAULT_THRESHOLDS: Thresholds = { small: 0.7, medium: 0.3 };

export function tierOf(smallOk: number, thresholds: Thresholds): TierNeed {
  if (smallOk >= thresholds.small) return 'small';
  return smallOk >= thresholds.medium ? 'medium' : 'frontier';
}

export const needsOf = (label: number): TierNeed =>
  KIND_PROFILES[TASK_KINDS[label] ?? 'code'].needs;

export function tierAgreement(
  smallOks: Float64Array,
  labels: Uint8Array,
  thresholds: Thresholds,
): number {
  let agree = 0;
  labels.forEach((label, i) => {
    if (tierOf(smallOks[i] ?? 0, thresholds) === needsOf(label)) agree++;
  });
  return agree / Math.max(1, labels.length);
}

/** Sending smallOk < threshold to the frontier: share of all traffic, share of needs-frontier caught. */
export interface FrontierPoint {
  readonly threshold: number;
  readonly frontierShare: number;
  readonly frontierRecall: number;
}

export function frontierPoint(
  smallOks: Float64Array,
  labels: Uint8Array,
  threshold: number,
): FrontierPoint {
  let sent = 0;
  let needed = 0;
  let caught = 0;
  labels.forEach((label, i) => {
    const toFrontier = (smallOks[i] ?? 0) < threshold;
    const needs = needsOf(label) === 'frontier';
    if (toFrontier) sent++;
    if (needs) needed++;
    if (toFrontier && needs) caught++;
  });
  return {
    threshold,
    frontierShare: sent / Math.max(1, labels.length),
    frontierRecall: caught / Math.max(1, needed),
  };
}

/** RouteLLM-style cost/quality curve over a sweep of the frontier threshold. */
export function frontierCurve(
  smallOks: Float64Array,
  labels: Uint8Array,
  steps = 20,
): FrontierPoint[] {
  return Array.from({ length: steps + 1 }, (_, s) => frontierPoint(smallOks, labels, s / steps));
}

/** The lowest threshold (of 0.001 steps) whose recall reaches `target`: the least frontier traffic. */
export function thresholdForRecall(
  smallOks: Float64Array,
  labels: Uint8Array,
  target: number,
): number {
  for (let step = 0; step <= 1000; step++) {
    const threshold = step / 1000;
    if (frontierPoint(smallOks, labels, threshold).frontierRecall >= target) return threshold;
  }
  return 1;
}
