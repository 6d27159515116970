import { defineConfig } from 'vitest/config';

const everything = ['main/**/*.test.ts', 'common/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts'];
// These replace the `electron` module with a stand-in (vi.mock): each file gets a process of its own.
const electronShell = ['main/electron/**/*.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Passwords hashed at N = 2^10 instead of OWASP's 2^17: the suite signs in and signs records thousands of times
    // (main/core/users/passwords.ts; its own test checks the OWASP default).
    env: { LOTLINE_TEST_SCRYPT_N: '1024' },
    projects: [
      // One process per worker runs file after file, importing the app's modules once instead of once per file.
      { extends: true, test: { name: 'app', include: everything, exclude: electronShell, isolate: false } },
      { extends: true, test: { name: 'electron', include: electronShell } },
    ],
  },
});
