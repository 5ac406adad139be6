/**
 * The task kinds the router model predicts, and what each needs. One table, read by the labelling
 * (data card), the training target (smallOk), the evaluation (tier agreement) and the engine.
 * README.md "Task kinds and what each needs" explains the proxy this is.
 */
export const TASK_KINDS = [
  'classification',
  'extraction',
  'summarization',
  'rewriting',
  'short-answer',
  'open-question',
  'creative-writing',
  'brainstorming',
  'math',
  'reasoning',
  'code',
] as const;

export type TaskKind = (typeof TASK_KINDS)[number];

export type TierNeed = 'small' | 'medium' | 'frontier';

export interface KindProfile {
  readonly needs: TierNeed;
  /** Prior share of this kind's queries that the small tier answers as well as the frontier. */
  readonly acceptance: number;
}

export const KIND_PROFILES: Readonly<Record<TaskKind, KindProfile>> = {
  classification: { needs: 'small', acceptance: 1 },
  extraction: { needs: 'small', acceptance: 1 },
  summarization: { needs: 'small', acceptance: 1 },
  rewriting: { needs: 'small', acceptance: 1 },
  'short-answer': { needs: 'small', acceptance: 1 },
  'open-question': { needs: 'medium', acceptance: 0.5 },
  'creative-writing': { needs: 'medium', acceptance: 0.5 },
  brainstorming: { needs: 'medium', acceptance: 0.5 },
  math: { needs: 'frontier', acceptance: 0 },
  reasoning: { needs: 'frontier', acceptance: 0 },
  code: { needs: 'frontier', acceptance: 0 },
};

export function isTaskKind(value: string): value is TaskKind {
  return (TASK_KINDS as readonly string[]).includes(value);
}
