// Live updates: one EventSource on /api/events for the whole page; views subscribe to `task` events.
const listeners = new Set();
let source = null;

function setLiveState(state) {
  const el = document.getElementById('live-state');
  if (!el) return;
  el.dataset.state = state;
  el.textContent = state === 'live' ? 'Live updates on' : state === 'connecting' ? 'Connecting…' : 'Live updates off';
}

/** Opens the stream once signed in; the browser reconnects by itself after a drop. */
export function connectEvents() {
  if (source) return;
  setLiveState('connecting');
  // The session cookie authenticates the stream: EventSource cannot send an Authorization header.
  source = new EventSource('/api/events');
  source.addEventListener('open', () => setLiveState('live'));
  source.addEventListener('error', () => setLiveState(source && source.readyState === EventSource.CLOSED ? 'off' : 'connecting'));
  source.addEventListener('task', (event) => {
    let task;
    try {
      task = JSON.parse(event.data);
    } catch {
      return;
    }
    for (const listener of listeners) listener(task);
  });
}

export function disconnectEvents() {
  source?.close();
  source = null;
  setLiveState('off');
}

/** Calls `listener(taskSummary)` for every task change until the returned function is called. */
export function onTaskEvent(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
