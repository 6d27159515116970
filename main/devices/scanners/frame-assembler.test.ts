import { describe, expect, it } from 'vitest';
import { FrameAssembler, parseSuffix } from './frame-assembler';
import type { Assembled } from './frame-assembler';

const bytes = (text: string) => Buffer.from(text, 'latin1');
const texts = (out: Assembled[]) => out.map((o) => (o.type === 'frame' ? o.text : `!${o.problem}`));

describe('FrameAssembler', () => {
  it('splits at CR and keeps GS (0x1D) and latin1 bytes one to one', () => {
    const a = new FrameAssembler({ suffix: 'cr' });
    expect(texts(a.push(bytes('ab\x1dc\rdé\r')))).toEqual(['ab\x1dc', 'dé']);
    expect(a.pending).toBe(0);
  });

  it('assembles a frame split across chunks, and a CRLF suffix split between them', () => {
    const a = new FrameAssembler({ suffix: 'crlf' });
    expect(a.push(bytes('PART-1:'))).toEqual([]);
    expect(a.push(bytes('LOT9\r'))).toEqual([]);
    expect(texts(a.push(bytes('\nWO-1\r\n')))).toEqual(['PART-1:LOT9', 'WO-1']);
  });

  it('takes a custom suffix such as EOT', () => {
    const a = new FrameAssembler({ suffix: Uint8Array.of(0x04) });
    expect(texts(a.push(bytes('A\x04B\x04')))).toEqual(['A', 'B']);
  });

  it('drops empty frames and noise at the edges (NUL, 0xFF, the LF of CRLF under a CR suffix)', () => {
    const a = new FrameAssembler({ suffix: 'cr' });
    expect(texts(a.push(bytes('\x00\xff\r\r\nSH-000042\r\n')))).toEqual(['SH-000042']);
  });

  it('refuses a frame with a control byte inside as line noise', () => {
    const a = new FrameAssembler({ suffix: 'cr' });
    expect(texts(a.push(bytes('AB\x07C\rOK\r')))).toEqual(['!Line noise: control byte 0x07 at position 3 of the frame; discarded', 'OK']);
  });

  it('discards an over-long frame with a reason, and its tail up to the next suffix', () => {
    const a = new FrameAssembler({ suffix: 'cr', maxLength: 8 });
    expect(texts(a.push(bytes('123456789')))).toEqual(['!Frame too long: more than 8 bytes without a suffix; discarded up to the next suffix']);
    expect(a.push(bytes('0123456'))).toEqual([]);
    expect(texts(a.push(bytes('7\rGOOD\r')))).toEqual(['GOOD']);
    expect(texts(a.push(bytes('123456789\r')))).toEqual(['!Frame too long: 9 bytes, more than the 8 allowed; discarded']);
  });

  it('without a suffix, a pause ends the frame', () => {
    const a = new FrameAssembler({ suffix: 'none' });
    expect(a.framedByTimeout).toBe(true);
    expect(a.push(bytes('WO-12'))).toEqual([]);
    expect(a.push(bytes('34'))).toEqual([]);
    expect(texts(a.idle())).toEqual(['WO-1234']);
    expect(a.idle()).toEqual([]);
  });

  it('with a suffix, a fragment left waiting is discarded as incomplete', () => {
    const a = new FrameAssembler({ suffix: 'cr' });
    a.push(bytes('half'));
    expect(texts(a.idle())).toEqual(['!Incomplete frame: the scanner stopped sending before the frame suffix; discarded']);
    a.push(bytes('\n'));
    expect(a.idle()).toEqual([]);
  });

  it('a cut (unplug) reports a partial frame and never passes it on', () => {
    const a = new FrameAssembler({ suffix: 'none' });
    a.push(bytes('PART:12'));
    expect(texts(a.cut('unplugged'))).toEqual(['!Incomplete frame cut off (unplugged); discarded']);
    expect(a.pending).toBe(0);
  });

  it('validates its options', () => {
    expect(() => new FrameAssembler({ suffix: 'cr', maxLength: 0 })).toThrow(/maximum frame length/);
    expect(() => new FrameAssembler({ suffix: new Uint8Array() })).toThrow(/1 to 8 bytes/);
    expect(parseSuffix('CRLF')).toEqual({ ok: true, suffix: 'crlf' });
    expect(parseSuffix('0x04')).toEqual({ ok: true, suffix: Uint8Array.of(4) });
    expect(parseSuffix('tab')).toMatchObject({ ok: false, error: expect.stringMatching(/not a frame suffix/) });
  });
});
