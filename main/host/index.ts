export { startHost } from './server';
export type { HostOptions, RunningHost } from './server';
