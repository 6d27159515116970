// Every topic the api publishes. A topic added to ApiEvents and not listed here is a type error, not a silent gap.
import type { ApiEvents } from './types';

const published: Record<keyof ApiEvents, true> = { changed: true, scan: true, devices: true, progress: true };
export const apiTopics = Object.keys(published) as (keyof ApiEvents)[];
