// Bulk decisions in the inbox list: row checkboxes, "select all on page", and a bar that approves or rejects the
// selected tasks through /api/tasks/bulk-complete and lists what happened to each one.
import { api, describeError } from './api.js';
import { announce, h, replace } from './dom.js';

/** Forms whose decision is a plain approve or reject (with an optional comment), so one decision fits them all. */
const BULK_FORMS = new Set(['approval']);

/**
 * Whether the list offers a checkbox for `task`: claimed by this user, or open and offered to them (admins stand
 * in for anyone), as the task's own rules say. Four-eyes and the form are checked by the server for each item,
 * and the results say which were refused and why.
 */
export function maySelect(task, user) {
  if (!BULK_FORMS.has(task.form)) return false;
  if (task.status === 'claimed') return task.assignee === user.username;
  if (task.status !== 'open') return false;
  const roles = user.roles ?? [];
  return (
    roles.includes('admin') ||
    (task.candidateUsers ?? []).includes(user.username) ||
    (task.candidateRoles ?? []).some((r) => roles.includes(r))
  );
}

function resultLine(result, title) {
  if (result.ok) return h('li', { className: 'result-ok' }, h('strong', {}, title), `: done (${result.taskStatus})`);
  const error = result.error ?? {};
  const fields = (error.fields ?? []).map((f) => `${f.path ? `${f.path} ` : ''}${f.message}`).join('; ');
  const reason = `${error.message ?? 'refused'}${fields ? ` (${fields})` : ''}`;
  return h('li', { className: 'result-failed' }, h('strong', {}, title), `: not done, ${reason}`);
}

/**
 * The selection and its bar for one list. `titleOf(id)` names a task in the results; `reload()` refreshes the
 * list afterwards. Rows call `rowCell(task)`, the header `headerCell()`, and every redraw `sync(items)`.
 */
export function createBulkComplete({ user, titleOf, reload }) {
  const selected = new Set();
  let onPage = [];
  const selectAll = h('input', {
    type: 'checkbox',
    id: 'select-all',
    'aria-label': 'Select all on page',
    onchange: () => toggleAll(selectAll.checked),
  });
  const count = h('span', { className: 'bulk-count', 'aria-live': 'polite' });
  const comment = h('textarea', { id: 'bulk-comment', rows: 2 });
  const approve = h(
    'button',
    { type: 'button', className: 'approve', onclick: () => decide('approve') },
    'Approve selected',
  );
  const reject = h(
    'button',
    { type: 'button', className: 'reject', onclick: () => decide('reject') },
    'Reject selected',
  );
  const results = h('ol', { className: 'bulk-results', 'aria-label': 'Bulk results' });
  const bar = h(
    'section',
    { className: 'bulk card', 'aria-labelledby': 'bulk-title' },
    h('h2', { id: 'bulk-title' }, 'Decide on selected tasks'),
    count,
    h('label', { for: 'bulk-comment' }, 'Comment for the selected tasks'),
    h('p', { className: 'hint', id: 'bulk-comment-hint' }, 'Optional when approving; a rejection needs one.'),
    comment,
    h('div', { className: 'buttons' }, approve, reject),
    results,
  );
  comment.setAttribute('aria-describedby', 'bulk-comment-hint');

  function refresh() {
    const chosen = onPage.filter((id) => selected.has(id)).length;
    selectAll.checked = onPage.length > 0 && chosen === onPage.length;
    selectAll.indeterminate = chosen > 0 && chosen < onPage.length;
    selectAll.disabled = onPage.length === 0;
    count.textContent =
      selected.size === 0 ? 'No tasks selected.' : `${selected.size} task${selected.size === 1 ? '' : 's'} selected.`;
    approve.disabled = reject.disabled = selected.size === 0;
    // Nothing to decide on this page: the bar stays out of the way unless it still shows results.
    bar.hidden = onPage.length === 0 && results.childElementCount === 0;
  }

  function toggleAll(on) {
    for (const id of onPage) {
      if (on) selected.add(id);
      else selected.delete(id);
    }
    for (const box of document.querySelectorAll('input[data-select-task]'))
      box.checked = selected.has(box.dataset.selectTask);
    refresh();
  }

  async function decide(decision) {
    const ids = [...selected];
    const text = comment.value.trim();
    const data = text ? { decision, comment: text } : { decision };
    const titles = new Map(ids.map((id) => [id, titleOf(id) ?? id]));
    approve.disabled = reject.disabled = true;
    announce('');
    announce('', 'notice');
    try {
      const answer = await api('POST', '/tasks/bulk-complete', { items: ids.map((taskId) => ({ taskId, data })) });
      const done = answer.results.filter((r) => r.ok).length;
      replace(
        results,
        answer.results.map((r) => resultLine(r, titles.get(r.taskId) ?? r.taskId)),
      );
      const verb = decision === 'approve' ? 'Approved' : 'Rejected';
      announce(
        `${verb} ${done} of ${ids.length} selected task${ids.length === 1 ? '' : 's'}${done < ids.length ? `; ${ids.length - done} refused, see the results` : ''}.`,
        'notice',
      );
      selected.clear();
      comment.value = '';
      await reload();
    } catch (err) {
      announce(describeError(err));
    } finally {
      refresh();
    }
  }

  refresh();
  return {
    bar,
    headerCell: () => h('th', { scope: 'col', className: 'select' }, selectAll),
    rowCell(task) {
      if (!maySelect(task, user)) return h('td', { className: 'select' });
      const box = h('input', {
        type: 'checkbox',
        'aria-label': `Select ${task.title}`,
        dataset: { selectTask: task.id },
        checked: selected.has(task.id),
        onchange: () => {
          if (box.checked) selected.add(task.id);
          else selected.delete(task.id);
          refresh();
        },
      });
      return h('td', { className: 'select' }, box);
    },
    /** Keeps the selection to the selectable rows shown now: a task claimed by someone else drops out. */
    sync(items) {
      onPage = items.filter((t) => maySelect(t, user)).map((t) => t.id);
      for (const id of [...selected]) if (!onPage.includes(id)) selected.delete(id);
      refresh();
    },
  };
}
