// Two projects: fast unit/integration tests beside the code, and end-to-end tests that
// drive the built UI in Debian's Chromium through `dossier serve`. The CLI is built first
// (scripts/build-cli-for-tests.mjs): tests run bin/dossier.mjs as users do.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./scripts/build-cli-for-tests.mjs'],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'archive/**/*.test.ts',
            'electron/**/*.test.ts',
            'renderer/**/*.test.{ts,tsx}',
            'bench/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A UI waits on a real server, importer and browser: a busy machine takes longer
          // than vitest's 1 s default to get there, which is slowness, not a failure.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
