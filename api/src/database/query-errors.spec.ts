import { DataSource, QueryFailedError } from 'typeorm';
import { GrpcStatus } from '../grpc/sluice-error.js';
import { requireConnected, violatedConstraint } from './query-errors.js';

const failed = (driverError: object): QueryFailedError =>
  new QueryFailedError('insert ...', [], Object.assign(new Error('pg'), driverError));

describe('violatedConstraint', () => {
  it.each([
    [
      'a unique violation',
      failed({ code: '23505', constraint: 'tenants_name_key' }),
      'tenants_name_key',
    ],
    [
      'a check violation',
      failed({ code: '23514', constraint: 'tenants_name_check' }),
      'tenants_name_check',
    ],
    ['a syntax error', failed({ code: '42601' }), undefined],
    ['a violation without a name', failed({ code: '23502' }), undefined],
    ['a connection error', new Error('connect ECONNREFUSED 127.0.0.1:5432'), undefined],
    ['a non-error', 'boom', undefined],
  ])('reads %s', (_, error, expected) => {
    expect(violatedConstraint(error)).toBe(expected);
  });
});

describe('requireConnected', () => {
  it('reports a DataSource that never connected as UNAVAILABLE', () => {
    const dataSource = new DataSource({ type: 'postgres', url: 'postgres://x@127.0.0.1:1/x' });
    let thrown: unknown;
    try {
      requireConnected(dataSource);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: GrpcStatus.UNAVAILABLE });
  });
});
