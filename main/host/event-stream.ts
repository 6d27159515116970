// Server-Sent Events: relays api events to web clients, the web twin of `webContents.send('lotline:event', ...)`.
import type { ServerResponse } from 'node:http';
import type { LotlineApi } from '../api/types';
import { apiTopics } from '../api/topics';

export { apiTopics };

/** Proxies drop idle streams; a comment line every so often keeps ours open and costs nothing to the client. */
const HEARTBEAT_MS = 25_000;

export function formatEvent(topic: string, payload: unknown): string {
  // JSON has no raw newlines, so one `data:` line carries the whole payload.
  return `event: ${topic}\ndata: ${JSON.stringify(payload ?? null)}\n\n`;
}

/** Opens the stream on `res` and relays events until the client goes away or `stop` is called. */
export function openEventStream(res: ServerResponse, api: LotlineApi, headers: Record<string, string>): { stop(): void } {
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  const unsubscribes = apiTopics.map((topic) => api.subscribe(topic, (payload) => res.write(formatEvent(topic, payload))));
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearInterval(heartbeat);
    for (const unsubscribe of unsubscribes) unsubscribe();
    if (!res.writableEnded) res.end();
  };
  res.once('close', stop);
  // Sent once the subscriptions are in place: a client that has read it will not miss the next event.
  res.write('retry: 2000\n: ready\n\n');
  return { stop };
}
