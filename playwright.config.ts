import { defineConfig } from '@playwright/test';
import { E2E_PORT, E2E_TOKEN, e2eBaseUrl } from './e2e/session';

// Debian's Chromium, not a downloaded one (see /work/shared/FACTS.md).
const launchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // The two viewports run side by side, each on its own host and demo database; within one the tests run in order, one
  // at a time, as they share that database and some of them write to it.
  fullyParallel: false,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    launchOptions,
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  // Every screen is checked at the minimum desk size and on a large monitor.
  projects: [
    { name: '1366x768', workers: 1, use: { viewport: { width: 1366, height: 768 }, baseURL: e2eBaseUrl(E2E_PORT) } },
    { name: '1920x1080', workers: 1, use: { viewport: { width: 1920, height: 1080 }, baseURL: e2eBaseUrl(E2E_PORT + 1) } },
  ],
  webServer: [E2E_PORT, E2E_PORT + 1].map((port) => ({
    command: `node e2e/serve.mjs --port ${port} --token ${E2E_TOKEN}`,
    // Demo users' passwords hashed at N = 2^10, not OWASP's 2^17: each sign-in and signature then costs milliseconds
    // (main/core/users/passwords.ts).
    env: { LOTLINE_TEST_SCRYPT_N: '1024' },
    url: `${e2eBaseUrl(port)}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
  })),
});
