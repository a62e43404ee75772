/**
 * The controls as page elements: one row per control (controls.ts), in collapsible groups, each
 * with its label, its source (as a tooltip and a line), a "reset" button and the edited mark. A row
 * calls `onEdit` with the control's new `--set` line, or null when it is reset to the file's value.
 */
import {
  choiceText,
  editOf,
  editText,
  rescaleChoice,
  fieldExtent,
  distributionFields,
  PICKED_DISTRIBUTIONS,
  switchDistribution,
  type Control,
  type DistributionEdit,
  type PickedDistribution,
} from './controls.ts';

export interface ControlRow {
  control: Control;
  element: HTMLElement;
  /** Shows a line's value (from the address) without reporting an edit; null: the file's value. */
  show: (line: string | null) => void;
}

/** `PATH=VALUE` or `PATH~=VALUE` → its value and whether it rescales. */
export function splitLine(line: string): { path: string; value: string; rebalance: boolean } | undefined {
  const eq = line.indexOf('=');
  if (eq <= 0) return undefined;
  const rebalance = line[eq - 1] === '~';
  return { path: line.slice(0, rebalance ? eq - 1 : eq).trim(), value: line.slice(eq + 1).trim(), rebalance };
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** A slider with its number beside it; `onInput` gets the number as it is dragged or typed. */
function slider(
  name: string,
  value: number,
  extent: { min: number; max: number },
  integer: boolean,
  onInput: (x: number) => void,
): { element: HTMLElement; set: (x: number) => void } {
  const step = integer ? '1' : Math.max((extent.max - extent.min) / 200, 1e-6).toPrecision(1);
  const range = el('input', { type: 'range', min: String(extent.min), max: String(extent.max), step, 'aria-label': name });
  const number = el('input', { type: 'number', step: 'any', 'aria-label': `${name} (number)` });
  const set = (x: number) => {
    range.value = String(x);
    number.value = String(x);
  };
  set(value);
  range.addEventListener('input', () => {
    number.value = range.value;
    onInput(Number(range.value));
  });
  number.addEventListener('change', () => {
    if (number.value.trim() === '' || !Number.isFinite(Number(number.value))) return;
    range.value = number.value;
    onInput(Number(number.value));
  });
  return { element: el('span', { class: 'slider' }, el('span', { class: 'field' }, name), range, number), set };
}

/** The picker's entry for a number instead of a word. */
const A_NUMBER = '(a number)';

/** A distribution's editor: its type (or one of the words the field takes instead) and one slider per field. */
function distributionEditor(
  control: Control & { input: { kind: 'distribution' } },
  onChange: (text: string) => void,
): { element: HTMLElement; show: (value: unknown) => void } {
  const { range, words } = control.input;
  const box = el('div', { class: 'distribution' });
  const picker = el(
    'select',
    { 'aria-label': `${control.path} distribution` },
    ...[...PICKED_DISTRIBUTIONS, ...words].map((d) => el('option', { value: d }, d)),
  );
  let edit: DistributionEdit = editOf(control.value) ?? { dist: 'fixed', fields: { value: Math.max(range.min, Math.min(range.max, 1)) } };
  let word: string | null = typeof control.value === 'string' ? control.value : null;
  const fields = el('div', { class: 'fields' });
  const draw = () => {
    picker.value = word ?? edit.dist;
    fields.replaceChildren(
      ...(word !== null
        ? []
        : distributionFields(edit.dist).map(
            (f) =>
              slider(f, edit.fields[f], fieldExtent(f, range, edit.fields[f]), false, (x) => {
                edit = { dist: edit.dist, fields: { ...edit.fields, [f]: x } };
                onChange(editText(edit));
              }).element,
          )),
    );
  };
  picker.addEventListener('change', () => {
    if (words.includes(picker.value)) {
      word = picker.value;
      draw();
      onChange(word);
      return;
    }
    word = null;
    edit = switchDistribution(edit, picker.value as PickedDistribution, range);
    draw();
    onChange(editText(edit));
  });
  draw();
  box.append(picker, fields);
  return {
    element: box,
    show: (value) => {
      word = typeof value === 'string' ? value : null;
      edit = editOf(value) ?? edit;
      draw();
    },
  };
}

/** A picker of words, with a number instead when the field takes one (the deadline: none, or a number of rounds). */
function wordEditor(
  control: Control & { input: { kind: 'word' } },
  onChange: (text: string) => void,
): { element: HTMLElement; show: (value: unknown) => void } {
  const { words, number } = control.input;
  const picker = el(
    'select',
    { 'aria-label': control.path },
    ...[...words, ...(number === undefined ? [] : [A_NUMBER])].map((w) => el('option', { value: w }, w)),
  );
  const box = el('div', { class: 'word' }, picker);
  // A number to start from when the picker turns to one: the file's, else 20 within the bounds.
  let value = typeof control.value === 'number' ? control.value : number === undefined ? 0 : Math.min(number.max, Math.max(number.min, 20));
  const numberBox =
    number === undefined
      ? undefined
      : slider('value', value, { min: number.min, max: Math.min(number.max, Math.max(100, 2 * value)) }, number.integer, (x) => {
          value = x;
          onChange(String(x));
        });
  if (numberBox !== undefined) box.append(numberBox.element);
  const show = (v: unknown) => {
    const isNumber = typeof v === 'number';
    picker.value = isNumber ? A_NUMBER : String(v);
    if (isNumber) numberBox?.set((value = v));
    numberBox?.element.toggleAttribute('hidden', !isNumber);
  };
  picker.addEventListener('change', () => {
    const isNumber = picker.value === A_NUMBER;
    numberBox?.element.toggleAttribute('hidden', !isNumber);
    onChange(isNumber ? String(value) : picker.value);
  });
  show(control.value);
  return { element: box, show };
}

/** A length of time as a number and a unit picker, written as `--set` reads it: `2 weeks`. */
function durationEditor(
  control: Control & { input: { kind: 'duration' } },
  onChange: (text: string) => void,
): { element: HTMLElement; show: (value: unknown) => void } {
  const unit = el('select', { 'aria-label': `${control.path} unit` }, ...control.input.units.map((u) => el('option', { value: u }, u)));
  let amount = 1;
  const emit = () => {
    onChange(`${amount} ${unit.value}${amount === 1 ? '' : 's'}`);
  };
  const number = slider('value', amount, { min: 1, max: 12 }, false, (x) => {
    amount = x;
    emit();
  });
  unit.addEventListener('change', emit);
  const show = (value: unknown) => {
    const length = value as { value: number; unit: string };
    amount = length.value;
    number.set(amount);
    unit.value = length.unit;
  };
  show(control.value);
  return { element: el('div', { class: 'duration' }, number.element, unit), show };
}

/** A choice: a slider per alternative; moving one rescales the others to keep the sum 1. */
function choiceEditor(control: Control, onChange: (text: string) => void): { element: HTMLElement; show: (value: unknown) => void } {
  const box = el('div', { class: 'choice' });
  let choice: Record<string, number> = {};
  const sliders = new Map<string, { set: (x: number) => void }>();
  const show = (value: unknown) => {
    choice = { ...((value as { choice?: Record<string, number> } | null)?.choice ?? {}) };
    if (sliders.size === 0) {
      for (const name of Object.keys(choice)) {
        const s = slider(name, choice[name], { min: 0, max: 1 }, false, (x) => {
          choice = rescaleChoice(choice, name, x);
          for (const [other, o] of sliders) if (other !== name) o.set(Number(choice[other].toPrecision(6)));
          onChange(choiceText(control.value, choice));
        });
        sliders.set(name, s);
        box.append(s.element);
      }
    }
    for (const [name, s] of sliders) s.set(choice[name] ?? 0);
  };
  show(control.value);
  return { element: box, show };
}

/** One checkbox per actor: who is in the list (who must consent, the veto players). */
function actorsEditor(
  control: Control & { input: { kind: 'actors' } },
  onChange: (text: string) => void,
): { element: HTMLElement; show: (value: unknown) => void } {
  const boxes = control.input.actors.map((id) => {
    const box = el('input', { type: 'checkbox', value: id, 'aria-label': `${control.path}: ${id}` });
    box.addEventListener('change', () => {
      onChange(
        `[${boxes
          .filter((b) => b.checked)
          .map((b) => b.value)
          .join(', ')}]`,
      );
    });
    return box;
  });
  const show = (value: unknown) => {
    const listed = Array.isArray(value) ? value : [];
    for (const box of boxes) box.checked = listed.includes(box.value);
  };
  show(control.value);
  return { element: el('div', { class: 'actors' }, ...boxes.map((box) => el('label', {}, box, ` ${box.value}`))), show };
}

/** A control's editor and how it shows a value; `show` also gets the `--set` text, for the free-text field. */
interface InputEditor {
  element: HTMLElement;
  show: (value: unknown, text: string | null) => void;
}

/** The row's head: the control's label (its description as a tooltip), its path when labelled, and the reset button. */
function rowHead(control: Control): { head: HTMLElement; reset: HTMLButtonElement } {
  const title = control.label ?? control.name;
  const head = el('div', { class: 'head' }, el('span', { class: 'name', title: control.description }, title));
  if (control.label !== null) head.append(el('code', { class: 'path' }, control.name));
  const reset = el('button', { type: 'button', class: 'reset', title: `back to the file's value: ${control.text ?? 'not set'}` }, 'reset');
  head.append(reset);
  return { head, reset };
}

/** The editor for the control's kind of input (a free-text field for any other); `emit` gets each new `--set` value. */
function inputEditor(control: Control, emit: (value: string) => void): InputEditor {
  const input = control.input;
  const asInputEditor = (editor: { element: HTMLElement; show: (value: unknown) => void }): InputEditor => ({
    element: editor.element,
    show: (value) => {
      editor.show(value);
    },
  });
  if (input.kind === 'distribution') return asInputEditor(distributionEditor({ ...control, input }, emit));
  if (input.kind === 'number') {
    const s = slider(
      control.name,
      Number(control.value),
      { min: input.min, max: Math.min(input.max, Math.max(10 * Number(control.value), input.min + 10)) },
      input.integer,
      (x) => {
        emit(String(x));
      },
    );
    return {
      element: s.element,
      show: (value) => {
        s.set(Number(value));
      },
    };
  }
  if (input.kind === 'word') return asInputEditor(wordEditor({ ...control, input }, emit));
  if (input.kind === 'choice') return asInputEditor(choiceEditor(control, emit));
  if (input.kind === 'duration') return asInputEditor(durationEditor({ ...control, input }, emit));
  if (input.kind === 'actors') return asInputEditor(actorsEditor({ ...control, input }, emit));
  const text = el('input', { type: 'text', 'aria-label': control.path, value: control.text ?? '' });
  text.addEventListener('change', () => {
    emit(text.value);
  });
  return {
    element: text,
    show: (_value, line) => {
      text.value = line ?? control.text ?? '';
    },
  };
}

/** The "keep the sum" checkbox of a weight (PATH~=W); `onChange` gets whether it is ticked. */
function rebalanceToggle(control: Control, checked: boolean, onChange: (rebalance: boolean) => void): HTMLElement {
  const keep = el('input', { type: 'checkbox', 'aria-label': `${control.path}: rescale the other weights` });
  keep.checked = checked;
  keep.addEventListener('change', () => {
    onChange(keep.checked);
  });
  return el(
    'label',
    { class: 'rebalance', title: "PATH~=W: set this weight and rescale the actor's other weights to keep their sum" },
    keep,
    ' keep the sum (rescale the others)',
  );
}

/** The row of one control; `valueOf` reads a `--set` value as the scenario would hold it (for a line from the address). */
export function controlRow(control: Control, onEdit: (line: string | null) => void, valueOf: (line: string) => unknown): ControlRow {
  const row = el('div', { class: 'control', 'data-path': control.path });
  const { head, reset } = rowHead(control);
  row.append(head);
  if (control.source !== null) row.append(el('div', { class: 'source' }, control.source));

  let rebalance = control.rebalances;
  let lastValue: string | null = null;
  const emit = (value: string) => {
    lastValue = value;
    row.classList.add('edited');
    onEdit(`${control.path}${rebalance ? '~=' : '='}${value}`);
  };
  const { element, show } = inputEditor(control, emit);
  row.append(element);
  if (control.rebalances) {
    row.append(
      rebalanceToggle(control, rebalance, (checked) => {
        rebalance = checked;
        if (lastValue !== null) emit(lastValue);
      }),
    );
  }
  reset.addEventListener('click', () => {
    lastValue = null;
    row.classList.remove('edited');
    show(control.value, null);
    onEdit(null);
  });
  return {
    control,
    element: row,
    show: (line) => {
      const split = line === null ? undefined : splitLine(line);
      row.classList.toggle('edited', split !== undefined);
      lastValue = split?.value ?? null;
      show(split === undefined ? control.value : valueOf(line!), split?.value ?? null);
    },
  };
}
