// Runs the EPCIS check worker from the TypeScript sources (tests, tsx scripts): registers tsx, then loads it.
import { register } from 'tsx/esm/api';

register();
await import('./check-worker.ts');
