/** How far the boundary in use may move per recomputation, and when it does not move at all. */
export interface StepBounds {
  /** Largest move per recomputation, in points. */
  readonly maxStep: number;
  /** A computed value within this many points of the one in use changes nothing. */
  readonly deadBand: number;
}

export const DEFAULT_STEP_BOUNDS: StepBounds = { maxStep: 5, deadBand: 2 };

/**
 * The boundary to use next: toward `computed` by at most maxStep points, and not at all when it
 * is within the dead band. A target that the scores meet keeps one value, so the boundary stops
 * rather than chase noise a point either way; a far one is reached in ceil(distance / maxStep)
 * recomputations, each a move anyone can see (and an Event).
 */
export function boundedStep(current: number, computed: number, bounds: StepBounds): number {
  const distance = computed - current;
  if (Math.abs(distance) <= bounds.deadBand) return current;
  return current + Math.sign(distance) * Math.min(bounds.maxStep, Math.abs(distance));
}
