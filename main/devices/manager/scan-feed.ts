// The hardware scans of this process, in order: each scan waits (bounded in number and time) until a screen takes
// it, is handed to exactly one taker, and one that nobody takes in time is kept as missed, with its data, rather than
// dropped. Duplicates and discarded frames are recorded beside them, never routed. Pure: the caller gives the time.
import type { ScanFeedEntry } from '../../../common/api/devices';

export interface ScanFeedOptions {
  /** How long a scan waits for a screen (ms). */
  holdMs: number;
  /** Most scans waiting at once; beyond it the oldest is marked missed. */
  maxPending?: number;
  /** How many entries are kept for the feed (newest). Pending entries are never dropped from it. */
  maxRecent?: number;
}

type NewEntry = Omit<ScanFeedEntry, 'seq' | 'delivery'>;

interface Held {
  entry: ScanFeedEntry;
  /** ms since epoch when it arrived. */
  arrived: number;
}

export class ScanFeed {
  private seq = 0;
  private readonly entries: Held[] = [];
  holdMs: number;
  private readonly maxPending: number;
  private readonly maxRecent: number;

  constructor(options: ScanFeedOptions) {
    this.holdMs = options.holdMs;
    this.maxPending = options.maxPending ?? 100;
    this.maxRecent = options.maxRecent ?? 200;
  }

  /** Records an entry; a `scan` waits for a screen, the others are only shown. Returns the entry as recorded. */
  add(entry: NewEntry, now: number): ScanFeedEntry {
    this.seq += 1;
    const held: Held = { entry: { ...entry, seq: this.seq, delivery: entry.type === 'scan' ? 'pending' : 'not-routed' }, arrived: now };
    this.entries.push(held);
    const pending = this.entries.filter((e) => e.entry.delivery === 'pending');
    for (const old of pending.slice(0, Math.max(0, pending.length - this.maxPending))) old.entry.delivery = 'missed';
    this.trim();
    return { ...held.entry };
  }

  /** Marks scans older than the hold time as missed; true when any was. */
  expire(now: number): boolean {
    let changed = false;
    for (const held of this.entries) {
      if (held.entry.delivery === 'pending' && now - held.arrived >= this.holdMs) {
        held.entry.delivery = 'missed';
        changed = true;
      }
    }
    return changed;
  }

  /** Every scan still waiting, oldest first, now handed to this caller (nobody else gets them). */
  take(now: number): ScanFeedEntry[] {
    this.expire(now);
    const taken: ScanFeedEntry[] = [];
    for (const held of this.entries) {
      if (held.entry.delivery !== 'pending') continue;
      held.entry.delivery = 'delivered';
      taken.push({ ...held.entry });
    }
    return taken;
  }

  /** When the oldest waiting scan becomes missed (ms since epoch), if any waits. */
  nextExpiry(): number | undefined {
    const first = this.entries.find((e) => e.entry.delivery === 'pending');
    return first ? first.arrived + this.holdMs : undefined;
  }

  /** Newest first. */
  recent(limit = this.maxRecent): ScanFeedEntry[] {
    return this.entries
      .slice(-limit)
      .reverse()
      .map((e) => ({ ...e.entry }));
  }

  count(delivery: ScanFeedEntry['delivery']): number {
    return this.entries.reduce((n, e) => n + (e.entry.delivery === delivery ? 1 : 0), 0);
  }

  private trim(): void {
    while (this.entries.length > this.maxRecent) {
      const index = this.entries.findIndex((e) => e.entry.delivery !== 'pending');
      if (index === -1) break;
      this.entries.splice(index, 1);
    }
  }
}
