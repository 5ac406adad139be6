// Apart from economics.ts so the argument parser can offer the choices without loading the command.
export const ECONOMICS_REPORTS = ['unit', 'cost', 'savings', 'crossover'] as const;
export type EconomicsReport = (typeof ECONOMICS_REPORTS)[number];

/** --granularity: how the cost report splits its window (calendar units in UTC). */
export const GRANULARITIES = ['none', 'hour', 'day', 'week', 'month'] as const;
export type GranularityName = (typeof GRANULARITIES)[number];
