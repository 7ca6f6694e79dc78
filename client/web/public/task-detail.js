// One task: its facts, the process context, evidence, the form generated from its schema, actions and audit.
import { api, describeError } from './api.js';
import { announce, dueBadge, formatDate, h, replace, statusBadge } from './dom.js';
import { onTaskEvent, onTaskRemoved } from './events.js';
import { humanize } from './form-from-schema.js';
import { renderTaskActions } from './task-actions.js';

function factList(entries) {
  return h(
    'dl',
    { className: 'facts' },
    entries
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

function valueText(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return h('pre', {}, JSON.stringify(value, null, 2));
  return String(value);
}

function contextSection(context) {
  const entries = Object.entries(context ?? {});
  return h(
    'section',
    { 'aria-labelledby': 'context-title' },
    h('h2', { id: 'context-title' }, 'Process context'),
    entries.length === 0
      ? h('p', { className: 'muted' }, 'No context was given.')
      : factList(entries.map(([k, v]) => [humanize(k), valueText(v)])),
  );
}

function isImage(item) {
  return ['screenshot', 'image'].includes(item.kind) || /\.(png|jpe?g|gif|webp|svg)(\?|$)/i.test(item.url);
}

/** One evidence item: an image inline, a link, or (when the server cannot serve it) the label and why. */
function evidenceItem(item) {
  if (!item.url)
    return h(
      'span',
      {},
      item.label,
      item.kind ? ` (${item.kind})` : '',
      h('span', { className: 'muted' }, ` — not available: ${item.unavailable ?? 'no link'}`),
    );
  if (isImage(item))
    return h(
      'figure',
      {},
      h(
        'a',
        { href: item.url, target: '_blank', rel: 'noopener' },
        h('img', { src: item.url, alt: item.label, loading: 'lazy' }),
      ),
      h('figcaption', {}, item.label),
    );
  return h('a', { href: item.url, target: '_blank', rel: 'noopener' }, item.label, item.kind ? ` (${item.kind})` : '');
}

function evidenceSection(evidence) {
  const items = evidence ?? [];
  return h(
    'section',
    { 'aria-labelledby': 'evidence-title' },
    h('h2', { id: 'evidence-title' }, 'Evidence'),
    items.length === 0
      ? h('p', { className: 'muted' }, 'No evidence attached.')
      : h(
          'ul',
          { className: 'evidence' },
          items.map((item) => h('li', {}, evidenceItem(item))),
        ),
  );
}

function auditSection(audit) {
  const records = audit ?? [];
  return h(
    'section',
    { 'aria-labelledby': 'audit-title' },
    h('h2', { id: 'audit-title' }, 'Audit trail'),
    records.length === 0
      ? h('p', { className: 'muted' }, 'Nothing recorded yet.')
      : h(
          'ol',
          { className: 'audit', 'aria-label': 'Audit trail' },
          records.map((r) =>
            h(
              'li',
              {},
              h('time', { datetime: r.at ?? r.time }, formatDate(r.at ?? r.time)),
              ' ',
              h('strong', {}, r.actor ?? r.by ?? 'system'),
              ' ',
              humanize(r.action ?? r.type ?? 'event').toLowerCase(),
              r.to ? ` → ${r.to}` : '',
              // A form's own comment field counts as the comment of the decision.
              (r.comment ?? r.data?.comment) ? h('q', {}, r.comment ?? r.data.comment) : null,
              r.data && Object.keys(r.data).length > 0
                ? h('details', {}, h('summary', {}, 'Data'), h('pre', {}, JSON.stringify(r.data, null, 2)))
                : null,
            ),
          ),
        ),
  );
}

function header(task) {
  const candidates = [...(task.candidateRoles ?? []).map((r) => `role ${r}`), ...(task.candidateUsers ?? [])].join(
    ', ',
  );
  return [
    h('p', {}, h('a', { href: '#/inbox' }, '← Back to inbox')),
    h(
      'h1',
      {},
      task.title,
      ' ',
      statusBadge(task.status),
      ' ',
      dueBadge(task),
      task.escalated ? h('span', { className: 'badge badge-escalated' }, 'Escalated') : null,
    ),
    factList([
      ['Task type', task.type],
      ['Process', task.process],
      [
        'Process run',
        task.processWorkflowId
          ? h('a', { href: `#/run/${encodeURIComponent(task.processWorkflowId)}` }, task.processWorkflowId)
          : undefined,
      ],
      ['Assignee', task.assignee ?? 'unassigned'],
      ['Candidates', candidates || undefined],
      ['Priority', task.priority === undefined ? undefined : String(task.priority)],
      ['Due', task.dueAt ? formatDate(task.dueAt) : 'no due date'],
      ['Created', formatDate(task.createdAt)],
      ['Updated', formatDate(task.updatedAt)],
    ]),
  ];
}

const actionKey = (task) => JSON.stringify([task.status, task.assignee, task.allowedActions, task.candidateRoles]);

/** Renders the task into `main`; returns a cleanup function that stops its live updates. */
export function renderTaskDetail(main, { id, user }) {
  let task = null;
  let actions = null;
  const top = h('div');
  const work = h('div');
  const rest = h('div');
  replace(main, h('p', { role: 'status' }, 'Loading task…'));

  async function load() {
    try {
      const fresh = await api('GET', `/tasks/${encodeURIComponent(id)}`);
      // Keep what the agent has typed when the task changes under them.
      const typed = actions?.currentValues();
      // The forms are redrawn only when what the user may do changed, so a comment by someone else does not
      // take the focus away from a half-typed form.
      const sameActions = task && actionKey(task) === actionKey(fresh);
      task = fresh;
      replace(top, header(task), contextSection(task.context), evidenceSection(task.evidence));
      if (!sameActions) actions = renderTaskActions(work, { task, user, values: typed, onDone: load });
      replace(rest, auditSection(task.audit));
      if (!main.contains(top)) replace(main, top, work, rest);
    } catch (err) {
      if (!task)
        replace(main, h('p', {}, h('a', { href: '#/inbox' }, '← Back to inbox')), h('h1', {}, 'Task not available'));
      announce(describeError(err));
    }
  }

  // A change that takes the task out of this user's sight arrives as a removal: reload to show what they may do now.
  const newer = (changed) => changed.id === id && (!task || (changed.version ?? 0) > (task.version ?? 0));
  const stopChanges = onTaskEvent((changed) => newer(changed) && load());
  const stopRemovals = onTaskRemoved((removed) => newer(removed) && load());
  load();
  return () => {
    stopChanges();
    stopRemovals();
  };
}
