// Wiring between Electron's IPC and the api, kept free of runtime Electron imports so it is tested under plain Node.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { Envelope } from '../../common/errors';
import type { Invoke, LotlineApi, Unsubscribe } from '../api/types';
import { EVENT_CHANNEL } from '../../preload/bridge';
import type { EventMessage } from '../../preload/bridge';
import { apiTopics } from '../host/event-stream';

/** The part of an invoke event the handler reads. */
export interface InvokeEvent {
  senderFrame: { url: string } | null;
}

export type InvokeHandler = (event: InvokeEvent, command: unknown, input: unknown, session?: unknown) => Promise<Envelope<unknown>>;

// Compile-time proof that Electron's real event fits: if Electron renames senderFrame, this stops compiling.
const electronEventFits: (event: IpcMainInvokeEvent) => InvokeEvent = (event) => event;
void electronEventFits;

function failure(code: 'FORBIDDEN' | 'VALIDATION' | 'INTERNAL', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/** A sender check that throws (a malformed URL it did not expect) counts as a refusal. */
function isTrusted(isTrustedSender: (url: string) => boolean, url: string | null): boolean {
  try {
    return url !== null && isTrustedSender(url);
  } catch {
    return false;
  }
}

/**
 * The one handler behind `ipcMain.handle('lotline:invoke')`. Refuses callers whose frame is not one of our own pages
 * (the URL is parsed by `isTrustedSender`, never prefix-matched) and turns every failure into an envelope, because a
 * thrown error loses its code crossing IPC.
 */
export function createInvokeHandler(invoke: Invoke, isTrustedSender: (url: string) => boolean): InvokeHandler {
  return async (event, command, input, session) => {
    const url = event.senderFrame?.url ?? null;
    if (!isTrusted(isTrustedSender, url)) {
      return failure('FORBIDDEN', `Commands are accepted only from Lotline's own pages, not from ${url ?? 'an unknown frame'}.`);
    }
    if (typeof command !== 'string') return failure('VALIDATION', `The command name must be a string, not ${typeof command}.`);
    if (session !== undefined && session !== null && typeof session !== 'string') return failure('VALIDATION', `The session must be a token string, not ${typeof session}.`);
    try {
      // A window always speaks for a person: no token means no session (sign in first), never the system identity.
      return await invoke(command, input, session ?? null);
    } catch (error) {
      return failure('INTERNAL', `The command ${command} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/** Where api events are delivered: a window's webContents. */
export type EventTarget = Pick<WebContents, 'isDestroyed'> & { send(channel: string, message: EventMessage): void };

/** Relays every api event to the windows alive at that moment; returns the unsubscribe. */
export function relayApiEvents(api: Pick<LotlineApi, 'subscribe'>, targets: () => Iterable<EventTarget>): Unsubscribe {
  const unsubscribes = apiTopics.map((topic) =>
    api.subscribe(topic, (payload) => {
      const message: EventMessage = { topic, payload };
      for (const target of targets()) {
        if (!target.isDestroyed()) target.send(EVENT_CHANNEL, message);
      }
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
