import { h } from '../dom.js';
import { t, has } from '../i18n.js';

export function verdictBadge(verdict) {
  const v = ['scam', 'suspicious', 'clear'].includes(verdict) ? verdict : 'clear';
  return h('span', { class: 'badge ' + v }, t('verdict.' + v));
}

export function statusBadge(status) {
  const s = String(status || '').toLowerCase();
  return h('span', { class: 'badge ' + s }, t('status.' + s));
}

export function kindLabel(kind) { return t('kind.' + kind); }

export function categoryLabel(category) {
  if (!category || category === 'none') return '—';
  return has('cat.' + category) ? t('cat.' + category) : category.replace(/_/g, ' ');
}

export function heading(text) { return h('h1', { tabindex: '-1', id: 'page-title' }, text); }

/** Cues parsed from the detection engine's explanation: kind 'evidence' (turn N, speaker, rule). */
export function parseCues(explanation) {
  const out = [];
  const re = /([a-z][a-z ]*?) '(.+?)' \(turn (\d+), (caller|callee), ([^)]+)\)/g;
  let m;
  while ((m = re.exec(explanation || '')) !== null) {
    out.push({ kind: m[1].trim(), evidence: m[2], turn: Number(m[3]), speaker: m[4], rule: m[5] });
  }
  return out;
}
