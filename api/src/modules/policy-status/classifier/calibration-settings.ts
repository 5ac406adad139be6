import { DEFAULT_STEP_BOUNDS, type StepBounds } from './bounded-step.js';

/** How the loop calibrates a learned classifier's boundary (README: the target, step, dead band). */
export interface CalibrationSettings {
  readonly bounds: StepBounds;
  /** Fewer recent scores than this: the boundary in use stays (a quantile of 3 is noise). */
  readonly minScores: number;
  /** Fewer judged pairs than this: minQualityPercent keeps the boundary in use. */
  readonly minJudged: number;
  /** Pseudo-pairs each smallOk bucket is shrunk by toward the bucket above (acceptance.ts). */
  readonly priorWeight: number;
  /** Judged pairs older than this are forgotten: the model and the traffic change. */
  readonly verdictWindowSeconds: number;
}

export const DEFAULT_CALIBRATION: CalibrationSettings = {
  bounds: DEFAULT_STEP_BOUNDS,
  minScores: 50,
  minJudged: 20,
  priorWeight: 5,
  verdictWindowSeconds: 7 * 24 * 3600,
};

/** "the last hour", "the last 15 minutes": the window in a status message. */
export function windowText(seconds: number): string {
  if (seconds % 3600 === 0)
    return seconds === 3600 ? 'the last hour' : `the last ${seconds / 3600} hours`;
  if (seconds % 60 === 0)
    return seconds === 60 ? 'the last minute' : `the last ${seconds / 60} minutes`;
  return `the last ${seconds} seconds`;
}

export const count = (n: number): string => n.toLocaleString('en-US');
