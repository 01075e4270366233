// The alert banner: one line per call of this account judged suspect or a scam, with a link to the call. It stays
// until the user closes it (WCAG 2.2.1: no time limit on reading it); a call that gets worse (suspect → scam) shows
// again even if its suspect line was closed.
import { h, clear } from './dom.js';
import { t, register, formatTime } from './i18n.js';
import { categoryLabel } from './views/common.js';

register({
  fr: {
    'banner.scam': 'Arnaque probable', 'banner.suspicious': 'Appel suspect', 'banner.live': 'en cours', 'banner.from': 'appel de {caller}',
    'banner.at': 'commencé à {time}', 'banner.open': 'Voir l’appel', 'banner.close': 'Fermer cette alerte',
    'banner.region': 'Alertes sur les appels',
  },
  en: {
    'banner.scam': 'Likely scam', 'banner.suspicious': 'Suspicious call', 'banner.live': 'in progress', 'banner.from': 'call from {caller}',
    'banner.at': 'started at {time}', 'banner.open': 'Open the call', 'banner.close': 'Close this alert',
    'banner.region': 'Call alerts',
  },
});

const box = () => document.getElementById('banners');
const shown = new Map();      // callSid → {level, call}
const closed = new Map();     // callSid → level closed by the user
let account = null;

/** A suspicious or scam verdict of a call of the account on screen. */
export function raiseBanner(call) {
  if (!call || !['suspicious', 'scam'].includes(call.level) || call.accountId !== account) return;
  if (closed.get(call.callSid) === call.level || (closed.get(call.callSid) === 'scam')) return;
  closed.delete(call.callSid);
  shown.set(call.callSid, { ...call });
  draw();
}

export function bannerAccount(accountId) {
  if (account !== accountId) { account = accountId; shown.clear(); closed.clear(); draw(); }
}

export function redrawBanners() { draw(); }

function draw() {
  const el = box();
  if (!el) return;
  clear(el);
  el.hidden = shown.size === 0;
  for (const [sid, c] of shown) {
    const what = [t('banner.' + c.level),
      c.category && c.category !== 'none' ? categoryLabel(c.category) : null,
      c.caller ? t('banner.from', { caller: c.caller }) : null,
      c.startedAt ? t('banner.at', { time: formatTime(c.startedAt) }) : null].filter(Boolean).join(' — ');
    el.append(h('div', { class: 'banner ' + c.level, role: 'alert', 'data-call-sid': sid },
      h('p', { class: 'banner-text' }, h('strong', {}, what)),
      h('div', { class: 'banner-actions' },
        h('a', { class: 'button', href: '#/appels/' + encodeURIComponent(sid) }, t('banner.open')),
        h('button', { type: 'button', class: 'secondary banner-close', onclick: () => {
          closed.set(sid, c.level);
          shown.delete(sid);
          draw();
          document.getElementById('main').focus();
        } }, t('banner.close')))));
  }
}
