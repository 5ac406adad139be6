// The throwaway databases live in src/testing, so the benchmarks (which import the API as built)
// make theirs the same way.
export {
  ADMIN_URL,
  createTestDatabase,
  testDatabase,
  type TestDatabase,
} from '../../src/testing/throwaway-database.js';
