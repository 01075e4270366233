import { h, clear } from '../dom.js';
import { t, language } from '../i18n.js';
import { api } from '../api.js';
import { heading } from './common.js';

function months(n) {
  const out = [];
  const d = new Date();
  d.setUTCDate(1);
  for (let i = 0; i < n; i++) {
    out.push(d.getUTCFullYear() + '-' + String(d.getUTCMonth() + 1).padStart(2, '0'));
    d.setUTCMonth(d.getUTCMonth() - 1);
  }
  return out;
}

// Width set through the CSSOM: the page's CSP forbids inline style attributes.
function bar(percent) {
  if (!percent) return '';
  const el = h('div', { class: 'usage-bar' });
  el.style.width = percent + '%';
  return el;
}

export async function renderUsage(main, ctx) {
  clear(main);
  main.append(heading(t('usage.title')));
  let rows;
  try { rows = await Promise.all(months(6).map((m) => api.usage(ctx.account, m))); } catch (e) { ctx.fail(e); return; }
  const max = Math.max(1, ...rows.map((u) => u.speechSeconds));
  const fmt = new Intl.NumberFormat(language() === 'fr' ? 'fr-FR' : 'en-GB');
  const minutes = new Intl.NumberFormat(language() === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 });
  const monthName = (m) => new Date(m + '-01T00:00:00Z').toLocaleDateString(language() === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  main.append(h('table', { id: 'usage-table' },
    h('thead', {}, h('tr', {}, [t('usage.month'), t('usage.calls'), t('usage.speech'), '', t('usage.sms'), t('usage.ai')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((u) => h('tr', {},
      h('th', { scope: 'row' }, monthName(u.month)),
      h('td', {}, fmt.format(u.calls)),
      h('td', {}, minutes.format(u.speechSeconds / 60)),
      h('td', { 'aria-hidden': 'true' }, bar(Math.round(100 * u.speechSeconds / max))),
      h('td', {}, fmt.format(u.smsSent)),
      h('td', {}, fmt.format(u.aiPromptTokens + u.aiCompletionTokens)))))));
}
