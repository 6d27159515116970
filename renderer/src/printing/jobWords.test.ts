import { describe, expect, it } from 'vitest';
import type { PrintJob } from '../../../common/api/printing';
import { printJobWords } from './jobWords';

const job = (patch: Partial<PrintJob>): Pick<PrintJob, 'state' | 'problem' | 'copies' | 'reprint'> => ({
  state: 'queued',
  problem: null,
  copies: 1,
  reprint: null,
  ...patch,
});

describe('printJobWords', () => {
  it.each([
    [job({}), 'info', 'Label queued', null, 'wait'],
    [
      job({ problem: 'Printer ZT at 127.0.0.1:9100: paper out' }),
      'attention',
      'Label queued — not sent',
      'Printer ZT at 127.0.0.1:9100: paper out',
      'retry',
    ],
    [job({ state: 'sending', copies: 3 }), 'info', '3 copies sending…', null, 'wait'],
    [job({ state: 'awaiting' }), 'info', 'Label sent — waiting for the printer to confirm', null, 'wait'],
    [
      job({ state: 'awaiting', problem: 'Printer at p:9100: head open; the label was sent' }),
      'attention',
      'Label sent — not confirmed',
      'Printer at p:9100: head open; the label was sent',
      'retry',
    ],
    [job({ state: 'printed', reprint: { of: 4, reason: 'smudged' } }), 'accepted', 'Reprint printed', null, 'reprint'],
    [job({ state: 'failed', problem: 'sending was interrupted' }), 'refused', 'Label failed', 'sending was interrupted', 'reprint'],
  ] as const)('%o reads as %s "%s"', (input, tone, title, detail, next) => {
    expect(printJobWords(input)).toEqual({ tone, title, detail, next });
  });
});
