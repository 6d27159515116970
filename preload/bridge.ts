// The bridge the preload exposes as `window.lotline`, built over anything shaped like ipcRenderer so it can be
// tested without Electron. It forwards two things only: command calls and event subscriptions.
import type { LotlineBridge } from '../common/api/index';
import type { Envelope } from '../common/errors';

export const INVOKE_CHANNEL = 'lotline:invoke';
export const EVENT_CHANNEL = 'lotline:event';

/** What the main process sends on EVENT_CHANNEL. */
export interface EventMessage {
  topic: string;
  payload: unknown;
}

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

function isEventMessage(message: unknown): message is EventMessage {
  return typeof message === 'object' && message !== null && typeof (message as { topic?: unknown }).topic === 'string';
}

export function createBridge(ipc: IpcRendererLike): LotlineBridge {
  return {
    invoke(command: string, input: unknown, session?: string | null): Promise<Envelope<unknown>> {
      // The session token travels as its own argument, beside the command and its input, on every call.
      return ipc.invoke(INVOKE_CHANNEL, command, input, session ?? null) as Promise<Envelope<unknown>>;
    },
    subscribe(topic: string, listener: (payload: unknown) => void): () => void {
      // The IPC event object is never handed to the page: it carries `sender`, the raw ipcRenderer.
      const onMessage: IpcListener = (_event, message) => {
        if (isEventMessage(message) && message.topic === topic) listener(message.payload);
      };
      ipc.on(EVENT_CHANNEL, onMessage);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(EVENT_CHANNEL, onMessage);
      };
    },
  } satisfies LotlineBridge;
}
