import { status } from '@grpc/grpc-js';
import type { createUnaryClient } from '@sluice/api/grpc-client';
import type { EconomicsService } from '@sluice/proto';
import { auditTable } from '../commands/economics-audit.js';
import type { Call } from '../commands/connection.js';
import { formatTable } from '../output/table.js';
import type { DemoWindow } from './tables.js';

type EconomicsClient = ReturnType<typeof createUnaryClient<(typeof EconomicsService)['method']>>;
type Out = NodeJS.WritableStream & { isTTY?: boolean };

/** Whether the demo's books balance; 'not audited' when the token may not ask. */
export type BooksVerdict = 'balanced' | 'differences' | 'not audited';

/**
 * SPEC 4 "the books must balance", on the demo's own window: AuditEconomics recomputes every
 * figure the demo printed (and the rest) from the raw ledger rows. Only a platform admin may ask
 * (the `make run` token is one): another token gets a line saying so, and the demo goes on.
 */
export async function auditBooks(
  economics: EconomicsClient,
  call: Call,
  window: DemoWindow,
  out: Out,
): Promise<BooksVerdict> {
  try {
    const reply = await economics.auditEconomics({ window }, call);
    const checked = `${reply.figuresChecked} figures recomputed from raw rows`;
    if (reply.differences.length === 0) {
      out.write(`Books balance: ${checked}, 0 differences\n`);
      return 'balanced';
    }
    const more = reply.truncated ? ' (more not listed)' : '';
    out.write(formatTable(auditTable(reply), out));
    out.write(`Books do not balance: ${checked}, ${reply.differences.length} differences${more}\n`);
    return 'differences';
  } catch (error) {
    if ((error as { code?: unknown }).code !== status.PERMISSION_DENIED) throw error;
    out.write(
      'Books not audited: AuditEconomics needs a platform admin token (sluice economics audit)\n',
    );
    return 'not audited';
  }
}
