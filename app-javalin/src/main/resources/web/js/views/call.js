import { h, clear, highlighted, dataTable } from '../dom.js';
import { t, register, formatDate, formatDuration } from '../i18n.js';
import { api } from '../api.js';
import { onLiveEvent } from '../live.js';
import { download } from '../ui.js';
import { callActions } from './actions.js';
import { verdictBadge, liveVerdictBadge, scoreText, statusBadge, kindLabel, categoryLabel, cueLabel, heading, parseCues,
  recipientName, callLink } from './common.js';

register({
  fr: {
    'call.liveRefresh': 'Appel en cours : cette page se met à jour toute seule.', 'call.duration': 'Durée',
    'evidence.title': 'Dossier de preuves', 'evidence.help': 'Pour la banque, la police ou la gendarmerie : l’appel, les indices, les alertes et la preuve du journal.',
    'evidence.pdf': 'Télécharger le dossier (PDF)', 'evidence.json': 'Télécharger les données (JSON)',
    'evidence.unavailable': 'Le dossier de preuves n’est pas encore disponible pour cet appel.',
    'withheld.clear_call_owner_only': 'Cet appel a été jugé normal. Pour respecter la vie privée de la personne protégée, sa transcription n’est lisible que par le propriétaire du compte, et seulement pendant une courte durée.',
    'withheld.expired': 'La transcription de cet appel normal a été effacée au bout de la courte durée prévue.',
    'withheld.role_cannot_read_transcripts': 'Votre rôle sur ce compte ({role}) montre l’heure, la durée, l’appelant, le verdict et les alertes de cet appel, pas sa transcription.',
    'withheld.default': 'La transcription de cet appel n’est pas montrée à votre rôle, pour respecter la vie privée de la personne protégée.',
  },
  en: {
    'call.liveRefresh': 'Call in progress: this page updates by itself.', 'call.duration': 'Duration',
    'evidence.title': 'Evidence pack', 'evidence.help': 'For the bank or the police: the call, the cues, the alerts and the audit proof.',
    'evidence.pdf': 'Download the pack (PDF)', 'evidence.json': 'Download the data (JSON)',
    'evidence.unavailable': 'The evidence pack is not available for this call yet.',
    'withheld.clear_call_owner_only': 'This call was judged normal. To respect the protected person’s privacy, its transcript can be read only by the account owner, and only for a short time.',
    'withheld.expired': 'The transcript of this normal call was deleted after the short time it is kept.',
    'withheld.role_cannot_read_transcripts': 'Your role on this account ({role}) shows this call’s time, length, caller, verdict and alerts, not its transcript.',
    'withheld.default': 'The transcript of this call is not shown to your role, to respect the protected person’s privacy.',
  },
});

function withheldText(reason, role) {
  const key = 'withheld.' + reason;
  return t(key) === key ? t('withheld.default') : t(key, { role: t('role.' + role) });
}

export async function renderCall(main, ctx, callSid) {
  const account = ctx.accounts.find((a) => a.id === ctx.account);
  const protectedName = (account && account.displayName) || t('speaker.callee');
  let contacts = [];
  try { contacts = (await api.contacts(ctx.account)).items; } catch (e) { /* numbers stay numbers */ }
  let d;
  try { d = await api.call(ctx.account, callSid); } catch (e) { ctx.fail(e); return null; }

  const summary = h('section', { class: 'panel', id: 'call-summary', 'aria-label': t('call.title') });
  const evidence = h('section', { class: 'panel', id: 'evidence', 'aria-labelledby': 'evidence-title', hidden: true });
  const cuesBox = h('section', { 'aria-labelledby': 'cues-title', class: 'panel', id: 'cues' });
  const aiBox = h('section', { 'aria-labelledby': 'ai-title', class: 'panel', id: 'ai' });
  const transcriptBox = h('section', { 'aria-labelledby': 'transcript-title', id: 'transcript' });
  const alertsBox = h('section', { 'aria-labelledby': 'call-alerts-title', id: 'call-alerts' });
  const liveNote = h('p', { class: 'hint', id: 'call-live-note', role: 'status' });
  const actions = callActions(ctx, callSid, contacts, 'call-act');
  const actionsBox = h('section', { class: 'panel', id: 'call-actions', 'aria-labelledby': 'call-actions-title' },
    h('h2', { id: 'call-actions-title' }, t('act.title')), actions.el);
  clear(main).append(h('p', {}, h('a', { href: '#/appels' }, '← ' + t('call.back'))), heading(t('call.title')), liveNote,
    summary, actionsBox, evidence, cuesBox, aiBox, transcriptBox, alertsBox);

  const draw = () => {
    const c = d.call;
    const live = c.state !== 'ended';
    const lines = d.transcript || [];
    const said = lines.map((s) => s.text.toLowerCase()).join('\n');
    // a cue is listed only once its sentence is in the transcript on screen (the two are written apart during a call)
    const cues = parseCues(d.cues).filter((q) => said.includes(q.evidence.toLowerCase()));
    liveNote.textContent = live ? t('call.liveRefresh') : '';
    clear(summary).append(
      h('p', {}, live ? liveVerdictBadge(['scam', 'suspicious'].includes(c.verdict) ? c.verdict : null) : verdictBadge(c.verdict), ' ',
        scoreText(c.score), c.category && c.category !== 'none' ? ' — ' + categoryLabel(c.category) : ''),
      h('dl', { class: 'facts grid' },
        h('div', {}, h('dt', {}, t('calls.caller')), h('dd', {}, c.caller || '—')),
        h('div', {}, h('dt', {}, t('call.started')), h('dd', {}, formatDate(c.startedAt))),
        h('div', {}, h('dt', {}, t('call.ended')), h('dd', {}, live ? '—' : formatDate(c.endedAt))),
        h('div', {}, h('dt', {}, t('call.duration')), h('dd', {}, c.startedAt
          ? formatDuration(((c.endedAt ? Date.parse(c.endedAt) : Date.now()) - Date.parse(c.startedAt)) / 1000) : '—')),
        h('div', {}, h('dt', {}, t('calls.state')), h('dd', {}, t('state.' + c.state)))));
    // the actions box: for roles that may act, on a live call or a flagged one (false alarm, block afterwards)
    const mayAct = ['calls:join', 'calls:end', 'calls:handle', 'callers:block', 'settings:write'].some((p) => ctx.can(p));
    actionsBox.hidden = !mayAct || (!live && !['scam', 'suspicious'].includes(c.verdict));
    if (!actionsBox.hidden) actions.update(c);
    // the pack exists for scam and suspect calls (the API answers 404 for a clear one), for owners and admins
    evidence.hidden = !['scam', 'suspicious'].includes(c.verdict) || !ctx.can('evidence:export');
    if (!evidence.hidden && !evidence.firstChild) {
      const get = (ext) => async () => {
        try { await download(api.evidencePath(ctx.account, callSid, ext), 'ethiq-' + callSid + '.' + ext); } catch (e) {
          if (e && e.cancelled) return;
          ctx.toast(e && e.status === 404 ? t('evidence.unavailable') : t('error.generic'));
        }
      };
      evidence.append(h('h2', { id: 'evidence-title' }, t('evidence.title')), h('p', { class: 'hint' }, t('evidence.help')),
        h('div', { class: 'form-actions' },
          h('button', { type: 'button', id: 'evidence-pdf', onclick: get('pdf') }, t('evidence.pdf')),
          h('button', { type: 'button', class: 'secondary', id: 'evidence-json', onclick: get('json') }, t('evidence.json'))));
    }
    // what is withheld (a viewer, a clear call) is said once, under "Transcription", not as empty cue and AI boxes
    cuesBox.hidden = aiBox.hidden = Boolean(d.transcriptWithheld);
    const speaker = (s) => (s === 'callee' ? protectedName : t('speaker.' + s));
    clear(cuesBox).append(h('h2', { id: 'cues-title' }, t('call.cues')),
      cues.length ? h('ul', { class: 'reasons' }, cues.map((q) => h('li', {},
        h('mark', { class: 'cue' }, q.evidence), ' — ', cueLabel(q.kind), ' (', speaker(q.speaker), ')')))
        : h('p', { class: 'muted' }, '—'));
    clear(aiBox).append(h('h2', { id: 'ai-title' }, t('call.ai')),
      d.aiAnalysis ? [
        h('p', {}, d.aiAnalysis.scam ? verdictBadge('scam') : verdictBadge('clear'), ' ',
          Math.round(d.aiAnalysis.confidence * 100) + ' %', ' — ', categoryLabel(d.aiAnalysis.category)),
        h('ul', { class: 'reasons' }, (d.aiAnalysis.reasons || []).map((r) => h('li', {}, r))),
      ] : h('p', { class: 'muted' }, t('call.noAi')));
    clear(transcriptBox).append(h('h2', { id: 'transcript-title' }, t('call.transcript')),
      d.transcriptWithheld ? h('p', { class: 'panel withheld', id: 'transcript-withheld' }, withheldText(d.transcriptWithheld, ctx.role()))
        : lines.length ? h('ol', { class: 'transcript' }, lines.map((s) => h('li', { class: s.speaker },
          h('span', { class: 'who' }, speaker(s.speaker) + ' :'),
          highlighted(s.text, cues.map((q) => q.evidence)))))
          : h('p', { class: 'muted' }, t('call.noTranscript')));
    clear(alertsBox).append(h('h2', { id: 'call-alerts-title' }, t('call.alerts')),
      d.alerts.length ? alertTable(d.alerts, false, contacts) : h('p', { class: 'muted' }, t('alerts.none')));
  };
  draw();

  // While the call lasts the page follows it: on each event of this call, and every 3 s for the new sentences (they
  // have no event). Each read is audited (call.transcript_read): 3 s keeps that to ~20 entries a minute of live call.
  let pending = null;
  const reload = async () => {
    try { d = await api.call(ctx.account, callSid); draw(); } catch (e) { /* keep what is shown; the next try may work */ }
  };
  const off = onLiveEvent((name, e) => {
    if (e.callSid !== callSid) return;
    clearTimeout(pending);
    pending = setTimeout(reload, 250);
  });
  const poll = setInterval(() => { if (d.call.state !== 'ended' && !document.hidden) reload(); }, 3000);
  return () => { off(); clearTimeout(pending); clearInterval(poll); };
}

export function alertTable(alerts, withCall, contacts) {
  const cols = [t('alerts.when'), t('alerts.kind'), t('alerts.to'), t('alerts.status'), t('alerts.attempts')];
  if (withCall) cols.push(t('alerts.call'));
  return dataTable(withCall ? 'alerts-table' : 'call-alerts-table', cols, alerts.map((a) => ({
    attrs: { 'data-alert-kind': a.kind },
    cells: [formatDate(a.createdAt), kindLabel(a.kind), a.kind === 'sms' ? recipientName(a.recipient, contacts) : '—',
      statusBadge(a.status), String(a.attempts)].concat(withCall ? [callLink({ callSid: a.callSid, caller: null, startedAt: a.createdAt })] : []),
  })));
}
