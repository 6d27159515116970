import { describe, expect, it } from 'vitest';
import { emptyDeviceForm, fromDevice, toDeviceInput } from './deviceForm';

describe('scanner form', () => {
  it('sends numbers as numbers, hex USB ids as numbers, and what is not a number so the api can refuse it', () => {
    expect(toDeviceInput({ ...emptyDeviceForm, name: 'Dock', path: '/dev/ttyACM0', baud: '12345', suffix: 'crlf', timeoutMs: '' })).toEqual({
      kind: 'serial',
      name: 'Dock',
      enabled: true,
      path: '/dev/ttyACM0',
      suffix: 'crlf',
      baud: 12345,
      timeoutMs: null,
    });
    expect(toDeviceInput({ ...emptyDeviceForm, kind: 'hid', name: 'Pack', vendorId: '0x0C2E', productId: 'zz', path: '/dev/hidraw3', pinPath: false })).toMatchObject({ vendorId: 0x0c2e, productId: Number.NaN, path: null });
  });

  it('reads a saved device back into the form', () => {
    const form = fromDevice({ kind: 'hid', id: 'hid-1', name: 'Pack', vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw3', enabled: true });
    expect(form).toMatchObject({ kind: 'hid', vendorId: '0c2e', productId: '0b61', pinPath: true, path: '/dev/hidraw3' });
    expect(toDeviceInput(form)).toEqual({ kind: 'hid', id: 'hid-1', name: 'Pack', enabled: true, vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw3' });
  });
});
