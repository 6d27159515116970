// The demo plant's quality records: approved test specifications for resin (incoming), IV sets (finished) and pumps
// (acceptance); results for the newest lots and serials; one out-of-spec set length investigated, retested and closed;
// supplier CoAs (small text files) attached to received resin and tubing lots. Deterministic (its own seed).
import type { CommandInput } from '../../common/api';
import { mulberry32 } from '../../common/random';
import type { caller } from './plant';

type Call = ReturnType<typeof caller>;

export const demoSpecs: CommandInput<'specs.create'>[] = [
  {
    part: 'RES-PC',
    stage: 'incoming',
    note: 'Incoming inspection of polycarbonate resin; supplier CoA reviewed against it',
    characteristics: [
      { name: 'Melt flow index', method: 'ISO 1133-1 (300 °C / 1.2 kg)', unit: 'g/10 min', lower: 10, upper: 14, sampleSize: 1 },
      { name: 'Moisture', method: 'Karl Fischer, ISO 15512', unit: '%', upper: 0.02, sampleSize: 1 },
    ],
  },
  {
    part: 'SET-IV2',
    stage: 'finished',
    note: 'Lot release testing of the IV administration set',
    characteristics: [
      { name: 'Length', method: 'Steel tape, ISO 8536-4', unit: 'mm', lower: 1990, upper: 2010, sampleSize: 5 },
      { name: 'Leak test', method: 'Pressure decay 50 kPa, ISO 8536-4 §6.2', expected: 'No leak', sampleSize: 20 },
      { name: 'Sterility', method: 'ISO 11737-2', expected: 'Sterile', sampleSize: 10 },
    ],
  },
  {
    part: 'PUMP-PX2',
    stage: 'acceptance',
    note: 'Final acceptance test of each pump',
    characteristics: [
      { name: 'Flow accuracy', method: 'IEC 60601-2-24 §201.12.1 (25 ml/h, 2 h)', unit: '%', lower: -5, upper: 5, sampleSize: 1 },
      { name: 'Occlusion alarm', method: 'IEC 60601-2-24 §201.12.4.4', expected: 'Pass', sampleSize: 1 },
      { name: 'Electrical safety', method: 'IEC 62353 (earth, enclosure and patient leakage)', expected: 'Pass', sampleSize: 1 },
    ],
  },
];

const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString().replace('.000Z', 'Z');
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** A supplier CoA as the small text file the demo attaches (real CoAs are PDFs; the file is kept byte-exact either way). */
function supplierCoa(supplier: string, part: string, supplierLot: string, lines: [string, string][]): string {
  return [
    `CERTIFICATE OF ANALYSIS — ${supplier}`,
    `Product: ${part}`,
    `Batch: ${supplierLot}`,
    '',
    ...lines.map(([k, v]) => `${k.padEnd(22)}${v}`),
    '',
    'Released by QC. This certificate was generated electronically.',
    '',
  ].join('\n');
}

/** Specs approved from the plant's first day, so every result of the demo is judged by them. */
export async function seedSpecs(call: Call, from: string): Promise<void> {
  for (const spec of demoSpecs) {
    const draft = await call('specs.create', spec);
    await call('specs.approve', { part: spec.part, version: draft.version, effectiveFrom: from, reason: 'Approved for the demo plant' });
  }
}

/**
 * Results and certificates for the newest lots and serials. Returns the NC opened on the resin lot held for a CoA
 * without its melt flow index, so the hold can name it.
 */
export async function seedQualityRecords(call: Call, heldResin: string | undefined): Promise<string | undefined> {
  const rnd = mulberry32(11_2026);
  const received = [
    ...(await call('lots.list', { item: 'RES-PC', limit: 4 })).reverse(),
    ...(await call('lots.list', { item: 'TUBE-PVC', limit: 2 })).reverse(),
  ];
  for (const lot of received) {
    const detail = await call('units.get', { ref: lot.ref });
    const receivedAt = detail.events.map((e) => e.eventTime).sort()[0] ?? '';
    const supplierLot = detail.supplier?.supplierLot ?? lot.ref;
    let text: string;
    if (lot.item === 'RES-PC') {
      const time = hoursAfter(receivedAt, 3);
      await call('results.record', {
        ref: lot.ref,
        characteristic: 'Melt flow index',
        value: round(11 + rnd() * 2, 1),
        equipment: 'MFI-01',
        testedAt: time,
      });
      await call('results.record', {
        ref: lot.ref,
        characteristic: 'Moisture',
        value: round(0.008 + rnd() * 0.008, 3),
        equipment: 'KF-02',
        testedAt: time,
      });
      // The held lot's CoA came without its melt flow index.
      const mfi: [string, string][] = lot.ref === heldResin ? [] : [['Melt flow index', `${round(11.5 + rnd(), 1)} g/10 min (ISO 1133)`]];
      text = supplierCoa('Polymerix Compounds GmbH', 'Polycarbonate resin, medical grade', supplierLot, [
        ...mfi,
        ['Moisture', `${round(0.01 + rnd() * 0.005, 3)} %`],
        ['Appearance', 'Clear granules'],
      ]);
    } else {
      text = supplierCoa('FlexTube Medical Ltd', 'PVC tubing 4.1 mm ID', supplierLot, [
        ['Inner diameter', `${round(4.08 + rnd() * 0.04, 2)} mm`],
        ['Shore A', `${Math.round(74 + rnd() * 4)}`],
        ['Biocompatibility', 'ISO 10993-5 passed'],
      ]);
    }
    await call('certificates.attach', {
      ref: lot.ref,
      kind: 'CoA',
      fileName: `CoA-${supplierLot}.txt`,
      mediaType: 'text/plain',
      contentBase64: Buffer.from(text).toString('base64'),
    });
  }

  const sets = (await call('lots.list', { item: 'SET-IV2', limit: 3 })).reverse();
  for (const [i, lot] of sets.entries()) {
    const time = hoursAfter(lot.producedAt ?? '', 20);
    const newest = i === sets.length - 1;
    // The newest lot measured long on its first length check: out of spec, investigated, remeasured, closed.
    const length = await call('results.record', {
      ref: lot.ref,
      characteristic: 'Length',
      value: newest ? 2013 : Math.round(1996 + rnd() * 8),
      equipment: 'TAPE-07',
      testedAt: time,
    });
    if (length.nonconformance) {
      const number = length.nonconformance.number;
      await call('nc.update', {
        number,
        rootCause: 'Tape TAPE-07 hooked on the drip chamber; sample measured including the spike cap. Re-measured on the fixture gauge.',
      });
      await call('results.record', {
        ref: lot.ref,
        characteristic: 'Length',
        value: 2004,
        equipment: 'GAUGE-FIX-2',
        testedAt: hoursAfter(time, 2),
        nonconformance: number,
      });
      await call('nc.close', { number, disposition: 'use_as_is' });
    }
    await call('results.record', {
      ref: lot.ref,
      characteristic: 'Leak test',
      value: 'No leak',
      equipment: 'LEAK-TESTER-1',
      testedAt: hoursAfter(time, 1),
    });
    await call('results.record', {
      ref: lot.ref,
      characteristic: 'Sterility',
      value: 'Sterile',
      equipment: 'STERILITY-LAB',
      testedAt: hoursAfter(time, 168),
    });
  }

  const pumps = (await call('serials.list', { item: 'PUMP-PX2', limit: 8 })).reverse();
  for (const pump of pumps) {
    const time = hoursAfter(pump.producedAt ?? '', 1);
    await call('results.record', {
      ref: pump.ref,
      characteristic: 'Flow accuracy',
      value: round(-2.5 + rnd() * 5, 2),
      equipment: 'FLOW-ANALYZER-2',
      testedAt: time,
    });
    await call('results.record', {
      ref: pump.ref,
      characteristic: 'Occlusion alarm',
      value: 'Pass',
      equipment: 'FLOW-ANALYZER-2',
      testedAt: time,
    });
    await call('results.record', {
      ref: pump.ref,
      characteristic: 'Electrical safety',
      value: 'Pass',
      equipment: 'ESA-620',
      testedAt: time,
    });
  }

  if (heldResin === undefined) return undefined;
  const nc = await call('nc.open', {
    ref: heldResin,
    title: 'CoA without melt flow index',
    description:
      'The supplier certificate of analysis received with this lot does not state the melt flow index required by the RES-PC incoming spec. Supplier asked for a corrected CoA; lot held until it is reviewed.',
  });
  return nc.number;
}
