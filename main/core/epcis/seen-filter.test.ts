// The Bloom filter an import asks before the database whether a lot may be one it created: never "not seen" of
// a key added, and rarely "maybe" of one never added, for keys shaped like the import's (item, kind, code).
import { describe, expect, it } from 'vitest';
import { SeenFilter } from './seen-filter';

describe('SeenFilter', () => {
  it('says "maybe" of every key added and "not seen" of nearly every other, at a million keys', () => {
    const filter = new SeenFilter();
    const key = (n: number) => `${1 + (n % 37)}\tlot\tR${n}`;
    for (let n = 0; n < 1_000_000; n++) filter.add(key(n));
    let missed = 0;
    for (let n = 0; n < 1_000_000; n++) if (!filter.mayHave(key(n))) missed++;
    expect(missed).toBe(0);
    let maybe = 0;
    for (let n = 1_000_000; n < 2_000_000; n++) if (filter.mayHave(key(n))) maybe++;
    for (let n = 0; n < 1_000_000; n++) if (filter.mayHave(`${1 + (n % 37)}\tserial\tR${n}`)) maybe++;
    // 4 probes into 2^26 bits after 10^6 keys: about 1 in 89,000 expected, so 2 million others give ≈ 22.
    expect(maybe).toBeLessThan(100);
  });
});
