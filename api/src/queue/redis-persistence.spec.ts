import {
  describePersistence,
  persistenceFromConfig,
  persistenceFromInfo,
  type RedisPersistence,
} from './redis-persistence.js';

describe('persistenceFromConfig', () => {
  it.each([
    [['appendonly', 'yes'], ['appendfsync', 'everysec'], true, 'everysec'],
    [['appendonly', 'YES'], ['appendfsync', 'always'], true, 'always'],
    [['appendonly', 'no'], ['appendfsync', 'everysec'], false, 'everysec'],
    [[], [], false, undefined],
  ])('%j %j: persistent %s', (appendonly, appendfsync, persistent, fsync) => {
    const read = persistenceFromConfig(appendonly, appendfsync);
    expect(read.persistent).toBe(persistent);
    expect(read.appendfsync).toBe(fsync);
    expect(read.source).toBe('CONFIG GET');
  });
});

describe('persistenceFromInfo', () => {
  it.each([
    ['# Persistence\r\nloading:0\r\naof_enabled:1\r\naof_rewrite_in_progress:0\r\n', true],
    ['# Persistence\r\nloading:0\r\naof_enabled:0\r\nrdb_changes_since_last_save:3\r\n', false],
    ['# Persistence\naof_enabled:10\n', false],
    ['', false],
  ])('%j: persistent %s', (info, persistent) => {
    const read = persistenceFromInfo(info);
    expect(read).toEqual({
      persistent,
      appendonly: persistent ? 'yes' : 'no',
      source: 'INFO persistence',
    });
  });
});

describe('describePersistence', () => {
  const aof: RedisPersistence = {
    persistent: true,
    appendonly: 'yes',
    appendfsync: 'everysec',
    source: 'CONFIG GET',
  };
  const none: RedisPersistence = {
    persistent: false,
    appendonly: 'no',
    source: 'INFO persistence',
  };
  it.each([
    [
      undefined,
      false,
      'persistence unknown (not checked yet): usage is acknowledged once written to PostgreSQL',
    ],
    [aof, false, 'persistent (appendonly yes, appendfsync everysec; from CONFIG GET)'],
    [
      none,
      false,
      'volatile (appendonly no; from INFO persistence): usage is acknowledged once written to PostgreSQL',
    ],
    [none, true, expect.stringContaining('USAGE_VOLATILE_ACK=true') as string],
  ])('%j, acks volatile %s', (persistence, acksVolatile, line) => {
    expect(describePersistence(persistence, acksVolatile)).toEqual(line);
  });
});
