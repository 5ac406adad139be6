// Integration and e2e tests: real services and whole processes on a shared 2-core machine, where
// a step may wait on others' work for seconds. The limit catches hangs; it does not measure speed.
import { jest } from '@jest/globals';

jest.setTimeout(30_000);
