// The protobuf JSON the CLI prints (-o json), as far as the journeys read it.
export interface Target {
  readonly model: { readonly namespace: string; readonly name: string };
  readonly servedModelName: string;
  readonly endpointUrl: string;
  readonly tier: string;
}

export interface Decision {
  readonly decisionId: string;
  readonly target: Target;
  readonly fallbacks?: readonly Target[];
  readonly reason: { readonly rule?: string; readonly message: string };
  readonly shadow?: { readonly decisionId: string };
  readonly cacheHit?: unknown;
}

export interface UsageCounts {
  readonly queries?: string;
  readonly modelCalls?: string;
  readonly inputTokens?: string;
  readonly cachedInputTokens?: string;
  readonly outputTokens?: string;
}

export interface CostBreakdown {
  readonly totalUsd?: string;
  readonly externalUsd?: string;
  readonly selfHostedUsd?: string;
  readonly idleUsd?: string;
  readonly inputUsd?: string;
  readonly cachedInputUsd?: string;
  readonly outputUsd?: string;
  readonly usedUsd?: string;
  readonly sharedIdleUsd?: string;
}

export interface CostRow {
  readonly group?: readonly { readonly value?: string }[];
  readonly usage?: UsageCounts;
  readonly cost?: CostBreakdown;
}
