// Apart from economics.ts so the argument parser can offer the choices without loading the command.
export const ECONOMICS_REPORTS = ['unit', 'cost', 'savings', 'crossover'] as const;
export type EconomicsReport = (typeof ECONOMICS_REPORTS)[number];
