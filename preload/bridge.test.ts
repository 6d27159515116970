import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL, createBridge } from './bridge';
import type { IpcRendererLike } from './bridge';

/** Stands in for ipcRenderer: records invokes, delivers `emit`ted messages like the main process would. */
function fakeIpc(): IpcRendererLike & { emitter: EventEmitter; invoked: unknown[][] } {
  const emitter = new EventEmitter();
  const invoked: unknown[][] = [];
  return {
    emitter,
    invoked,
    invoke(channel, ...args) {
      invoked.push([channel, ...args]);
      return Promise.resolve({ ok: true, value: { echoed: args } });
    },
    on(channel, listener) {
      emitter.on(channel, listener);
      return this;
    },
    removeListener(channel, listener) {
      emitter.removeListener(channel, listener);
      return this;
    },
  };
}

describe('createBridge', () => {
  it('sends invoke on the invoke channel with command and input, and returns the envelope', async () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc);
    const envelope = await bridge.invoke('items.list', { limit: 5 });
    expect(ipc.invoked).toEqual([[INVOKE_CHANNEL, 'items.list', { limit: 5 }, null]]);
    await bridge.invoke('items.list', {}, 'session-token-1');
    expect(ipc.invoked.at(-1)).toEqual([INVOKE_CHANNEL, 'items.list', {}, 'session-token-1']);
    expect(envelope).toEqual({ ok: true, value: { echoed: ['items.list', { limit: 5 }, null] } });
  });

  it('delivers only the payload of its own topic, never the IPC event', () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc);
    const received: unknown[][] = [];
    bridge.subscribe('changed', (...args) => received.push(args));
    const sender = { sender: 'raw ipcRenderer' };
    ipc.emitter.emit(EVENT_CHANNEL, sender, { topic: 'changed', payload: { command: 'items.create' } });
    ipc.emitter.emit(EVENT_CHANNEL, sender, { topic: 'other', payload: 1 });
    ipc.emitter.emit(EVENT_CHANNEL, sender, 'not a message');
    ipc.emitter.emit(EVENT_CHANNEL, sender, null);
    expect(received).toEqual([[{ command: 'items.create' }]]);
  });

  it('stops delivering after unsubscribe and removes its IPC listener', () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc);
    const received: unknown[] = [];
    const unsubscribe = bridge.subscribe('changed', (payload) => received.push(payload));
    const keep = bridge.subscribe('changed', () => {});
    expect(ipc.emitter.listenerCount(EVENT_CHANNEL)).toBe(2);
    unsubscribe();
    unsubscribe();
    expect(ipc.emitter.listenerCount(EVENT_CHANNEL)).toBe(1);
    ipc.emitter.emit(EVENT_CHANNEL, {}, { topic: 'changed', payload: 1 });
    expect(received).toEqual([]);
    keep();
    expect(ipc.emitter.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('exposes invoke and subscribe only', () => {
    expect(Object.keys(createBridge(fakeIpc())).sort()).toEqual(['invoke', 'subscribe']);
  });
});
