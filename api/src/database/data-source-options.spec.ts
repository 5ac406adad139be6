import { dataSourceOptions } from './data-source-options.js';
import { ENTITIES, MIGRATIONS } from './schema.js';

describe('dataSourceOptions', () => {
  const options = dataSourceOptions({
    DATABASE_URL: 'postgres://sluice@db:5432/sluice',
    DATABASE_POOL_SIZE: 7,
  });

  it('never lets TypeORM change the schema on its own', () => {
    expect(options).toMatchObject({
      synchronize: false,
      migrationsRun: false,
      installExtensions: false,
    });
  });

  it('connects as sluice-api with the configured pool size', () => {
    expect(options).toMatchObject({
      type: 'postgres',
      url: 'postgres://sluice@db:5432/sluice',
      applicationName: 'sluice-api',
      extra: { max: 7 },
    });
  });

  it('lists entity and migration classes, not globs', () => {
    expect(options.entities).toBe(ENTITIES);
    expect(options.migrations).toBe(MIGRATIONS);
    expect([...ENTITIES, ...MIGRATIONS].every((item) => typeof item === 'function')).toBe(true);
  });

  it('records migrations in sluice_migrations, one transaction each', () => {
    expect(options).toMatchObject({
      migrationsTableName: 'sluice_migrations',
      migrationsTransactionMode: 'each',
    });
  });
});
