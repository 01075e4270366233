import { h, clear, dataTable } from '../dom.js';
import { t, register, language, locale } from '../i18n.js';
import { api } from '../api.js';
import { download } from '../ui.js';
import { heading } from './common.js';

register({
  fr: { 'usage.export': 'Télécharger (CSV)', 'usage.exportOf': 'le détail de {month}', 'usage.exportHint': 'Le détail de chaque mois (écoute, SMS, IA) se télécharge en CSV, lisible par un tableur.' },
  en: { 'usage.export': 'Download (CSV)', 'usage.exportOf': 'the details of {month}', 'usage.exportHint': 'Each month’s details (listening, SMS, AI) download as CSV, for a spreadsheet.' },
});

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
  const el = h('div', { class: 'usage-bar', 'aria-hidden': 'true' });
  el.style.width = percent + '%';
  return el;
}

export async function renderUsage(main, ctx) {
  let rows;
  try { rows = await Promise.all(months(6).map((m) => api.usage(ctx.account, m))); } catch (e) { ctx.fail(e); return null; }
  const max = Math.max(1, ...rows.map((u) => u.speechSeconds));
  const fmt = new Intl.NumberFormat(locale());
  const minutes = new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 });
  const monthName = (m) => new Date(m + '-01T00:00:00Z').toLocaleDateString(language() === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const canExport = ctx.can('usage:export');
  const exportButton = (u) => h('button', { type: 'button', class: 'secondary export-usage', 'data-month': u.month, onclick: async () => {
    try { await download(api.usageExportPath(ctx.account, u.month), 'ethiq-usage-' + u.month + '.csv'); } catch (e) { ctx.fail(e); }
  } }, t('usage.export'), h('span', { class: 'sr-only' }, ' ' + t('usage.exportOf', { month: monthName(u.month) })));
  const ratio = new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // Listening is billed on both sides of a call, only while someone speaks: its minutes per protected minute (0 to 2)
  // say what the speech gate saves.
  const perMinute = (u) => (u.callSeconds > 0
    ? h('span', { class: 'hint usage-ratio' }, ' ' + t('usage.perMinute', { ratio: ratio.format(u.speechSeconds / u.callSeconds) }))
    : '');
  const cols = [t('usage.month'), t('usage.calls'), t('usage.protected'), t('usage.speech'), t('usage.sms'), t('usage.ai')];
  if (canExport) cols.push({ sr: t('sr.actions') });
  clear(main).append(heading(t('usage.title')), canExport ? h('p', { class: 'hint' }, t('usage.exportHint')) : null,
    dataTable('usage-table', cols, rows.map((u) => ({
      rowHeader: true,
      attrs: { 'data-month': u.month },
      cells: [monthName(u.month), fmt.format(u.calls), minutes.format((u.callSeconds || 0) / 60),
        [minutes.format(u.speechSeconds / 60), perMinute(u), bar(Math.round(100 * u.speechSeconds / max))],
        fmt.format(u.smsSent), fmt.format(u.aiPromptTokens + u.aiCompletionTokens)].concat(canExport ? [exportButton(u)] : []),
    }))));
  return null;
}
