// The lineage index as the app builds it: in a worker thread (from the sources here, through tsx).
import type { IndexOptions } from '../main/core/trace/walk';

export const APP_INDEX: IndexOptions = { builder: new URL('../main/core/trace/lineage-builder-from-source.mjs', import.meta.url).href };
