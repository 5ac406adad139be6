import type { RouterEvaluation } from './evaluate.js';

/** eval-floors.json: the least each figure may be (or, for *Max, the most). */
export interface EvalFloors {
  readonly accuracy: number;
  readonly macroF1: number;
  readonly tierAgreement: number;
  /** Needs-frontier recall at the default thresholds. */
  readonly frontierRecall: number;
  /** Share of traffic sent to the frontier at the default thresholds. */
  readonly frontierShareMax: number;
  /** Needs-frontier recall on test at the threshold chosen on calibration for 90%. */
  readonly targetRecall: number;
  readonly eceMax: number;
}

/** Every figure under its floor, as "name value < floor" lines; empty when all hold. */
export function belowFloors(e: RouterEvaluation, floors: EvalFloors): string[] {
  const figures: [string, number, number, 'min' | 'max'][] = [
    ['accuracy', e.accuracy, floors.accuracy, 'min'],
    ['macroF1', e.macroF1, floors.macroF1, 'min'],
    ['tierAgreement', e.tierAgreement, floors.tierAgreement, 'min'],
    ['frontierRecall', e.atDefaults.frontierRecall, floors.frontierRecall, 'min'],
    ['frontierShare', e.atDefaults.frontierShare, floors.frontierShareMax, 'max'],
    ['targetRecall', e.atTarget.frontierRecall, floors.targetRecall, 'min'],
    ['ece', e.calibration.after.ece, floors.eceMax, 'max'],
  ];
  return figures
    .filter(([, value, floor, way]) => (way === 'min' ? value < floor : value > floor))
    .map(
      ([name, value, floor, way]) =>
        `${name} ${value.toFixed(3)} ${way === 'min' ? '<' : '>'} ${floor}`,
    );
}
