// Live updates: one EventSource on /api/events for the whole page; views subscribe to `task` events (a task
// the user may see changed) and `task-removed` events (a change took a task out of the user's sight).
const listeners = new Set();
const removalListeners = new Set();
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
  source.addEventListener('error', () =>
    setLiveState(source && source.readyState === EventSource.CLOSED ? 'off' : 'connecting'),
  );
  source.addEventListener('task', (event) => dispatch(event, listeners));
  source.addEventListener('task-removed', (event) => dispatch(event, removalListeners));
}

function dispatch(event, targets) {
  let payload;
  try {
    payload = JSON.parse(event.data);
  } catch {
    return;
  }
  for (const listener of targets) listener(payload);
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

/** Calls `listener({ id, version })` whenever a task leaves the user's sight, until the returned function is called. */
export function onTaskRemoved(listener) {
  removalListeners.add(listener);
  return () => removalListeners.delete(listener);
}
