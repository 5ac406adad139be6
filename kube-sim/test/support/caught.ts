// Test helper for unit specs: the error a synchronous call throws (lint-clean, typed).
export const caught = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
};
