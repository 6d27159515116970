// The scan feed: every scan handed to exactly one taker, kept as missed (with its data) when nobody takes it in time
// or too many wait, and duplicates or discarded frames recorded but never routed.
import { describe, expect, it } from 'vitest';
import { ScanFeed } from './scan-feed';

const scan = (raw: string, type: 'scan' | 'duplicate' | 'problem' = 'scan') => ({ deviceId: 'serial-1', deviceName: 'Dock', at: '2026-03-01T08:00:00.000Z', type, raw, summary: raw });

describe('ScanFeed', () => {
  it('hands each waiting scan to one taker only, in arrival order', () => {
    const feed = new ScanFeed({ holdMs: 1000 });
    feed.add(scan('WO-1'), 0);
    feed.add(scan('WO-1', 'duplicate'), 10);
    feed.add(scan('WO-2'), 20);
    expect(feed.take(30).map((e) => [e.seq, e.raw, e.delivery])).toEqual([
      [1, 'WO-1', 'delivered'],
      [3, 'WO-2', 'delivered'],
    ]);
    expect(feed.take(40)).toEqual([]);
    expect(feed.recent().map((e) => [e.seq, e.type, e.delivery])).toEqual([
      [3, 'scan', 'delivered'],
      [2, 'duplicate', 'not-routed'],
      [1, 'scan', 'delivered'],
    ]);
  });

  it('keeps a scan nobody took within the hold time as missed, with its data', () => {
    const feed = new ScanFeed({ holdMs: 1000 });
    feed.add(scan('RES-PC:24-117'), 0);
    feed.add(scan('WO-2'), 500);
    expect(feed.nextExpiry()).toBe(1000);
    expect(feed.take(1200).map((e) => e.raw)).toEqual(['WO-2']);
    expect(feed.count('missed')).toBe(1);
    expect(feed.recent().find((e) => e.delivery === 'missed')).toMatchObject({ raw: 'RES-PC:24-117', summary: 'RES-PC:24-117' });
    expect(feed.nextExpiry()).toBeUndefined();
  });

  it('marks the oldest waiting scans missed when more wait than it holds, and never trims a waiting one', () => {
    const feed = new ScanFeed({ holdMs: 60_000, maxPending: 2, maxRecent: 2 });
    for (const raw of ['A1', 'A2', 'A3']) feed.add(scan(raw), 0);
    expect(feed.count('missed')).toBe(0); // A1 was trimmed from the feed only after it was marked missed
    expect(feed.take(1).map((e) => e.raw)).toEqual(['A2', 'A3']);
    const small = new ScanFeed({ holdMs: 60_000, maxPending: 5, maxRecent: 1 });
    for (const raw of ['B1', 'B2', 'B3']) small.add(scan(raw), 0);
    expect(small.take(1).map((e) => e.raw)).toEqual(['B1', 'B2', 'B3']);
  });
});
