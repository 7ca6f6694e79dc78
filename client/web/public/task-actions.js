// The buttons and forms that change a task: claim, unclaim, approve/reject or submit, reassign, comment.
import { api, ApiError, describeError } from './api.js';
import { announce, h, replace } from './dom.js';
import { buildForm, humanize, resolveSchema } from './form-from-schema.js';

/** An approval form has a decision field (approve/reject enum, or an `approved` boolean) drawn as two buttons. */
export function approvalDecision(schema) {
  for (const [key, raw] of Object.entries(schema?.properties ?? {})) {
    const prop = resolveSchema(raw, schema);
    if (Array.isArray(prop.enum)) {
      const approve = prop.enum.find((v) => /^approv/i.test(String(v)));
      const reject = prop.enum.find((v) => /^reject/i.test(String(v)));
      if (approve !== undefined && reject !== undefined) return { key, approve, reject };
    }
    if (prop.type === 'boolean' && /^approved?$/i.test(key)) return { key, approve: true, reject: false };
  }
  return null;
}

function hasOwnComment(schema) {
  return Object.keys(schema?.properties ?? {}).some((k) => /^comment/i.test(k));
}

const path = (task, action) => `/tasks/${encodeURIComponent(task.id)}/${action}`;

/** Draws the task's actions into `container`; returns { currentValues() } so a live refresh keeps typed input. */
export function renderTaskActions(container, { task, user, values, onDone }) {
  const allowed = new Set(task.allowedActions ?? []);
  const mine = task.assignee === user.username;
  const open = task.status === 'open';
  const active = open || task.status === 'claimed';
  const schema = task.form?.jsonSchema ?? { type: 'object', properties: {} };
  const decision = approvalDecision(schema);
  const form = buildForm(schema, { values, idPrefix: 'task', omit: decision ? [decision.key] : [] });

  /** Runs one API call from a button; refusals are explained, and nothing else changes on the page. */
  async function act(button, call, done) {
    button.disabled = true;
    announce('');
    announce('', 'notice');
    form.clearErrors();
    try {
      await call();
      announce(done, 'notice');
      onDone();
    } catch (err) {
      const unplaced = err instanceof ApiError && err.status === 422 ? form.showErrors(err.fields) : [];
      const extra = unplaced.map((f) => `${f.path ? `${f.path}: ` : ''}${f.message}`).join('; ');
      announce(extra ? `${describeError(err)} (${extra})` : describeError(err));
    } finally {
      button.disabled = false;
    }
  }

  const sections = [];
  if (open || allowed.has('claim')) {
    const claim = h(
      'button',
      { type: 'button', onclick: () => act(claim, () => api('POST', path(task, 'claim')), 'You claimed this task.') },
      'Claim',
    );
    sections.push(claim);
  }
  if ((task.status === 'claimed' && mine) || allowed.has('unclaim')) {
    const unclaim = h(
      'button',
      {
        type: 'button',
        className: 'secondary',
        onclick: () => act(unclaim, () => api('POST', path(task, 'unclaim')), 'You released this task to its queue.'),
      },
      'Unclaim',
    );
    sections.push(unclaim);
  }
  if (task.status === 'claimed' && !mine) sections.push(h('p', { className: 'muted' }, `Claimed by ${task.assignee}.`));

  let decisionComment = null;
  if (active && ((task.status === 'claimed' && mine) || allowed.has('complete'))) {
    decisionComment = hasOwnComment(schema)
      ? null
      : h('textarea', { id: 'decision-comment', rows: 2, value: values?.__comment ?? '' });
    const complete = (button, extra, done) =>
      act(
        button,
        () =>
          api('POST', path(task, 'complete'), {
            data: { ...form.getValues(), ...extra },
            comment: decisionComment?.value.trim() || undefined,
          }),
        done,
      );
    const buttons = decision
      ? [
          h(
            'button',
            {
              type: 'submit',
              className: 'approve',
              onclick: (e) => (
                e.preventDefault(),
                complete(e.currentTarget, { [decision.key]: decision.approve }, 'Approved.')
              ),
            },
            'Approve',
          ),
          h(
            'button',
            {
              type: 'submit',
              className: 'reject',
              onclick: (e) => (
                e.preventDefault(),
                complete(e.currentTarget, { [decision.key]: decision.reject }, 'Rejected.')
              ),
            },
            'Reject',
          ),
        ]
      : [
          h(
            'button',
            { type: 'submit', onclick: (e) => (e.preventDefault(), complete(e.currentTarget, {}, 'Submitted.')) },
            'Submit',
          ),
        ];
    sections.push(
      h(
        'form',
        {
          className: 'decision card',
          'aria-labelledby': 'decision-title',
          novalidate: true,
          onsubmit: (e) => e.preventDefault(),
        },
        h('h2', { id: 'decision-title' }, humanize(task.form?.name ?? 'Decision')),
        form.element,
        decisionComment
          ? [h('label', { for: 'decision-comment' }, 'Comment with your decision'), decisionComment]
          : null,
        h('div', { className: 'buttons' }, buttons),
      ),
    );
  }

  if (active && allowed.has('reassign')) sections.push(reassignForm(task, act));
  if (allowed.has('comment') || active) sections.push(commentForm(task, act));

  replace(container, h('section', { className: 'actions', 'aria-label': 'Task actions' }, sections));
  return { currentValues: () => ({ ...form.getValues(), __comment: decisionComment?.value }) };
}

function reassignForm(task, act) {
  const toUser = h('input', { id: 'reassign-user', autocomplete: 'off' });
  const toRole = h('input', { id: 'reassign-role', autocomplete: 'off', list: 'reassign-roles' });
  const comment = h('input', { id: 'reassign-comment' });
  const button = h('button', { type: 'submit' }, 'Reassign');
  return h(
    'form',
    {
      className: 'reassign card',
      'aria-labelledby': 'reassign-title',
      onsubmit: (e) => {
        e.preventDefault();
        const body = { comment: comment.value.trim() || undefined };
        if (toUser.value.trim()) body.toUser = toUser.value.trim();
        else if (toRole.value.trim()) body.toRole = toRole.value.trim();
        if (!body.toUser && !body.toRole) return announce('Reassign needs a user or a role.');
        act(
          button,
          () => api('POST', path(task, 'reassign'), body),
          `Reassigned to ${body.toUser ?? `role ${body.toRole}`}.`,
        );
      },
    },
    h('h2', { id: 'reassign-title' }, 'Reassign'),
    h('label', { for: 'reassign-user' }, 'To user'),
    toUser,
    h('label', { for: 'reassign-role' }, 'Or to role'),
    toRole,
    h(
      'datalist',
      { id: 'reassign-roles' },
      (task.candidateRoles ?? []).map((r) => h('option', { value: r })),
    ),
    h('label', { for: 'reassign-comment' }, 'Reason for reassigning'),
    comment,
    button,
  );
}

function commentForm(task, act) {
  const text = h('textarea', { id: 'new-comment', rows: 2 });
  const button = h('button', { type: 'submit' }, 'Add comment');
  return h(
    'form',
    {
      className: 'comment card',
      'aria-labelledby': 'comment-title',
      onsubmit: (e) => {
        e.preventDefault();
        if (!text.value.trim()) return announce('Write a comment first.');
        act(
          button,
          () => api('POST', path(task, 'comment'), { text: text.value.trim() }).then(() => (text.value = '')),
          'Comment added.',
        );
      },
    },
    h('h2', { id: 'comment-title' }, 'Add a comment'),
    h('label', { for: 'new-comment' }, 'New comment'),
    text,
    button,
  );
}
