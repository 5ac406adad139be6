// The admin API token of local mode: tenant `local`, no scope, admin (all tenants' economics).
// Kept in SLUICE_DATA_DIR/token (0600) so `sluice route`, `report` and `economics` find it
// (connection.ts reads .sluice/token); reused while it still authenticates, so restarts keep it.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ApiTokensRepository, TenantsRepository, type RunningApi } from '@sluice/api';

export const LOCAL_TENANT = 'local';

export async function localToken(app: RunningApi['app'], file: string): Promise<string> {
  const tokens = app.get(ApiTokensRepository, { strict: false });
  const saved = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (saved !== '' && (await tokens.authenticate(saved))?.admin === true) return saved;
  const tenants = app.get(TenantsRepository, { strict: false });
  const tenant =
    (await tenants.findByName(LOCAL_TENANT)) ?? (await tenants.create({ name: LOCAL_TENANT }));
  const { token } = await tokens.issue({ tenantId: tenant.id, name: 'sluice-dev', admin: true });
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return token;
}
