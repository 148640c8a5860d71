// A few DOM helpers: elements are built with text nodes only (never innerHTML from data).
import { explain } from './text.js';

/**
 * h('a', { href: '#/x', class: 'y', onclick: fn }, 'text', child …)
 * Attributes: `on*` functions become listeners; false/null/undefined are left out.
 */
export function h(tag, attrs, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value' && !svg) el.value = v;
    else if (k === 'checked' && !svg) el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let statusTimer;
/** A short message in the live status region (announced by screen readers). */
export function notify(text, tone = 'ok') {
  const region = document.getElementById('status');
  clearTimeout(statusTimer);
  fill(region, h('div', { class: tone === 'error' ? 'error' : '' }, text));
  statusTimer = setTimeout(() => region.replaceChildren(), tone === 'error' ? 10000 : 5000);
}

/** An inline error box (role=alert) explaining `err` in Chinese. */
export const errorBox = (err) => h('div', { class: 'msg error', role: 'alert' }, explain(err));
export const okBox = (text) => h('div', { class: 'msg ok', role: 'status' }, text);
export const infoBox = (text) => h('div', { class: 'msg info' }, text);

export const tag = (text, tone) => h('span', { class: `tag ${tone || ''}` }, text);

/** A labelled control: the label wraps it, so no id is needed. */
export const field = (label, control, hint) => h('label', { class: 'field' }, h('span', null, label), control, hint ? h('small', { class: 'muted' }, hint) : null);

/**
 * Runs an action from a button: disables it meanwhile, reports success in the status region
 * and failure in `errorSlot` (and the status region), and returns the action's result.
 */
export async function act(button, errorSlot, fn, okText) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (errorSlot) errorSlot.replaceChildren();
  try {
    const result = await fn();
    if (okText) notify(typeof okText === 'function' ? okText(result) : okText);
    return result;
  } catch (err) {
    if (errorSlot) fill(errorSlot, errorBox(err));
    notify(explain(err), 'error');
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/**
 * A table over rows already loaded, `pageSize` at a time (the API returns these lists whole).
 * columns: [{ label, cell: (row) => node|text }]
 */
export function pagedTable({ caption, columns, rows, pageSize = 20, empty = '没有记录。' }) {
  const wrap = h('div');
  let page = 0;
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const render = () => {
    const slice = rows.slice(page * pageSize, (page + 1) * pageSize);
    const table = h('table', null,
      h('caption', null, `${caption} · 共 ${rows.length} 条`),
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
      h('tbody', null, slice.length ? slice.map((r) => h('tr', null, columns.map((c) => h('td', null, c.cell(r))))) : h('tr', null, h('td', { colspan: columns.length, class: 'muted' }, empty))),
    );
    const pager = rows.length > pageSize
      ? h('div', { class: 'pager', role: 'navigation', 'aria-label': `${caption}分页` },
          h('button', { type: 'button', disabled: page === 0, onclick: () => { page--; render(); } }, '上一页'),
          h('span', null, `第 ${page + 1} / ${pages} 页`),
          h('button', { type: 'button', disabled: page >= pages - 1, onclick: () => { page++; render(); } }, '下一页'))
      : null;
    fill(wrap, table, pager);
  };
  render();
  return wrap;
}

/** A table of one page of rows (server pagination is done by the caller). */
export function table(caption, columns, rows, empty = '没有记录。') {
  return h('table', null,
    h('caption', null, caption),
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
    h('tbody', null, rows.length ? rows.map((r) => h('tr', null, columns.map((c) => h('td', null, c.cell(r))))) : h('tr', null, h('td', { colspan: columns.length, class: 'muted' }, empty))),
  );
}

/** A definition list of [label, value] pairs. */
export const facts = (pairs) => h('dl', { class: 'facts' }, pairs.filter(Boolean).flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v === null || v === undefined || v === '' ? '—' : v)]));

/** The page's heading, focused after navigation so screen readers announce the new page. */
export const heading = (text) => h('h1', { tabindex: '-1', id: 'page-title' }, text);
