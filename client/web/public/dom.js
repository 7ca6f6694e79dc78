// Tiny DOM builder: h('button', { type: 'button', onclick }, 'Claim'). Text is always set as text, never HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'className') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    // A textarea ignores a value attribute: the current value is always set as the property.
    else if (key === 'value') el.value = String(value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function formatDate(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "Overdue" / "Due soon" / "Due <date>" badge for a task, or nothing without a due date. */
export function dueBadge(task, now = Date.now()) {
  if (!task.dueAt) return null;
  const due = new Date(task.dueAt).getTime();
  const open = task.status === 'open' || task.status === 'claimed';
  if (open && (task.overdue || due < now))
    return h('span', { className: 'badge badge-overdue', title: `Was due ${formatDate(task.dueAt)}` }, 'Overdue');
  if (open && due - now < 4 * 3600_000)
    return h('span', { className: 'badge badge-soon', title: `Due ${formatDate(task.dueAt)}` }, 'Due soon');
  return h('span', { className: 'badge badge-due' }, `Due ${formatDate(task.dueAt)}`);
}

export function statusBadge(status) {
  return h('span', { className: `badge status-${status}` }, status);
}

/** Shows a message in the page's alert region (read out by screen readers); empty text clears it. */
export function announce(message, kind = 'error') {
  const region = document.getElementById(kind === 'error' ? 'alert' : 'notice');
  if (region) region.textContent = message ?? '';
}
