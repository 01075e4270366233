import { h, clear, highlighted } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { api } from '../api.js';
import { onLiveEvent } from '../live.js';
import { verdictBadge, statusBadge, kindLabel, categoryLabel, heading, parseCues } from './common.js';

export async function renderCall(main, ctx, callSid) {
  const draw = async () => {
    let d;
    try { d = await api.call(ctx.account, callSid); } catch (e) { ctx.fail(e); return; }
    const c = d.call;
    const cues = parseCues(d.cues);
    clear(main);
    main.append(
      h('p', {}, h('a', { href: '#/appels' }, '← ' + t('call.back'))),
      heading(t('call.title')),
      h('section', { class: 'panel', id: 'call-summary' },
        h('p', {}, verdictBadge(c.verdict), ' ', t('call.score') + ' ' + Number(c.score).toFixed(2),
          c.category && c.category !== 'none' ? ' — ' + categoryLabel(c.category) : ''),
        h('div', { class: 'grid' },
          h('div', {}, h('strong', {}, t('calls.caller') + ' : '), c.caller || '—'),
          h('div', {}, h('strong', {}, t('call.started') + ' : '), formatDate(c.startedAt)),
          h('div', {}, h('strong', {}, t('call.ended') + ' : '), formatDate(c.endedAt)),
          h('div', {}, h('strong', {}, t('calls.state') + ' : '), t('state.' + c.state)))),
      h('section', { 'aria-labelledby': 'cues-title', class: 'panel', id: 'cues' },
        h('h2', { id: 'cues-title' }, t('call.cues')),
        cues.length ? h('ul', { class: 'reasons' }, cues.map((q) => h('li', {},
          h('mark', { class: 'cue' }, q.evidence), ' — ', q.kind, ' (', t('speaker.' + q.speaker), ')')))
          : h('p', { class: 'muted' }, '—')),
      h('section', { 'aria-labelledby': 'ai-title', class: 'panel', id: 'ai' },
        h('h2', { id: 'ai-title' }, t('call.ai')),
        d.aiAnalysis ? [
          h('p', {}, d.aiAnalysis.scam ? verdictBadge('scam') : verdictBadge('clear'), ' ',
            Math.round(d.aiAnalysis.confidence * 100) + ' %', ' — ', categoryLabel(d.aiAnalysis.category)),
          h('ul', { class: 'reasons' }, (d.aiAnalysis.reasons || []).map((r) => h('li', {}, r))),
        ] : h('p', { class: 'muted' }, t('call.noAi'))),
      h('section', { 'aria-labelledby': 'transcript-title', id: 'transcript' },
        h('h2', { id: 'transcript-title' }, t('call.transcript')),
        d.transcript.length ? h('ol', { class: 'transcript' }, d.transcript.map((s) => h('li', { class: s.speaker },
          h('span', { class: 'who' }, t('speaker.' + s.speaker) + ' :'),
          highlighted(s.text, cues.map((q) => q.evidence)))))
          : h('p', { class: 'muted' }, t('call.noTranscript'))),
      h('section', { 'aria-labelledby': 'call-alerts-title', id: 'call-alerts' },
        h('h2', { id: 'call-alerts-title' }, t('call.alerts')),
        d.alerts.length ? alertTable(d.alerts, false) : h('p', { class: 'muted' }, t('alerts.none'))),
    );
  };
  await draw();
  let pending = null;
  const off = onLiveEvent((name, e) => {
    if (e.callSid !== callSid) return;
    clearTimeout(pending);
    pending = setTimeout(draw, 300);
  });
  return () => { off(); clearTimeout(pending); };
}

export function alertTable(alerts, withCall) {
  return h('table', { class: 'alerts-table' },
    h('thead', {}, h('tr', {}, [t('alerts.when'), t('alerts.kind'), t('alerts.to'), t('alerts.status'), t('alerts.attempts'),
      withCall ? t('alerts.call') : null].filter((x) => x !== null).map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, alerts.map((a) => h('tr', { 'data-alert-kind': a.kind },
      h('td', {}, formatDate(a.createdAt)),
      h('td', {}, kindLabel(a.kind)),
      h('td', {}, a.kind === 'sms' ? a.recipient : '—'),
      h('td', {}, statusBadge(a.status)),
      h('td', {}, String(a.attempts)),
      withCall ? h('td', {}, h('a', { href: '#/appels/' + encodeURIComponent(a.callSid) }, t('calls.open'))) : null,
    ))));
}
