import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../common/errors';
import type { ApiEvents, Invoke, LotlineApi } from '../api/types';
import { EVENT_CHANNEL } from '../../preload/bridge';
import type { EventMessage } from '../../preload/bridge';
import { isLotlineAppUrl } from './app-path';
import { createInvokeHandler, relayApiEvents } from './ipc';
import type { EventTarget } from './ipc';

function recordingInvoke(result: Envelope<unknown> = { ok: true, value: 'done' }): Invoke & { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  const invoke = (command: string, input: unknown): Promise<Envelope<unknown>> => {
    calls.push([command, input]);
    return Promise.resolve(result);
  };
  return Object.assign(invoke, { calls });
}

const frame = (url: string) => ({ senderFrame: { url } });

describe('createInvokeHandler', () => {
  it('passes command and input from our own page to the api and returns its envelope unchanged', async () => {
    const invoke = recordingInvoke({ ok: false, error: { code: 'STATUS', message: 'Lot P-1:L1 is on hold' } });
    const handle = createInvokeHandler(invoke, isLotlineAppUrl);
    const envelope = await handle(frame('app://lotline/lots/P-1:L1'), 'units.get', { ref: 'P-1:L1' });
    expect(envelope).toEqual({ ok: false, error: { code: 'STATUS', message: 'Lot P-1:L1 is on hold' } });
    expect(invoke.calls).toEqual([['units.get', { ref: 'P-1:L1' }]]);
  });

  it('carries the window’s session token to the api, and no token as null (sign in first), never as the system identity', async () => {
    const sessions: unknown[] = [];
    const handle = createInvokeHandler((_command, _input, session) => {
      sessions.push(session);
      return Promise.resolve({ ok: true, value: null });
    }, isLotlineAppUrl);
    await handle(frame('app://lotline/'), 'items.list', {}, 'token-of-qa1');
    await handle(frame('app://lotline/'), 'items.list', {}, null);
    await handle(frame('app://lotline/'), 'items.list', {});
    expect(sessions).toEqual(['token-of-qa1', null, null]);
    expect(await handle(frame('app://lotline/'), 'items.list', {}, 42)).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'The session must be a token string, not number.' } });
  });

  it.each([
    'app://evil/index.html',
    'app://lotline.evil.example/',
    'app://evil.example/lotline/',
    'app://user@lotline/',
    'app://lotline:8080/',
    'https://lotline/',
    'http://127.0.0.1:4310/',
    'file:///work/main/out/renderer/index.html',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    '',
    'app:lotline',
  ])('refuses a sender frame at %j with FORBIDDEN, without invoking', async (url) => {
    const invoke = recordingInvoke();
    const envelope = await createInvokeHandler(invoke, isLotlineAppUrl)(frame(url), 'items.list', {});
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.code).toBe('FORBIDDEN');
    expect(invoke.calls).toEqual([]);
  });

  it('refuses an event without a sender frame (the frame was destroyed or navigated away)', async () => {
    const invoke = recordingInvoke();
    const envelope = await createInvokeHandler(invoke, isLotlineAppUrl)({ senderFrame: null }, 'items.list', {});
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: "Commands are accepted only from Lotline's own pages, not from an unknown frame." },
    });
    expect(invoke.calls).toEqual([]);
  });

  it('treats a sender check that throws as untrusted', async () => {
    const invoke = recordingInvoke();
    const envelope = await createInvokeHandler(invoke, () => {
      throw new Error('bad url');
    })(frame('app://lotline/'), 'items.list', {});
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.code).toBe('FORBIDDEN');
    expect(invoke.calls).toEqual([]);
  });

  it.each([[42], [null], [undefined], [{ command: 'items.list' }], [['items.list']]])(
    'refuses a non-string command %j with VALIDATION',
    async (command) => {
      const invoke = recordingInvoke();
      const envelope = await createInvokeHandler(invoke, isLotlineAppUrl)(frame('app://lotline/'), command, {});
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) expect(envelope.error.code).toBe('VALIDATION');
      expect(invoke.calls).toEqual([]);
    },
  );

  it('turns a throwing api into an INTERNAL envelope instead of a rejected invoke', async () => {
    const handle = createInvokeHandler(() => Promise.reject(new Error('database is locked')), isLotlineAppUrl);
    await expect(handle(frame('app://lotline/'), 'items.list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'The command items.list failed unexpectedly: database is locked' },
    });
  });
});

describe('relayApiEvents', () => {
  function fakeApi(): Pick<LotlineApi, 'subscribe'> & { emit(payload: ApiEvents['changed']): void; listeners: number } {
    const listeners = new Set<(payload: ApiEvents['changed']) => void>();
    return {
      subscribe(topic, listener) {
        if (topic !== 'changed') return () => {};
        const changed = listener as (payload: ApiEvents['changed']) => void;
        listeners.add(changed);
        return () => listeners.delete(changed);
      },
      emit: (payload) => listeners.forEach((l) => l(payload)),
      get listeners() {
        return listeners.size;
      },
    };
  }

  function target(destroyed = false): EventTarget & { received: [string, EventMessage][] } {
    const received: [string, EventMessage][] = [];
    return { received, isDestroyed: () => destroyed, send: (channel, message) => received.push([channel, message]) };
  }

  it('sends each event to every live window, skipping destroyed ones, until unsubscribed', () => {
    const api = fakeApi();
    const windows = [target(), target(true), target()];
    const stop = relayApiEvents(api, () => windows);
    api.emit({ command: 'items.create' });
    const expected: [string, EventMessage][] = [[EVENT_CHANNEL, { topic: 'changed', payload: { command: 'items.create' } }]];
    expect(windows[0]?.received).toEqual(expected);
    expect(windows[1]?.received).toEqual([]);
    expect(windows[2]?.received).toEqual(expected);

    // Windows opened later receive later events: the target list is read per event.
    const late = target();
    windows.push(late);
    api.emit({ command: 'lots.list' });
    expect(late.received).toEqual([[EVENT_CHANNEL, { topic: 'changed', payload: { command: 'lots.list' } }]]);

    stop();
    expect(api.listeners).toBe(0);
  });
});
