import { availableParallelism } from 'node:os';

// Three tiers (STYLE rule 9): unit tests beside the code need no services; integration tests in
// each package's test/ talk to the real PostgreSQL and Redis; e2e journeys start whole processes.
const tsJest = ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.check.json' }];

const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: {
    '^@sluice/common$': '<rootDir>/common/src/index.ts',
    '^@sluice/router-model$': '<rootDir>/router-model/src/index.ts',
    '^@sluice/router-model/training$': '<rootDir>/router-model/src/training/index.ts',
    '^@sluice/proto$': '<rootDir>/proto/index.ts',
    '^@sluice/crds$': '<rootDir>/crds/index.ts',
    '^@sluice/crds/admission$': '<rootDir>/crds/src/admission/index.ts',
    '^@sluice/kube-sim$': '<rootDir>/kube-sim/src/index.ts',
    '^@sluice/api$': '<rootDir>/api/src/index.ts',
    '^@sluice/api/grpc-client$': '<rootDir>/api/src/grpc/grpc-client.ts',
    '^@sluice/operator$': '<rootDir>/operator/src/index.ts',
    '^@sluice/operator/runtime$': '<rootDir>/operator/src/runtime/index.ts',
    '^@sluice/operator/planner$': '<rootDir>/operator/src/controllers/inferencemodel/plan/plan.ts',
    // Sources import './x.js' (NodeNext resolution); jest resolves the .ts file.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

export default {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/*/src/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/*/test/**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/jest.services-setup.js'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/jest.services-setup.js'],
    },
  ],
  // Jest's default (cores - 1) runs one file at a time on a 2-core machine, but integration and
  // e2e files spend most of their time waiting on PostgreSQL, Redis, child processes and timers;
  // every file uses its own database, queue names and ports, so they can overlap. 1.5x the cores
  // took a CI run's tests from ~25 to ~7 minutes here. (A '150%' string here meant 150 workers.)
  maxWorkers: Math.max(2, Math.round(availableParallelism() * 1.5)),
  // Every test closes what it starts. A full run once stayed up after its last test (a timer
  // outliving its close, before the operator's clean shutdown); since then full runs with
  // `--forceExit=false`, with and without coverage, in band with --detectOpenHandles too, end by
  // themselves. Kept as a guard: CI must end with the tests' verdict, not hang until its timeout.
  // To look for a leak: `npm run test:int -- --forceExit=false --runInBand --detectOpenHandles`.
  forceExit: true,
  coverageProvider: 'v8',
  collectCoverageFrom: ['*/src/**/*.ts', '!*/src/**/*.spec.ts', '!**/main.ts'],
  coverageReporters: ['text-summary', 'lcov'],
};
