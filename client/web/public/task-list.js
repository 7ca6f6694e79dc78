// The inbox list: My tasks, one queue per role, All; filters, sort, cursor paging and live updates.
import { api, describeError } from './api.js';
import { createBulkComplete } from './bulk-complete.js';
import { announce, dueBadge, formatDate, h, replace, statusBadge } from './dom.js';
import { onTaskEvent, onTaskRemoved } from './events.js';

const PAGE_SIZE = 25;
const STATUS_CHOICES = [
  ['open,claimed', 'Open or claimed'],
  ['open', 'Open'],
  ['claimed', 'Claimed'],
  ['completed', 'Completed'],
  ['cancelled', 'Cancelled'],
  ['expired', 'Expired'],
  ['', 'Any status'],
];
const SORT_CHOICES = [
  ['due', 'Due date, soonest first'],
  ['-due', 'Due date, latest first'],
  ['-created', 'Newest first'],
  ['created', 'Oldest first'],
  ['priority', 'Priority'],
];

/** Filters as the URL carries them, with defaults filled in. */
export function listFilters(params) {
  return {
    view: params.get('view') ?? 'mine',
    role: params.get('role') ?? '',
    status: params.get('status') ?? 'open,claimed',
    process: params.get('process') ?? '',
    dueBefore: params.get('dueBefore') ?? '',
    q: params.get('q') ?? '',
    sort: params.get('sort') ?? 'due',
  };
}

function queryString(filters, cursor) {
  const params = new URLSearchParams();
  params.set('view', filters.view);
  if (filters.view === 'queue' && filters.role) params.set('role', filters.role);
  if (filters.status) params.set('status', filters.status);
  if (filters.process) params.set('process', filters.process);
  // A date picked in the filter means "due before the end of that day", sent as an instant.
  if (filters.dueBefore) params.set('dueBefore', new Date(`${filters.dueBefore}T23:59:59`).toISOString());
  if (filters.q) params.set('q', filters.q);
  params.set('sort', filters.sort);
  params.set('limit', String(PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/** Whether a task pushed by the server belongs in the list as filtered now (mirrors the API's filters). */
export function matchesFilters(task, filters, user) {
  const roles = user.roles ?? [];
  const candidate =
    (task.candidateRoles ?? []).some((r) => roles.includes(r)) || (task.candidateUsers ?? []).includes(user.username);
  const supervisor = roles.includes('manager') || roles.includes('admin');
  if (filters.view === 'mine' && task.assignee !== user.username) return false;
  if (filters.view === 'queue' && !candidate) return false;
  if (filters.view === 'all' && !supervisor && !candidate && task.assignee !== user.username) return false;
  if (filters.role && filters.view === 'queue' && !(task.candidateRoles ?? []).includes(filters.role)) return false;
  if (filters.status && !filters.status.split(',').includes(task.status)) return false;
  if (filters.process && task.process !== filters.process) return false;
  if (filters.dueBefore && !(task.dueAt && new Date(task.dueAt) <= new Date(`${filters.dueBefore}T23:59:59`)))
    return false;
  if (filters.q) {
    const text = `${task.title} ${task.type} ${task.process}`.toLowerCase();
    if (!text.includes(filters.q.toLowerCase())) return false;
  }
  return true;
}

function compareTasks(sort) {
  const time = (iso, missing) => (iso ? new Date(iso).getTime() : missing);
  switch (sort) {
    case '-due':
      return (a, b) => time(b.dueAt, -Infinity) - time(a.dueAt, -Infinity);
    case 'created':
      return (a, b) => time(a.createdAt, 0) - time(b.createdAt, 0);
    case '-created':
      return (a, b) => time(b.createdAt, 0) - time(a.createdAt, 0);
    case 'priority':
      return (a, b) => (b.priority ?? 0) - (a.priority ?? 0) || time(a.dueAt, Infinity) - time(b.dueAt, Infinity);
    default:
      return (a, b) => time(a.dueAt, Infinity) - time(b.dueAt, Infinity);
  }
}

function viewTabs(filters, user) {
  const tabs = [
    { label: 'My tasks', params: { view: 'mine' }, current: filters.view === 'mine' },
    ...(user.roles ?? []).map((role) => ({
      label: `Queue: ${role}`,
      params: { view: 'queue', role },
      current: filters.view === 'queue' && filters.role === role,
    })),
    { label: 'All', params: { view: 'all' }, current: filters.view === 'all' },
  ];
  return h(
    'nav',
    { className: 'tabs', 'aria-label': 'Task views' },
    tabs.map((tab) =>
      h(
        'a',
        { href: `#/inbox?${new URLSearchParams(tab.params)}`, 'aria-current': tab.current ? 'page' : undefined },
        tab.label,
      ),
    ),
  );
}

function filterForm(filters, onChange) {
  const select = (id, label, choices, value) =>
    h(
      'div',
      { className: 'filter' },
      h('label', { for: id }, label),
      h(
        'select',
        { id, name: id },
        choices.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
      ),
    );
  const input = (id, label, type, value) =>
    h('div', { className: 'filter' }, h('label', { for: id }, label), h('input', { id, name: id, type, value }));
  const form = h(
    'form',
    { className: 'filters', role: 'search', 'aria-label': 'Filter tasks' },
    select('status', 'Status', STATUS_CHOICES, filters.status),
    input('process', 'Process', 'text', filters.process),
    input('dueBefore', 'Due before', 'date', filters.dueBefore),
    input('q', 'Search', 'search', filters.q),
    select('sort', 'Sort by', SORT_CHOICES, filters.sort),
    h('button', { type: 'submit' }, 'Apply filters'),
  );
  const submit = (event) => {
    event?.preventDefault();
    const data = new FormData(form);
    onChange({ ...filters, ...Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v).trim()])) });
  };
  form.addEventListener('submit', submit);
  // Selects apply at once; text fields on Enter or the button, so typing does not reload on every key.
  for (const el of form.querySelectorAll('select, input[type=date]')) el.addEventListener('change', submit);
  return form;
}

function taskRow(task, isNew, selectCell) {
  return h(
    'tr',
    { dataset: { taskId: task.id }, className: isNew ? 'row-new' : undefined },
    selectCell,
    h(
      'td',
      {},
      h('a', { href: `#/task/${encodeURIComponent(task.id)}` }, task.title),
      task.escalated ? h('span', { className: 'badge badge-escalated' }, 'Escalated') : null,
    ),
    h('td', {}, task.process),
    h('td', {}, statusBadge(task.status)),
    h('td', {}, task.assignee ?? h('span', { className: 'muted' }, 'unassigned')),
    h('td', {}, dueBadge(task) ?? h('span', { className: 'muted' }, 'no due date')),
    h('td', {}, String(task.priority ?? '')),
    h('td', {}, formatDate(task.createdAt)),
  );
}

/** Renders the list into `main`; returns a cleanup function that stops its live updates. */
export function renderTaskList(main, { params, user, navigate }) {
  const filters = listFilters(params);
  const items = [];
  let nextCursor = null;
  const tbody = h('tbody');
  const status = h('p', { className: 'list-status', role: 'status' });
  const more = h('button', { type: 'button', hidden: true, onclick: () => load(nextCursor) }, 'Load more');
  const bulk = createBulkComplete({
    user,
    titleOf: (id) => items.find((t) => t.id === id)?.title,
    reload: () => load(null),
  });
  const table = h(
    'table',
    { className: 'tasks', 'aria-label': 'Tasks' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        bulk.headerCell(),
        ['Task', 'Process', 'Status', 'Assignee', 'Due', 'Priority', 'Created'].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    tbody,
  );
  replace(
    main,
    h('h1', {}, 'Inbox'),
    viewTabs(filters, user),
    filterForm(filters, (next) => navigate(next)),
    bulk.bar,
    status,
    table,
    more,
  );

  function draw(newId) {
    replace(
      tbody,
      items.map((task) => taskRow(task, task.id === newId, bulk.rowCell(task))),
    );
    bulk.sync(items);
    status.textContent =
      items.length === 0
        ? 'No tasks match these filters.'
        : `${items.length} task${items.length === 1 ? '' : 's'} shown`;
    more.hidden = !nextCursor;
  }

  async function load(cursor) {
    more.disabled = true;
    try {
      const page = await api('GET', `/tasks?${queryString(filters, cursor)}`);
      if (!cursor) items.length = 0;
      for (const task of page.items) if (!items.some((t) => t.id === task.id)) items.push(task);
      nextCursor = page.nextCursor ?? null;
      announce('');
      draw();
    } catch (err) {
      announce(describeError(err));
    } finally {
      more.disabled = false;
    }
  }

  const order = compareTasks(filters.sort);
  // A task reassigned away from this user is no longer theirs to see: its row goes.
  const stopRemovals = onTaskRemoved(({ id, version }) => {
    const at = items.findIndex((t) => t.id === id);
    if (at < 0 || (items[at].version ?? 0) > (version ?? 0)) return;
    items.splice(at, 1);
    draw();
  });
  const stopChanges = onTaskEvent((task) => {
    const at = items.findIndex((t) => t.id === task.id);
    if (at >= 0 && (items[at].version ?? 0) > (task.version ?? 0)) return; // a late event never moves a row back
    if (at >= 0) items.splice(at, 1);
    if (!matchesFilters(task, filters, user)) return draw();
    // Beyond the last loaded row the task belongs to a page not fetched yet; "Load more" will bring it.
    const position = items.findIndex((t) => order(task, t) < 0);
    if (position === -1 && nextCursor) return draw();
    items.splice(position === -1 ? items.length : position, 0, task);
    draw(at >= 0 ? undefined : task.id);
  });

  load(null);
  return () => {
    stopChanges();
    stopRemovals();
  };
}
