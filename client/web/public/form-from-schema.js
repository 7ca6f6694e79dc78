// Builds accessible form fields from a task's JSON Schema (as zod's toJSONSchema writes it), reads the values
// back in the schema's types, and shows the API's 422 field errors next to the fields they name.
import { h } from './dom.js';

const TEXTAREA_NAMES = /comment|reason|note|description|remark|explanation|text|message/i;

/** Follows $ref, unwraps nullable unions and const, so each field has one plain type to render. */
export function resolveSchema(schema, root) {
  if (!schema || typeof schema !== 'object') return {};
  if (schema.$ref) {
    const target = schema.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((node, key) => node?.[key], root);
    return resolveSchema({ ...target, ...schema, $ref: undefined }, root);
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches)) {
    const nonNull = branches.map((b) => resolveSchema(b, root)).filter((b) => b.type !== 'null');
    const literals = nonNull.every((b) => Array.isArray(b.enum));
    const picked = literals ? { type: nonNull[0]?.type, enum: nonNull.flatMap((b) => b.enum) } : (nonNull[0] ?? {});
    const { anyOf: _a, oneOf: _o, ...own } = schema;
    return { ...picked, ...own, nullable: nonNull.length < branches.length };
  }
  if (schema.const !== undefined) return { ...schema, enum: [schema.const] };
  if (Array.isArray(schema.type))
    return { ...schema, type: schema.type.find((t) => t !== 'null'), nullable: schema.type.includes('null') };
  return schema;
}

/** "dueDate" → "Due date", "invoice_number" → "Invoice number". */
export function humanize(key) {
  const words = String(key)
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "approve-all" reads "Approve all"; codes such as "EUR" stay as they are. */
function optionLabel(option) {
  return /^[a-z][a-z0-9_-]*$/.test(String(option)) ? humanize(option) : String(option);
}

function domId(prefix, path) {
  return `${prefix}-${path.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}

/** API paths come as "lines[0].price", "/data/lines/0/price" or "data.lines.0.price"; fields use "lines.0.price". */
export function normalizePath(path) {
  const dotted = String(path ?? '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\//, '')
    .replace(/\//g, '.');
  return dotted.replace(/^(data|input)\./, '');
}

/**
 * Returns { element, getValues(), showErrors(fields) → fields it could not place, clearErrors() }.
 * `omit` leaves out top-level fields the caller renders differently (e.g. an approval decision as buttons).
 */
export function buildForm(schema, { values = {}, idPrefix = 'field', omit = [] } = {}) {
  const fields = new Map();
  const root = resolveSchema(schema, schema);
  const element = h('div', { className: 'schema-form' });
  const required = new Set(root.required ?? []);
  for (const [key, prop] of Object.entries(root.properties ?? {})) {
    if (omit.includes(key)) continue;
    element.append(
      renderField(key, key, resolveSchema(prop, schema), required.has(key), values?.[key], {
        fields,
        idPrefix,
        root: schema,
      }),
    );
  }

  function getValues() {
    return readObject(root, '', fields, omit);
  }

  function clearErrors() {
    for (const field of fields.values()) field.setError('');
  }

  function showErrors(errors) {
    clearErrors();
    const unplaced = [];
    let first = null;
    for (const error of errors ?? []) {
      const path = normalizePath(error.path);
      // A deep path (an array item) falls back to the nearest field that is drawn.
      let target = path;
      while (target && !fields.has(target))
        target = target.includes('.') ? target.slice(0, target.lastIndexOf('.')) : '';
      const field = fields.get(target);
      if (field) {
        field.setError(error.message);
        first ??= field;
      } else unplaced.push(error);
    }
    first?.focus();
    return unplaced;
  }

  return { element, getValues, showErrors, clearErrors };
}

function renderField(key, path, prop, isRequired, given, ctx) {
  const value = given ?? prop.default;
  const id = domId(ctx.idPrefix, path);
  const labelText = prop.title ?? humanize(key);
  const mark = isRequired ? h('span', { className: 'required', title: 'required' }, ' *') : null;
  const hint = prop.description ? h('p', { className: 'hint', id: `${id}-hint` }, prop.description) : null;
  const error = h('p', { className: 'field-error', id: `${id}-error`, 'aria-live': 'polite' });
  const describedBy = [hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(' ');
  const wrapper = h('div', { className: 'field', dataset: { field: path } });
  let control;
  let read;

  if (prop.type === 'object' && prop.properties) {
    const group = h(
      'fieldset',
      { className: 'field-group', 'aria-describedby': describedBy },
      h('legend', {}, labelText, mark),
      hint,
    );
    const nestedRequired = new Set(prop.required ?? []);
    for (const [childKey, childProp] of Object.entries(prop.properties)) {
      group.append(
        renderField(
          childKey,
          `${path}.${childKey}`,
          resolveSchema(childProp, ctx.root),
          nestedRequired.has(childKey),
          value?.[childKey],
          ctx,
        ),
      );
    }
    group.append(error);
    wrapper.append(group);
    control = group;
    read = () => readObject(prop, `${path}.`, ctx.fields, []);
  } else if (Array.isArray(prop.enum) && prop.enum.length <= 4) {
    const name = id;
    const group = h(
      'fieldset',
      {
        className: 'choices',
        role: 'radiogroup',
        'aria-required': isRequired ? 'true' : undefined,
        'aria-describedby': describedBy,
      },
      h('legend', {}, labelText, mark),
      hint,
    );
    prop.enum.forEach((option, i) => {
      const optionId = `${id}-${i}`;
      group.append(
        h(
          'span',
          { className: 'choice' },
          h('input', { type: 'radio', id: optionId, name, value: String(option), checked: value === option }),
          h('label', { for: optionId }, optionLabel(option)),
        ),
      );
    });
    group.append(error);
    wrapper.append(group);
    control = group;
    read = () => {
      const checked = group.querySelector('input:checked');
      return checked ? prop.enum.find((o) => String(o) === checked.value) : undefined;
    };
  } else {
    const label = h('label', { for: id }, labelText, mark);
    const common = {
      id,
      name: path,
      'aria-required': isRequired ? 'true' : undefined,
      'aria-describedby': describedBy,
    };
    if (Array.isArray(prop.enum)) {
      control = h(
        'select',
        common,
        h('option', { value: '' }, 'Choose…'),
        prop.enum.map((o) => h('option', { value: String(o), selected: value === o }, optionLabel(o))),
      );
      read = () => prop.enum.find((o) => String(o) === control.value);
    } else if (prop.type === 'boolean') {
      control = h('input', { ...common, type: 'checkbox', checked: value === true });
      read = () => control.checked;
      wrapper.classList.add('field-checkbox');
    } else if (prop.type === 'number' || prop.type === 'integer') {
      control = h('input', {
        ...common,
        type: 'number',
        inputmode: 'decimal',
        step: prop.type === 'integer' ? '1' : 'any',
        min: prop.minimum,
        max: prop.maximum,
        value: value ?? '',
      });
      read = () => (control.value === '' ? undefined : Number(control.value));
    } else if (prop.type === 'array') {
      control = h('textarea', { ...common, rows: 3, value: Array.isArray(value) ? value.join('\n') : '' });
      const itemType = resolveSchema(prop.items, ctx.root).type;
      read = () => {
        const lines = control.value
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        return itemType === 'number' || itemType === 'integer' ? lines.map(Number) : lines;
      };
      hintFor(wrapper, 'One per line.');
    } else {
      const long = (prop.maxLength ?? 0) > 200 || TEXTAREA_NAMES.test(key);
      const inputType =
        { date: 'date', email: 'email', uri: 'url', 'date-time': 'datetime-local' }[prop.format] ?? 'text';
      control = long
        ? h('textarea', { ...common, rows: 3, maxlength: prop.maxLength, value: value ?? '' })
        : h('input', { ...common, type: inputType, maxlength: prop.maxLength, value: value ?? '' });
      read = () => {
        if (control.value === '') return isRequired ? '' : undefined;
        return inputType === 'datetime-local' ? new Date(control.value).toISOString() : control.value;
      };
    }
    const parts = prop.type === 'boolean' ? [control, label, hint, error] : [label, hint, control, error];
    wrapper.append(...parts.filter(Boolean));
  }

  ctx.fields.set(path, {
    read,
    focus: () => (control.querySelector?.('input') ?? control).focus(),
    setError(message) {
      error.textContent = message ?? '';
      wrapper.classList.toggle('has-error', Boolean(message));
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
  });
  return wrapper;
}

function hintFor(wrapper, text) {
  wrapper.append(h('p', { className: 'hint' }, text));
}

function readObject(schema, prefix, fields, omit) {
  const out = {};
  for (const key of Object.keys(schema.properties ?? {})) {
    if (omit.includes(key)) continue;
    const field = fields.get(`${prefix}${key}`);
    const value = field?.read();
    if (value !== undefined) out[key] = value;
  }
  return out;
}
