import { h, clear } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { api } from '../api.js';
import { onLiveEvent } from '../live.js';
import { verdictBadge, categoryLabel, heading } from './common.js';

// Live calls of the selected account: filled by live events, kept across views.
export const liveCalls = new Map();

export function trackLive(name, e) {
  if (name === 'call' && e.state === 'live') liveCalls.set(e.callSid, { ...(liveCalls.get(e.callSid) || {}), ...e, level: (liveCalls.get(e.callSid) || {}).level || 'clear' });
  else if (name === 'call' && e.state === 'ended') liveCalls.delete(e.callSid);
  else if (name === 'verdict' && liveCalls.has(e.callSid)) Object.assign(liveCalls.get(e.callSid), { level: e.level, score: e.score, category: e.category });
  else if (name === 'alert' && liveCalls.has(e.callSid)) liveCalls.get(e.callSid).alerted = true;
}

export async function renderCalls(main, ctx) {
  clear(main);
  const liveBox = h('section', { 'aria-labelledby': 'live-title', id: 'live-calls' });
  const recentBox = h('section', { 'aria-labelledby': 'recent-title', id: 'recent-calls' });
  main.append(heading(t('calls.title')), liveBox, recentBox);
  const drawLive = () => {
    clear(liveBox);
    liveBox.append(h('h2', { id: 'live-title' }, t('calls.live')));
    const mine = [...liveCalls.values()].filter((c) => c.accountId === ctx.account);
    if (!mine.length) { liveBox.append(h('p', { class: 'muted' }, t('calls.noLive'))); return; }
    liveBox.append(h('div', { class: 'live-calls' }, mine.map((c) => h('article', {
      class: 'live-card ' + (c.level || 'clear'), 'data-call-sid': c.callSid, 'aria-label': t('calls.liveNow'),
    },
      h('div', { class: 'title' }, h('span', { class: 'pulse', 'aria-hidden': 'true' }), t('calls.liveNow')),
      h('p', {}, verdictBadge(c.level), ' ', c.score !== undefined ? t('call.score') + ' ' + Number(c.score).toFixed(2) : '',
        c.category && c.category !== 'none' ? ' — ' + categoryLabel(c.category) : ''),
      h('p', {}, h('a', { href: '#/appels/' + encodeURIComponent(c.callSid) }, t('calls.open'))),
    ))));
  };
  const drawRecent = async () => {
    let page;
    try { page = await api.calls(ctx.account); } catch (e) { ctx.fail(e); return; }
    clear(recentBox);
    recentBox.append(h('h2', { id: 'recent-title' }, t('calls.recent')));
    if (!page.items.length) { recentBox.append(h('p', { class: 'muted' }, t('calls.none'))); return; }
    recentBox.append(h('table', { id: 'calls-table' },
      h('thead', {}, h('tr', {}, [t('calls.when'), t('calls.caller'), t('calls.verdict'), t('calls.category'), t('calls.state'), ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, page.items.map((c) => h('tr', { 'data-call-sid': c.callSid },
        h('td', {}, formatDate(c.startedAt)),
        h('td', {}, c.caller || '—'),
        h('td', {}, verdictBadge(c.verdict)),
        h('td', {}, categoryLabel(c.category)),
        h('td', {}, t('state.' + c.state)),
        h('td', {}, h('a', { href: '#/appels/' + encodeURIComponent(c.callSid) }, t('calls.open'))),
      )))));
  };
  drawLive();
  await drawRecent();
  let pending = null;
  const off = onLiveEvent((name, e) => {
    if (name === 'connected') { drawRecent(); return; }
    if (e.accountId !== ctx.account) return;
    drawLive();
    if (name === 'call' || name === 'alert') {
      clearTimeout(pending);
      pending = setTimeout(drawRecent, 300);
    }
  });
  // Every node's call events reach this stream (PostgreSQL NOTIFY between nodes): no periodic re-read needed.
  return () => { off(); clearTimeout(pending); };
}
