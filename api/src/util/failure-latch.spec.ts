import { FailureLatch } from './failure-latch.js';

describe('FailureLatch', () => {
  it.each<[string, ('ok' | 'fail')[], string[]]>([
    ['says nothing while reads succeed', ['ok', 'ok'], []],
    ['warns once for a run of failures', ['fail', 'fail', 'fail'], ['warn down: boom']],
    ['notes the recovery once', ['fail', 'ok', 'ok'], ['warn down: boom', 'info up']],
    [
      'warns again after a recovery',
      ['fail', 'ok', 'fail'],
      ['warn down: boom', 'info up', 'warn down: boom'],
    ],
  ])('%s', (_label, attempts, expected) => {
    const lines: string[] = [];
    const latch = new FailureLatch(
      {
        info: (message) => lines.push(`info ${message}`),
        warn: (fields, message) => lines.push(`warn ${message}: ${fields.err}`),
      },
      { failed: 'down', recovered: 'up' },
    );
    for (const attempt of attempts)
      if (attempt === 'ok') latch.succeeded();
      else latch.failed(new Error('boom'));
    expect(lines.map((l) => l.replace('Error: ', ''))).toEqual(expected);
  });
});
