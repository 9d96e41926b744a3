/**
 * The filter bar each view shares: inputs named after query parameters, filled from the route,
 * that navigate to the same view with the new query when submitted.
 */
import { h } from './dom.js';
import { ROOT_CODES, ROOT_NAMES } from './labels.js';
import { href } from './router.js';
import type { Route } from './router.js';

export type Field =
  | { name: string; label: string; kind: 'text'; placeholder?: string; list?: string }
  | { name: string; label: string; kind: 'date' }
  | { name: string; label: string; kind: 'select'; options: [string, string][] };

export const rootField: Field = { name: 'root', label: 'Root', kind: 'select', options: [['', 'any'], ...ROOT_CODES.map((c): [string, string] => [c, `${c} ${ROOT_NAMES[c]}`])] };
export const fromField: Field = { name: 'from', label: 'From', kind: 'date' };
export const toField: Field = { name: 'to', label: 'To', kind: 'date' };

export function filterForm(route: Route, fields: readonly Field[]): HTMLFormElement {
  const inputs: (HTMLInputElement | HTMLSelectElement)[] = [];
  const form = h('form', { class: 'filters', 'data-filters': route.view });
  for (const f of fields) {
    const value = route.query.get(f.name) ?? '';
    let input: HTMLInputElement | HTMLSelectElement;
    if (f.kind === 'select') {
      input = h('select', { name: f.name }, ...f.options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
    } else {
      input = h('input', { name: f.name, type: f.kind, value, placeholder: f.kind === 'text' ? f.placeholder ?? '' : null, list: f.kind === 'text' ? f.list ?? null : null, size: f.kind === 'text' ? 10 : null });
    }
    inputs.push(input);
    form.append(h('label', {}, `${f.label} `, input));
  }
  form.append(h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q: Record<string, string> = {};
    for (const i of inputs) if (i.value.trim()) q[i.name] = i.value.trim();
    location.hash = href(route.view, route.args, q);
  });
  return form;
}

/** The route's filter values that are set, for passing on to the API. */
export function queryOf(route: Route, names: readonly string[]): Record<string, string> {
  const q: Record<string, string> = {};
  for (const n of names) {
    const v = route.query.get(n)?.trim();
    if (v) q[n] = v;
  }
  return q;
}
