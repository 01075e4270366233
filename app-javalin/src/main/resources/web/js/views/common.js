import { h, srOnly } from '../dom.js';
import { t, has, formatDecimal, locale } from '../i18n.js';

export function verdictBadge(verdict) {
  const v = ['scam', 'suspicious', 'clear'].includes(verdict) ? verdict : 'clear';
  return h('span', { class: 'badge ' + v }, t('verdict.' + v));
}

/** A call still in progress with nothing suspect yet is "being analysed", not "normal". */
export function liveVerdictBadge(level) {
  return level ? verdictBadge(level) : h('span', { class: 'badge live' }, t('verdict.analysing'));
}

export function scoreText(score) { return t('call.score') + ' ' + formatDecimal(score); }

export function statusBadge(status) {
  const s = String(status || '').toLowerCase();
  return h('span', { class: 'badge ' + s }, t('status.' + s));
}

export function kindLabel(kind) { return t('kind.' + kind); }

export function categoryLabel(category) {
  if (!category || category === 'none') return '—';
  return has('cat.' + category) ? t('cat.' + category) : category.replace(/_/g, ' ');
}

/** Cue kinds of the detection engine ("identity claim") in the page's language. */
export function cueLabel(kind) {
  const key = 'cue.' + String(kind || '').trim().replace(/ /g, '_');
  return has(key) ? t(key) : kind;
}

export function heading(text) { return h('h1', { tabindex: '-1', id: 'page-title' }, text); }

/** "Voir le détail" with what it opens read out too, so each link has its own name. */
export function callLink(call) {
  // to the second: two calls of one caller in the same minute still get two names
  const when = call.startedAt ? new Date(call.startedAt).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'medium' }) : '—';
  return h('a', { href: '#/appels/' + encodeURIComponent(call.callSid), class: 'call-link' }, t('calls.open'),
    srOnly(' ' + (call.caller ? t('calls.openOf', { caller: call.caller, when }) : t('calls.openAt', { when }))));
}

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

/** "Marie (fille)" for a number that is one of the account's emergency contacts; the number otherwise. */
export function recipientName(recipient, contacts) {
  const c = (contacts || []).find((x) => x.phone === recipient);
  if (!c) return recipient;
  return c.relationship ? c.name + ' (' + c.relationship + ')' : c.name;
}
