// ~HS replies as a Zebra sends them: when a reply is whole, each field read, and what stops printing said in words.
import { describe, expect, it } from 'vitest';
import { hostStatusDone, hostStatusLength, hostStatusPending, hostStatusProblems, parseHostStatus } from './host-status';

// A ZT410 in tear-off mode, thermal transfer, with 2 formats waiting and 5 labels of a batch to go.
const ZT410 = '\x02030,0,0,1218,002,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,1,2,6,0,00000005,1,000\x03\r\n\x021234,0\x03\r\n';

describe('~HS host status', () => {
  it('knows when the three strings are whole, even when they arrive in pieces', () => {
    const bytes = Buffer.from(ZT410, 'latin1');
    for (let cut = 0; cut < bytes.length - 2; cut++) expect(hostStatusLength(bytes.subarray(0, cut))).toBe(0);
    expect(hostStatusLength(bytes)).toBe(bytes.length);
    // Without the trailing CR LF yet, the reply still ends at the third ETX.
    expect(hostStatusLength(bytes.subarray(0, bytes.length - 2))).toBe(bytes.length - 2);
  });

  it('reads every field', () => {
    const parsed = parseHostStatus(Buffer.from(ZT410, 'latin1'));
    expect(parsed).toEqual({
      ok: true,
      status: {
        paperOut: false,
        paused: false,
        labelLengthDots: 1218,
        formatsInBuffer: 2,
        bufferFull: false,
        diagnosticMode: false,
        partialFormat: false,
        corruptRam: false,
        underTemperature: false,
        overTemperature: false,
        headOpen: false,
        ribbonOut: false,
        thermalTransfer: true,
        printMode: 'tear-off',
        labelWaiting: false,
        labelsRemaining: 5,
        graphicsStored: 0,
      },
    });
    if (!parsed.ok) return;
    expect(hostStatusProblems(parsed.status)).toEqual([]);
    expect(hostStatusDone(parsed.status)).toBe(false);
    expect(hostStatusPending(parsed.status)).toBe('2 formats in the buffer, 5 labels of the batch to print');
  });

  it('says what stops printing, most urgent first', () => {
    const reply = '\x02030,1,1,1218,000,1,0,0,000,0,0,1\x03\r\n\x02001,0,1,1,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n';
    const parsed = parseHostStatus(Buffer.from(reply, 'latin1'));
    expect(parsed.ok && hostStatusProblems(parsed.status)).toEqual(['head open', 'paper out', 'ribbon out', 'paused', 'print head too hot', 'receive buffer full']);
    expect(parsed.ok && hostStatusDone(parsed.status)).toBe(true);
    // A direct thermal printer (no thermal transfer) has no ribbon to run out of.
    const direct = parseHostStatus(Buffer.from(reply.replace('001,0,1,1,1,2', '001,0,0,1,0,2'), 'latin1'));
    expect(direct.ok && hostStatusProblems(direct.status)).toEqual(['paper out', 'paused', 'print head too hot', 'receive buffer full']);
  });

  it('refuses an answer that is not a host status, saying why', () => {
    expect(parseHostStatus(Buffer.from('\x02030,0,0\x03\r\n', 'latin1'))).toEqual({ ok: false, error: 'the ~HS answer has 1 of its 3 lines: "\\u0002030,0,0\\u0003\\r\\n"' });
    expect(parseHostStatus(Buffer.from(ZT410.replace('1218', '12x8'), 'latin1'))).toMatchObject({ ok: false, error: expect.stringMatching(/^the ~HS answer has a field that is not a number \("12x8"\)/) });
    expect(parseHostStatus(Buffer.from('\x02a\x03\x02b\x03\x02c\x03', 'latin1'))).toMatchObject({ ok: false, error: expect.stringMatching(/too few fields \(1 of 12 and 1 of 11\)/) });
  });
});
