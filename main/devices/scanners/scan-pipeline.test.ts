import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ScanPipeline } from './scan-pipeline';
import type { ScanEvent, ScannerEvents } from './types';

const at = (ms: number) => new Date(Date.UTC(2026, 2, 2, 8) + ms).toISOString();
const frame = (text: string, ms: number, device = 'serial:A') => ({ device, at: at(ms), text });

describe('ScanPipeline', () => {
  it('lets a barcode through once per window per scanner and says when it ignores a repeat', () => {
    const pipeline = new ScanPipeline({ duplicateWindowMs: 1000 });
    const events: ScanEvent[] = [];
    pipeline.subscribe((e) => events.push(e));
    pipeline.push(frame('WO-1', 0));
    pipeline.push(frame('WO-1', 400));
    pipeline.push(frame('WO-1', 400, 'serial:B'));
    pipeline.push(frame('WO-2', 500));
    pipeline.push(frame('WO-1', 1000));
    expect(events.map((e) => e.type)).toEqual(['scan', 'duplicate', 'scan', 'scan', 'scan']);
    const dup = events[1];
    expect(dup?.type === 'duplicate' && dup.message).toBe('Same barcode as 0.4 s ago on this scanner: ignored as a duplicate (window 1.0 s)');
    expect(dup?.type === 'duplicate' && dup.scan.kind).toBe('workOrder');
  });

  it('keeps the verdict exact with thousands of different labels in the window, and when the clock is set back', () => {
    const pipeline = new ScanPipeline({ duplicateWindowMs: 1000 });
    const type = (text: string, ms: number) => pipeline.push(frame(text, ms)).type;
    for (let i = 0; i < 5000; i++) expect(type(`X:${i}`, Math.floor(i / 5))).toBe('scan');
    expect([type('X:0', 999), type('X:4999', 999), type('X:0', 1000), type('X:1', 1000)]).toEqual(['duplicate', 'duplicate', 'scan', 'scan']);
    // X:4999 was let through at 999 ms; X:2 at 0 ms, whose window closed long ago.
    expect([type('X:4999', 1998), type('X:2', 1998), type('X:4999', 1999)]).toEqual(['duplicate', 'scan', 'scan']);
    // The clock set back: nothing seen "in the future" counts as a repeat, and the window starts again from now.
    expect([type('X:2', 100), type('X:2', 200), type('X:3', 50), type('X:3', 60)]).toEqual(['scan', 'duplicate', 'scan', 'duplicate']);
  });

  it('with a window of 0 nothing is a duplicate', () => {
    const pipeline = new ScanPipeline({ duplicateWindowMs: 0 });
    expect([pipeline.push(frame('X:1', 0)).type, pipeline.push(frame('X:1', 0)).type]).toEqual(['scan', 'scan']);
  });

  it('fans out frames, problems and states of attached drivers; a throwing listener does not stop the others', () => {
    const errors: unknown[] = [];
    const pipeline = new ScanPipeline({ onListenerError: (e) => errors.push(e) });
    const driver = new EventEmitter<ScannerEvents>();
    const seen: string[] = [];
    pipeline.subscribe(() => {
      throw new Error('station broke');
    });
    pipeline.subscribe((e) => seen.push(e.type));
    const detach = pipeline.attach(driver);
    driver.emit('state', { device: 'serial:A', at: at(0), state: 'connected' });
    driver.emit('frame', frame('RES:1', 1));
    driver.emit('problem', { device: 'serial:A', at: at(2), problem: 'Frame too long' });
    detach();
    driver.emit('frame', frame('RES:2', 3));
    expect(seen).toEqual(['state', 'scan', 'problem']);
    expect(errors).toHaveLength(3);
  });

  it('validates the window', () => {
    expect(() => new ScanPipeline({ duplicateWindowMs: -1 })).toThrow(/duplicate window/);
  });
});
