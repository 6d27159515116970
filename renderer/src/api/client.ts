// The renderer's only door to Lotline: the preload bridge in Electron, the web host's HTTP api in a browser.
import type { CommandInput, CommandName, CommandResult, LotlineBridge } from '../../../common/api/index';
import type { DevicesChanged, ScanFeedEntry } from '../../../common/api/devices';
import type { EpcisImportProgress } from '../../../common/api/epcis';
import type { PackageProgress } from '../../../common/api/packages';
import type { Envelope, ErrorCode } from '../../../common/errors';

/** Codes from the api, plus the one the client meets when the api cannot be reached. */
export type ApiErrorCode = ErrorCode | 'OFFLINE';

/** A refused or failed command. `message` is written for people: show it as it is. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details: unknown;
  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'no-session';

interface Transport {
  readonly kind: 'electron' | 'web';
  /** `session`: the signed-in user's token, sent with every command (null before signing in). */
  invoke(command: string, input: unknown, session: string | null): Promise<Envelope<unknown>>;
  /** Calls `listener` after every write; `onState` follows the connection that carries the events. */
  subscribeChanged(listener: () => void, onState: (state: LiveState) => void): () => void;
}

const TOKEN_KEY = 'lotline.token';

/**
 * The web host hands out its session token in the address (`/?token=…`). Keep it for this tab
 * and take it out of the visible URL so it does not end up in screenshots or bookmarks.
 */
function takeSessionToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Topics other than `changed` the window follows (hardware scans and device states); see `onTopic`. */
export interface PushedTopics {
  scan: ScanFeedEntry;
  devices: DevicesChanged;
  /** How far an import has got (events and bytes of its document read), or an audit package (files and bytes written). */
  progress: EpcisImportProgress | PackageProgress;
}
const pushedTopics: readonly (keyof PushedTopics)[] = ['scan', 'devices', 'progress'];
const topicListeners = new Map<string, Set<(payload: unknown) => void>>();
const dispatchTopic = (topic: string, payload: unknown) => topicListeners.get(topic)?.forEach((listener) => listener(payload));

function bridgeTransport(bridge: LotlineBridge): Transport {
  return {
    kind: 'electron',
    invoke: (command, input, session) => bridge.invoke(command, input, session),
    subscribeChanged(listener, onState) {
      onState('live');
      const stops = [bridge.subscribe('changed', () => listener()), ...pushedTopics.map((topic) => bridge.subscribe(topic, (payload) => dispatchTopic(topic, payload)))];
      return () => stops.forEach((stop) => stop());
    },
  };
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}

const noSession = (): Envelope<never> => ({
  ok: false,
  error: {
    code: 'FORBIDDEN',
    message: 'This window has no session. Open the address that `lotline serve` printed (it ends in ?token=…).',
  },
});

function webTransport(token: string | null): Transport {
  return {
    kind: 'web',
    async invoke(command, input, session) {
      if (!token) return noSession();
      let response: Response;
      try {
        response = await fetch(`/api/${encodeURIComponent(command)}`, {
          method: 'POST',
          // The host's token says this page may talk to the host; the user's session says who is acting.
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(session ? { 'X-Lotline-Session': session } : {}) },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new ApiError('OFFLINE', 'The Lotline service did not answer. Check that `lotline serve` is still running, then try again.');
      }
      const body: unknown = await response.json().catch(() => undefined);
      if (isEnvelope(body)) return body;
      throw new ApiError('INTERNAL', `The Lotline service sent an unreadable answer (HTTP ${response.status}) to ${command}.`);
    },
    subscribeChanged(listener, onState) {
      if (!token) {
        onState('no-session');
        return () => {};
      }
      onState('connecting');
      const source = new EventSource(`/api/subscribe?token=${encodeURIComponent(token)}`);
      let opened = false;
      source.addEventListener('open', () => {
        onState('live');
        // Writes made while the connection was down were never announced: refresh once it is back.
        if (opened) listener();
        opened = true;
      });
      // EventSource retries by itself; say so while it does.
      source.addEventListener('error', () => onState('reconnecting'));
      source.addEventListener('changed', () => listener());
      for (const topic of pushedTopics) {
        source.addEventListener(topic, (event: MessageEvent<string>) => {
          try {
            dispatchTopic(topic, JSON.parse(event.data) as unknown);
          } catch {
            // A malformed event is dropped; the next devices.list or takeScans call catches up.
          }
        });
      }
      return () => source.close();
    },
  };
}

/** The web host's token (null in the app window, which has no host). */
let hostToken: string | null = null;

function createTransport(): Transport {
  const bridge = (window as Window & { lotline?: LotlineBridge }).lotline;
  if (bridge) return bridgeTransport(bridge);
  hostToken = takeSessionToken();
  return webTransport(hostToken);
}

const transport = createTransport();

export const transportKind = transport.kind;

/** A link to a GET route of the web host (a download), with the host's token in its query; null without a web host. */
export function hostLink(path: string): string | null {
  return transport.kind === 'web' && hostToken ? `${path}?token=${encodeURIComponent(hostToken)}` : null;
}

// The signed-in user's session token: kept for this tab (a reload stays signed in; a new tab or window signs in again).
const SESSION_KEY = 'lotline.session';
let session: string | null = sessionStorage.getItem(SESSION_KEY);
const sessionEndedListeners = new Set<(reason: string) => void>();

/** Keeps the token auth.login or auth.setup answered with; null forgets it (signed out). */
export function setSession(token: string | null): void {
  session = token;
  if (token === null) sessionStorage.removeItem(SESSION_KEY);
  else sessionStorage.setItem(SESSION_KEY, token);
}

/** Called when the api says the session is over (idle too long, signed out elsewhere, Lotline restarted). */
export function onSessionEnded(listener: (reason: string) => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

/** Runs one api command; resolves with its typed result or rejects with an `ApiError`. */
export async function call<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandResult<K>> {
  let envelope: Envelope<unknown>;
  try {
    envelope = await transport.invoke(name, input, session);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('INTERNAL', error instanceof Error ? error.message : String(error));
  }
  if (!envelope.ok) {
    if (envelope.error.code === 'UNAUTHENTICATED' && session !== null) {
      setSession(null);
      sessionEndedListeners.forEach((listener) => listener(envelope.error.message));
    }
    throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
  }
  return envelope.value as CommandResult<K>;
}

// One connection for the whole window, shared by every open screen.
const changedListeners = new Set<() => void>();
const stateListeners = new Set<(state: LiveState) => void>();
let liveState: LiveState = 'connecting';
let stopTransport: (() => void) | null = null;

function ensureSubscribed(): void {
  if (stopTransport) return;
  stopTransport = transport.subscribeChanged(
    () => changedListeners.forEach((listener) => listener()),
    (state) => {
      liveState = state;
      stateListeners.forEach((listener) => listener(state));
    },
  );
}

/** Calls `listener` after every write anywhere (this window, another window, the CLI). */
export function onChanged(listener: () => void): () => void {
  ensureSubscribed();
  changedListeners.add(listener);
  return () => changedListeners.delete(listener);
}

/** Follows the state of the connection that carries change events. */
export function onLiveState(listener: (state: LiveState) => void): () => void {
  ensureSubscribed();
  stateListeners.add(listener);
  listener(liveState);
  return () => stateListeners.delete(listener);
}

/** Calls `listener` with each event of a pushed topic (hardware scans, device states), on the window's one connection. */
export function onTopic<T extends keyof PushedTopics>(topic: T, listener: (payload: PushedTopics[T]) => void): () => void {
  ensureSubscribed();
  let listeners = topicListeners.get(topic);
  if (!listeners) topicListeners.set(topic, (listeners = new Set()));
  const untyped = listener as (payload: unknown) => void;
  listeners.add(untyped);
  return () => listeners.delete(untyped);
}
