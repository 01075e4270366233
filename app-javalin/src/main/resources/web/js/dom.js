// Tiny DOM helpers. Text always goes through textContent: no server value is ever parsed as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Text with some phrases highlighted as <mark>, built from text nodes only. */
export function highlighted(text, phrases) {
  const frag = document.createDocumentFragment();
  const lower = text.toLowerCase();
  const spans = [];
  for (const p of phrases || []) {
    const needle = String(p || '').toLowerCase().trim();
    if (needle.length < 3) continue;
    let i = lower.indexOf(needle);
    while (i >= 0) { spans.push([i, i + needle.length]); i = lower.indexOf(needle, i + needle.length); }
  }
  spans.sort((a, b) => a[0] - b[0]);
  let at = 0;
  for (const [s, e] of spans) {
    if (s < at) continue;
    if (s > at) frag.append(document.createTextNode(text.slice(at, s)));
    frag.append(h('mark', { class: 'cue' }, text.slice(s, e)));
    at = e;
  }
  if (at < text.length) frag.append(document.createTextNode(text.slice(at)));
  return frag;
}

/** Text read by screen readers only (e.g. what a short link or an actions column is about). */
export function srOnly(text) { return h('span', { class: 'sr-only' }, text); }

/**
 * A data table that turns into a stack of cards on a phone (CSS, under 40rem): each cell carries its column's name in
 * data-label, shown before the value when the header row is hidden. columns: [label]; rows: [{attrs, cells:[content]}].
 * A column without a visible name (actions) gets a screen-reader name, so no header is empty.
 */
export function dataTable(id, columns, rows, caption) {
  return h('table', { id, class: 'cards' },
    caption ? h('caption', { class: 'sr-only' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, typeof c === 'string' ? c : srOnly(c.sr))))),
    h('tbody', {}, rows.map((r) => h('tr', r.attrs || {}, r.cells.map((cell, i) => {
      const c = columns[i];
      const label = typeof c === 'string' ? c : '';
      return h(i === 0 && r.rowHeader ? 'th' : 'td', { 'data-label': label || null, scope: i === 0 && r.rowHeader ? 'row' : null,
        class: label ? null : 'actions' }, cell);
    })))));
}
