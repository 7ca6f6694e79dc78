// Attended automations: pick a process, fill its start form, start it, and watch the run until it ends.
import { api, ApiError, describeError } from './api.js';
import { announce, h, replace, statusBadge } from './dom.js';
import { buildForm, humanize } from './form-from-schema.js';

const POLL_MS = 1000;

export function renderLauncher(main, { params, navigate }) {
  replace(main, h('h1', {}, 'Start a process'), h('p', { role: 'status' }, 'Loading processes…'));
  api('GET', '/processes')
    .then((processes) => drawLauncher(main, processes, params.get('process'), navigate))
    .catch((err) => announce(describeError(err)));
  return () => {};
}

function drawLauncher(main, processes, chosen, navigate) {
  const list = Array.isArray(processes) ? processes : (processes.items ?? []);
  if (list.length === 0)
    return replace(main, h('h1', {}, 'Start a process'), h('p', {}, 'No process can be started from here.'));
  const picker = h(
    'select',
    { id: 'process-picker', onchange: () => drawForm(list.find((p) => p.name === picker.value)) },
    list.map((p) => h('option', { value: p.name, selected: p.name === chosen }, p.title ?? humanize(p.name))),
  );
  const formHolder = h('div');
  replace(main, h('h1', {}, 'Start a process'), h('label', { for: 'process-picker' }, 'Process'), picker, formHolder);

  function drawForm(process) {
    const fields = buildForm(process.form?.jsonSchema ?? { type: 'object', properties: {} }, { idPrefix: 'start' });
    const button = h('button', { type: 'submit' }, 'Start process');
    const form = h(
      'form',
      {
        className: 'card',
        novalidate: true,
        'aria-label': `Start ${process.title ?? humanize(process.name)}`,
        onsubmit: async (event) => {
          event.preventDefault();
          button.disabled = true;
          announce('');
          fields.clearErrors();
          try {
            const started = await api('POST', `/processes/${encodeURIComponent(process.name)}/start`, {
              input: fields.getValues(),
            });
            navigate(`#/run/${encodeURIComponent(started.workflowId)}`);
          } catch (err) {
            const unplaced = err instanceof ApiError && err.status === 422 ? fields.showErrors(err.fields) : [];
            announce([describeError(err), ...unplaced.map((f) => `${f.path}: ${f.message}`)].join(' '));
          } finally {
            button.disabled = false;
          }
        },
      },
      process.description ? h('p', { className: 'hint' }, process.description) : null,
      fields.element,
      button,
    );
    replace(formHolder, form);
  }
  drawForm(list.find((p) => p.name === picker.value) ?? list[0]);
}

/** A run's status, result and tasks, polled until the workflow is no longer running. */
export function renderRun(main, { id }) {
  let timer = null;
  let stopped = false;
  const status = h('p', { role: 'status', id: 'run-status' }, 'Loading…');
  const body = h('div');
  replace(
    main,
    h('p', {}, h('a', { href: '#/launch' }, '← Start another')),
    h('h1', {}, 'Process run'),
    h('p', {}, h('code', {}, id)),
    status,
    body,
  );

  async function poll() {
    try {
      const run = await api('GET', `/processes/runs/${encodeURIComponent(id)}`);
      const state = String(run.status ?? 'unknown');
      replace(status, 'Status: ', statusBadge(state.toLowerCase()));
      const tasks = run.tasks ?? [];
      replace(
        body,
        tasks.length > 0
          ? [
              h('h2', {}, 'Tasks'),
              h(
                'ul',
                {},
                tasks.map((t) =>
                  h(
                    'li',
                    {},
                    h('a', { href: `#/task/${encodeURIComponent(t.id)}` }, t.title ?? t.id),
                    ' ',
                    statusBadge(t.status),
                  ),
                ),
              ),
            ]
          : null,
        run.result !== undefined
          ? [h('h2', {}, 'Result'), h('pre', { 'aria-label': 'Result' }, JSON.stringify(run.result, null, 2))]
          : null,
        run.failure
          ? [
              h('h2', {}, 'Failure'),
              h('pre', {}, typeof run.failure === 'string' ? run.failure : JSON.stringify(run.failure, null, 2)),
            ]
          : null,
      );
      if (/running/i.test(state) && !stopped) timer = setTimeout(poll, POLL_MS);
    } catch (err) {
      announce(describeError(err));
      if (!stopped && !(err instanceof ApiError && [401, 403, 404].includes(err.status)))
        timer = setTimeout(poll, POLL_MS * 3);
    }
  }
  poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
