import { h, clear, dataTable } from '../dom.js';
import { t, formatDate, formatTime, formatDuration } from '../i18n.js';
import { api } from '../api.js';
import { onLiveEvent } from '../live.js';
import { liveCalls, onLiveCalls, seedLiveCalls } from '../livecalls.js';
import { callActions } from './actions.js';
import { verdictBadge, liveVerdictBadge, scoreText, categoryLabel, heading, callLink } from './common.js';

function liveCard(c, now, actions) {
  const seconds = c.startedAt ? (now - Date.parse(c.startedAt)) / 1000 : 0;
  return h('article', { class: 'live-card ' + (c.level || 'analysing'), 'data-call-sid': c.callSid, 'aria-labelledby': 'live-' + c.callSid },
    h('h3', { class: 'title', id: 'live-' + c.callSid }, h('span', { class: 'pulse', 'aria-hidden': 'true' }),
      t('calls.liveNow'), ' — ', h('span', { class: 'caller' }, c.caller || '—')),
    h('p', { class: 'verdict' }, liveVerdictBadge(c.level), ' ',
      c.level ? scoreText(c.score) : t('calls.analysingHint'),
      c.level && c.category && c.category !== 'none' ? ' — ' + categoryLabel(c.category) : ''),
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, t('call.started')), h('dd', { class: 'started' }, formatTime(c.startedAt))),
      h('div', {}, h('dt', {}, t('calls.duration')), h('dd', { class: 'duration' }, c.startedAt ? formatDuration(seconds) : '—'))),
    h('p', {}, callLink(c)), actions ? actions.el : null);
}

export async function renderCalls(main, ctx) {
  clear(main);
  const liveBox = h('section', { 'aria-labelledby': 'live-title', id: 'live-calls' });
  const recentBox = h('section', { 'aria-labelledby': 'recent-title', id: 'recent-calls' });
  main.append(heading(t('calls.title')), liveBox, recentBox);
  // one actions box per live call, kept across redraws (a dialog it opened stays tied to it)
  const mayAct = ['calls:join', 'calls:end', 'calls:handle', 'callers:block', 'settings:write'].some((p) => ctx.can(p));
  let contacts = [];
  if (mayAct) { try { contacts = (await api.contacts(ctx.account)).items; } catch (e) { /* join then says no one may */ } }
  const boxes = new Map();
  const actionsOf = (c) => {
    if (!mayAct) return null;
    let box = boxes.get(c.callSid);
    if (!box) { box = callActions(ctx, c.callSid, contacts, 'live-act-' + c.callSid); boxes.set(c.callSid, box); }
    box.update({ state: 'live', verdict: c.level, caller: c.caller });
    return box;
  };
  const drawLive = () => {
    clear(liveBox);
    liveBox.append(h('h2', { id: 'live-title' }, t('calls.live')));
    const mine = liveCalls();
    if (!mine.length) { liveBox.append(h('p', { class: 'muted' }, t('calls.noLive'))); return; }
    const now = Date.now();
    for (const sid of boxes.keys()) if (!mine.some((c) => c.callSid === sid)) boxes.delete(sid);
    liveBox.append(h('div', { class: 'live-calls' }, mine.map((c) => liveCard(c, now, actionsOf(c)))));
  };
  // durations tick without redrawing the cards (a screen reader would re-read them)
  const tick = setInterval(() => {
    for (const el of liveBox.querySelectorAll('.live-card')) {
      const c = liveCalls().find((x) => x.callSid === el.dataset.callSid);
      if (c && c.startedAt) el.querySelector('.duration').textContent = formatDuration((Date.now() - Date.parse(c.startedAt)) / 1000);
    }
  }, 1000);
  const drawRecent = async () => {
    let page;
    try { page = await api.calls(ctx.account); } catch (e) { ctx.fail(e); return; }
    clear(recentBox);
    recentBox.append(h('h2', { id: 'recent-title' }, t('calls.recent')));
    if (!page.items.length) { recentBox.append(h('p', { class: 'muted' }, t('calls.none'))); return; }
    recentBox.append(dataTable('calls-table',
      [t('calls.when'), t('calls.caller'), t('calls.verdict'), t('calls.category'), t('calls.state'), { sr: t('calls.actions') }],
      page.items.map((c) => ({
        attrs: { 'data-call-sid': c.callSid },
        cells: [formatDate(c.startedAt), c.caller || '—',
          c.state === 'ended' ? verdictBadge(c.verdict) : liveVerdictBadge(['scam', 'suspicious'].includes(c.verdict) ? c.verdict : null),
          categoryLabel(c.category), t('state.' + c.state), callLink(c)],
      }))));
  };
  // listen first: the calls in progress may arrive from the API while the list below loads
  const offCalls = onLiveCalls(drawLive);
  drawLive();
  await drawRecent();
  drawLive();
  let pending = null;
  const off = onLiveEvent((name, e) => {
    if (name === 'connected') { drawRecent(); seedLiveCalls(ctx.account); return; }
    if (e.accountId !== ctx.account) return;
    if (name === 'call' || name === 'alert' || name === 'verdict') {
      clearTimeout(pending);
      pending = setTimeout(drawRecent, 300);
    }
  });
  // Every node's call events reach this stream (PostgreSQL NOTIFY between nodes): no periodic re-read needed.
  return () => { off(); offCalls(); clearTimeout(pending); clearInterval(tick); };
}
