// The operator's leader-election settings: identity and client-go's three timings.
import { ConfigError, loadConfig } from './load-config.js';
import { operatorEnvSchema } from './schemas.js';

function problemOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(operatorEnvSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('operator leader-election settings', () => {
  it("defaults to client-go's timings and no pod name", () => {
    const config = loadConfig(operatorEnvSchema, {});
    expect(config).toMatchObject({
      LEADER_ELECTION_LEASE_DURATION: 15_000,
      LEADER_ELECTION_RENEW_DEADLINE: 10_000,
      LEADER_ELECTION_RETRY_PERIOD: 2000,
    });
    expect(config.POD_NAME).toBeUndefined();
  });

  it('reads durations and the pod name', () => {
    const config = loadConfig(operatorEnvSchema, {
      POD_NAME: 'sluice-operator-7d9f8b6c4-x2x9q',
      LEADER_ELECTION_LEASE_DURATION: '1m',
      LEADER_ELECTION_RENEW_DEADLINE: '45s',
      LEADER_ELECTION_RETRY_PERIOD: '500ms',
    });
    expect(config).toMatchObject({
      POD_NAME: 'sluice-operator-7d9f8b6c4-x2x9q',
      LEADER_ELECTION_LEASE_DURATION: 60_000,
      LEADER_ELECTION_RENEW_DEADLINE: 45_000,
      LEADER_ELECTION_RETRY_PERIOD: 500,
    });
  });

  it.each([
    [
      { POD_NAME: 'Operator_1' },
      'POD_NAME: expected a pod name (DNS-1123 subdomain) (got "Operator_1")',
    ],
    [
      { LEADER_ELECTION_LEASE_DURATION: '15' },
      'LEADER_ELECTION_LEASE_DURATION: expected a duration like 15s, 500ms or 1m30s, from 1s to 1h (got "15")',
    ],
    [
      { LEADER_ELECTION_LEASE_DURATION: '500ms' },
      'LEADER_ELECTION_LEASE_DURATION: expected a duration like 15s, 500ms or 1m30s, from 1s',
    ],
    [
      { LEADER_ELECTION_RETRY_PERIOD: '10ms' },
      'LEADER_ELECTION_RETRY_PERIOD: expected a duration like 15s, 500ms or 1m30s, from 100ms',
    ],
    [
      { LEADER_ELECTION_RENEW_DEADLINE: '20s' },
      'LEADER_ELECTION_RENEW_DEADLINE: expected shorter than LEADER_ELECTION_LEASE_DURATION, which is 15s (got "20s")',
    ],
    [
      { LEADER_ELECTION_LEASE_DURATION: '10s' },
      'LEADER_ELECTION_RENEW_DEADLINE: expected shorter than LEADER_ELECTION_LEASE_DURATION, which is 10s',
    ],
    [
      { LEADER_ELECTION_RETRY_PERIOD: '10s' },
      'LEADER_ELECTION_RETRY_PERIOD: expected shorter than LEADER_ELECTION_RENEW_DEADLINE, which is 10s (got "10s")',
    ],
  ])('names the variable when %j is wrong', (env, message) => {
    const problem = problemOf(env);
    expect(problem).toContain(message);
    expect(problem.split('\n')).toHaveLength(1);
  });
});
