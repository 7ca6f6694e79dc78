/** Reads the API's Server-Sent Events as a Node client (tests and benchmarks). */
export interface StreamEvent {
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

export interface EventStream {
  events: StreamEvent[];
  close(): void;
}

/** Calls `onEvent` for every event of the user's stream as it arrives; the returned function closes it. */
export async function subscribeEvents(
  url: string,
  token: string,
  onEvent: (event: StreamEvent) => void,
): Promise<() => void> {
  const abort = new AbortController();
  const response = await fetch(`${url}/api/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (event) onEvent({ event, data: JSON.parse(data) });
        }
      }
    } catch {
      // closed by the caller
    }
  })();
  return () => abort.abort();
}

/** Keeps every event, in order, with its parsed data. */
export async function openEventStream(url: string, token: string): Promise<EventStream> {
  const events: StreamEvent[] = [];
  const close = await subscribeEvents(url, token, (e) => events.push(e));
  return { events, close };
}
