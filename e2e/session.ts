// The e2e web hosts' addresses and session token, shared by the config, serve.mjs's caller and the tests.
// The host refuses tokens shorter than 16 characters, so this is longer than the `e2e-token` first planned.
// Each viewport project has its own host and demo database, on E2E_PORT and the port after it, so the two run side by
// side; E2E_PORT moves a run off the default ports, e.g. to run one spec while another run is going.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4317);
export const E2E_TOKEN = 'e2e-token-playwright';
export const e2eBaseUrl = (port: number): string => `http://127.0.0.1:${port}`;

/** The demo plant's users and their known passwords (README, main/demo/users.ts). */
export { DEMO_USERS } from '../main/demo/users';
export type DemoUser = 'admin' | 'qa1' | 'op1' | 'viewer1';
