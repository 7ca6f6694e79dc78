/** Reads the API's Server-Sent Events as a Node client and reports each `task` event with its arrival time. */
export async function subscribeTaskEvents(url: string, token: string, onTask: (task: { id: string; processWorkflowId: string }, at: number) => void): Promise<() => void> {
  const abort = new AbortController();
  const response = await fetch(`${url}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
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
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          if (!lines.includes('event: task')) continue;
          const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          onTask(JSON.parse(data) as { id: string; processWorkflowId: string }, performance.now());
        }
      }
    } catch {
      // aborted at the end of the benchmark
    }
  })();
  return () => abort.abort();
}
