// Runs the api worker from the TypeScript sources (tests, tsx scripts): registers tsx, then loads the entry.
import { register } from 'tsx/esm/api';

register();
await import('./worker-entry.ts');
