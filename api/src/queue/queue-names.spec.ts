import { ledgerQueueName } from './queue-names.js';

describe('ledgerQueueName', () => {
  const name = (url: string) => ledgerQueueName('sluice-usage-ingest', url);

  it('is the same for the same database, whoever connects and however', () => {
    expect(name('postgres://a:secret@db:5432/sluice')).toBe(name('postgresql://b@db/sluice'));
  });

  it.each([
    ['another database', 'postgres://db:5432/other'],
    ['another host', 'postgres://db2:5432/sluice'],
    ['another port', 'postgres://db:5433/sluice'],
  ])('differs for %s', (_case, url) => {
    expect(name(url)).not.toBe(name('postgres://db:5432/sluice'));
  });

  it('keeps the base readable and never contains credentials', () => {
    const queue = name('postgres://user:hunter2@db:5432/sluice');
    expect(queue).toMatch(/^sluice-usage-ingest-[0-9a-f]{12}$/);
    expect(queue).not.toContain('hunter2');
  });
});
