import type { INestApplication } from '@nestjs/common';
import { Registry } from 'prom-client';
import { TokenAuthenticator } from '../../dist/grpc/auth/token-authenticator.js';
import { RouterMemory } from '../../dist/modules/router/router-state.js';

/** The sizes the soak prints beside RSS, so growth can be pinned on a structure. */
export async function structureSizes(app: INestApplication): Promise<Record<string, number>> {
  const decisions = app.get(RouterMemory, { strict: false }).decisions;
  const buffered = await app.get(Registry).getSingleMetric('sluice_router_buffered')?.get();
  return {
    decisionMemoryEntries: decisions.size,
    decisionMemoryBytes: decisions.bytes,
    verifiedTokens: app.get(TokenAuthenticator, { strict: false }).rememberedTokens,
    ...Object.fromEntries(
      (buffered?.values ?? []).map((v) => [`buffered_${String(v.labels.kind)}`, v.value]),
    ),
  };
}
