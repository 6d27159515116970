// Printer addresses: the four kinds parsed into one canonical form, and every wrong one refused with the reason.
import { describe, expect, it } from 'vitest';
import { formatPrinterAddress, parsePrinterAddress, printerAddressField, printerTitle } from './printing';

const canonical = (text: string) => {
  const parsed = parsePrinterAddress(text);
  return parsed.ok ? formatPrinterAddress(parsed.address) : parsed.error;
};

describe('printer addresses', () => {
  it('reads tcp, serial, usb and queue addresses, spelling out the default port and baud', () => {
    expect(parsePrinterAddress('tcp://10.0.0.5:9100')).toEqual({ ok: true, address: { kind: 'tcp', host: '10.0.0.5', port: 9100 } });
    expect(canonical('tcp://zt410-packing.plant.local')).toBe('tcp://zt410-packing.plant.local:9100');
    expect(canonical(' tcp://[fe80::1]:6101 ')).toBe('tcp://[fe80::1]:6101');
    expect(parsePrinterAddress('serial:/dev/ttyUSB0?baud=19200')).toEqual({ ok: true, address: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 19200 } });
    expect(canonical('serial:/dev/ttyS0')).toBe('serial:/dev/ttyS0?baud=9600');
    expect(canonical('serial:COM3')).toBe('serial:COM3?baud=9600');
    expect(parsePrinterAddress('usb:/dev/usb/lp0')).toEqual({ ok: true, address: { kind: 'usb', path: '/dev/usb/lp0' } });
    expect(parsePrinterAddress('queue:Office_A4')).toEqual({ ok: true, address: { kind: 'queue', name: 'Office_A4' } });
  });

  it('says what is wrong with an address', () => {
    expect(canonical('10.0.0.5:9100')).toBe('"10.0.0.5:9100" is not a printer address: it must start with tcp://, serial:, usb: or queue: (tcp://HOST:9100, serial:/dev/ttyUSB0?baud=9600, usb:/dev/usb/lp0 or queue:NAME)');
    expect(canonical('tcp://10.0.0.300:9100')).toBe('"tcp://10.0.0.300:9100" is not a printer address: "10.0.0.300" is not an IPv4 address');
    expect(canonical('tcp://printer:0')).toBe('"tcp://printer:0" is not a printer address: port 0 is outside 1–65535');
    expect(canonical('tcp://bad_host:9100')).toBe('"tcp://bad_host:9100" is not a printer address: "bad_host" is not a host name or IP address');
    expect(canonical('tcp://printer:9100/path')).toBe('"tcp://printer:9100/path" is not a printer address: write it as tcp://HOST:9100');
    expect(canonical('serial:/dev/ttyUSB0?baud=12345')).toBe('"serial:/dev/ttyUSB0?baud=12345" is not a printer address: 12345 is not a baud rate a label printer uses (1200, 2400, 4800, 9600, 14400, 19200, 28800, 38400, 57600, 115200)');
    expect(canonical('serial:/dev/ttyUSB0?parity=even')).toBe('"serial:/dev/ttyUSB0?parity=even" is not a printer address: the only option is baud, as in ?baud=9600, not "parity=even"');
    expect(canonical('serial:ttyUSB0')).toMatch(/write it as serial:\/dev\/ttyUSB0/);
    expect(canonical('usb:lp0')).toBe('"usb:lp0" is not a printer address: write it as usb:/dev/usb/lp0');
    expect(canonical('queue:')).toMatch(/a print queue name is letters, digits/);
  });

  it('as command input: validated and made canonical', () => {
    expect(printerAddressField.parse('serial:/dev/ttyACM0')).toBe('serial:/dev/ttyACM0?baud=9600');
    const refused = printerAddressField.safeParse('lp0');
    expect(refused.success ? '' : refused.error.issues[0]?.message).toMatch(/^"lp0" is not a printer address/);
  });

  it('names the printer in words', () => {
    expect(printerTitle({ kind: 'tcp', host: '10.0.0.5', port: 9100 }, 'ZT410')).toBe('Printer ZT410 at 10.0.0.5:9100');
    expect(printerTitle({ kind: 'usb', path: '/dev/usb/lp0' })).toBe('Printer at USB /dev/usb/lp0');
    expect(printerTitle({ kind: 'serial', path: '/dev/ttyS0', baudRate: 9600 }, null)).toBe('Printer at serial port /dev/ttyS0');
  });
});
