// Unit tests live beside the code; integration tests that need a real database or browser end in .int.test.ts.
// e2e/ holds the browser tests (*.e2e.test.ts, against the built app in Debian's chromium) and the
// first-load budget; they set their own longer timeouts (see e2e/harness.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 20000,
  },
});
