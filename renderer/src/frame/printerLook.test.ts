import { describe, expect, it } from 'vitest';
import type { PrinterStatusReport } from '../../../common/api/printing';
import { printerLook } from './printerLook';

const report = (patch: Partial<PrinterStatusReport>): PrinterStatusReport => ({
  printer: 'tcp://127.0.0.1:9100',
  name: 'ZT',
  answered: true,
  status: null,
  problems: [],
  ready: true,
  message: 'Printer ZT at 127.0.0.1:9100: ready',
  ...patch,
});

describe('printerLook', () => {
  it('reads the ~HS answer in words', () => {
    expect(printerLook(report({}), undefined)).toEqual({ tone: 'ready', word: 'ready', detail: 'Printer ZT at 127.0.0.1:9100: ready' });
    expect(
      printerLook(
        report({ ready: false, problems: ['paper out', 'head open'], message: 'Printer ZT at 127.0.0.1:9100: paper out, head open' }),
        undefined,
      ),
    ).toMatchObject({ tone: 'problem', word: 'paper out, head open' });
    expect(printerLook(report({ answered: false, ready: false, problems: ['no answer to ~HS within 2000 ms'] }), undefined)).toMatchObject({
      tone: 'problem',
      word: 'no answer',
    });
    expect(printerLook(report({ answered: false, ready: false, problems: [] }), undefined)).toMatchObject({
      tone: 'unknown',
      word: 'print queue',
    });
    expect(printerLook(undefined, undefined)).toEqual({ tone: 'unknown', word: 'checking…', detail: null });
  });

  it('says when a job is with the printer or waiting on it', () => {
    expect(printerLook(report({}), { id: 7, state: 'sending', problem: null })).toMatchObject({ tone: 'busy', word: 'printing' });
    expect(printerLook(undefined, { id: 7, state: 'awaiting', problem: null })).toMatchObject({ tone: 'busy', word: 'printing' });
    expect(printerLook(report({}), { id: 7, state: 'queued', problem: 'Printer ZT: paper out' })).toMatchObject({
      tone: 'problem',
      word: 'ready, job 7 waiting',
    });
    expect(printerLook(undefined, { id: 7, state: 'awaiting', problem: 'Printer ZT: head open' })).toEqual({
      tone: 'problem',
      word: 'job 7 waiting',
      detail: 'Printer ZT: head open',
    });
    expect(printerLook(report({}), { id: 7, state: 'printed', problem: null })).toMatchObject({ tone: 'ready', word: 'ready' });
  });
});
