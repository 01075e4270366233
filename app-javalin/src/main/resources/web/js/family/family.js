// The family page: the state of one call (polled every 2 s) and its few actions. No framework, no inline code.
'use strict';
(function () {
  const POLL_MS = 2000;
  const token = (location.pathname.match(/^\/f\/([A-Za-z0-9_-]{1,64})$/) || [])[1] || '';
  const base = '/api/family/' + encodeURIComponent(token);

  const TEXT = {
    fr: {
      title: (n) => n + ' est peut-être au téléphone avec un escroc',
      summary: (r) => (r ? r + ', vous' : 'Vous') + ' êtes prévenu(e) car vous êtes un proche.',
      live: 'En direct', ended: 'Appel terminé',
      kind: 'Type', why: 'Ce qui a été dit', since: 'Depuis', warning: 'Avertissement', warned: 'joué dans l\u2019appel', notWarned: 'pas encore',
      alerted: 'Prévenus', handledBy: 'S\u2019en occupe', doneTitle: 'Ce qui a été fait', nothingDone: 'Rien pour l\u2019instant.',
      call: (n) => 'Appeler ' + n, join: 'Rejoindre l\u2019appel', end: 'Raccrocher l\u2019appel', handling: 'Je m\u2019en occupe',
      'false-alarm': 'Fausse alerte', block: 'Bloquer ce numéro',
      confirmTitle: 'Raccrocher l\u2019appel ?', confirmText: (n) => n + ' entendra d\u2019abord qu\u2019un proche a mis fin à l\u2019appel par précaution.',
      yes: 'Oui, raccrocher', no: 'Annuler',
      minutes: (m) => m < 1 ? 'moins d\u2019une minute' : m + ' min',
      done: { join: 'Votre téléphone va sonner : décrochez pour rejoindre l\u2019appel.', end: 'L\u2019appel est raccroché.',
        handling: 'Les autres proches sont prévenus que vous vous en occupez.', 'false-alarm': 'Merci : fausse alerte enregistrée.',
        block: 'Ce numéro est bloqué.' },
      already: 'C\u2019est déjà fait.', notNow: 'Ce n\u2019est plus possible : l\u2019appel est terminé ou l\u2019action n\u2019est pas permise.',
      failed: 'Échec, réessayez dans un instant.', offline: 'Connexion perdue, nouvel essai…', gone: 'Ce lien n\u2019est plus valable.',
      labels: { join: 'a rejoint l\u2019appel', end: 'a raccroché l\u2019appel', handling: 's\u2019en occupe', 'false-alarm': 'a signalé une fausse alerte', block: 'a bloqué le numéro' },
      evidence: 'Télécharger le dossier de preuves (PDF)',
      evidenceHelp: 'Pour la banque, la police ou la gendarmerie : l\u2019appel, ce qui a été dit, les alertes et la preuve du journal.',
      member: 'un membre du compte', foot: 'Lien personnel : ne le transférez pas. Il expire après 7 jours.'
    },
    en: {
      title: (n) => n + ' may be on the phone with a scammer',
      summary: (r) => (r ? r + ', you' : 'You') + ' are alerted because you are a relative.',
      live: 'Live', ended: 'Call ended',
      kind: 'Kind', why: 'What was said', since: 'For', warning: 'Warning', warned: 'played in the call', notWarned: 'not yet',
      alerted: 'Alerted', handledBy: 'Handled by', doneTitle: 'What was done', nothingDone: 'Nothing yet.',
      call: (n) => 'Call ' + n, join: 'Join the call', end: 'End the call', handling: 'I\u2019m on it',
      'false-alarm': 'False alarm', block: 'Block this number',
      confirmTitle: 'End the call?', confirmText: (n) => n + ' will first hear that a relative ended the call as a precaution.',
      yes: 'Yes, end it', no: 'Cancel',
      minutes: (m) => m < 1 ? 'less than a minute' : m + ' min',
      done: { join: 'Your phone will ring: answer to join the call.', end: 'The call is ended.',
        handling: 'The other relatives know you are on it.', 'false-alarm': 'Thank you: false alarm recorded.', block: 'This number is blocked.' },
      already: 'Already done.', notNow: 'Not possible any more: the call is over or the action is not allowed.',
      failed: 'Failed, try again in a moment.', offline: 'Connection lost, retrying…', gone: 'This link is no longer valid.',
      labels: { join: 'joined the call', end: 'ended the call', handling: 'is on it', 'false-alarm': 'reported a false alarm', block: 'blocked the number' },
      evidence: 'Download the evidence pack (PDF)',
      evidenceHelp: 'For the bank or the police: the call, what was said, the alerts and the audit proof.',
      member: 'an account member', foot: 'Personal link: do not forward it. It expires after 7 days.'
    }
  };
  const ACTIONS = ['join', 'end', 'handling', 'false-alarm', 'block'];
  let state = null;
  let busy = false;
  let timer = null;

  const $ = (id) => document.getElementById(id);
  const t = () => TEXT[state && state.language === 'en' ? 'en' : 'fr'];

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function say(text, error) {
    const m = $('message');
    m.textContent = text || '';
    m.classList.toggle('error', !!error);
  }

  function render() {
    const x = t();
    document.documentElement.lang = state.language === 'en' ? 'en' : 'fr';
    document.title = 'Ethiq – ' + state.protectedName;
    const status = $('status');
    status.textContent = state.live ? x.live : x.ended;
    status.className = 'pill ' + (state.live ? 'live' : 'ended');
    status.dataset.live = state.live ? 'on' : 'off';
    $('title').textContent = x.title(state.protectedName);
    $('summary').textContent = x.summary(state.recipientName);

    const facts = $('facts');
    facts.replaceChildren();
    const minutes = Math.floor((Date.parse(state.endedAt || state.now) - Date.parse(state.startedAt)) / 60000);
    const rows = [[x.kind, state.scamKind], [x.why, state.why], [x.since, x.minutes(Math.max(0, minutes))],
      [x.warning, state.warningPlayed ? x.warned : x.notWarned], [x.alerted, (state.alerted || []).join(', ')],
      [x.handledBy, state.handledBy]];
    rows.filter((r) => r[1]).forEach(([k, v]) => { facts.append(el('dt', {}, k), el('dd', {}, v)); });

    const nav = $('actions');
    nav.replaceChildren();
    if (state.protectedPhone) {
      nav.append(el('a', { class: 'btn primary', href: 'tel:' + state.protectedPhone, id: 'call-her' }, x.call(state.protectedName)));
    }
    ACTIONS.filter((a) => state.available.includes(a)).forEach((a) => {
      const b = el('button', { type: 'button', class: 'btn' + (a === 'end' ? ' danger' : ''), id: 'act-' + a, 'data-action': a }, x[a]);
      if (busy) b.disabled = true;
      b.addEventListener('click', () => (a === 'end' ? confirmEnd() : act(a)));
      nav.append(b);
    });
    // after a scam call: the pack for the bank or the police (a plain download; the server checks the link again)
    if (state.evidence) {
      nav.append(el('a', { class: 'btn', href: base + '/evidence.pdf', id: 'evidence-pdf', download: '',
        'aria-describedby': 'evidence-help' }, x.evidence));
      nav.append(el('p', { class: 'hint', id: 'evidence-help' }, x.evidenceHelp));
    }

    const done = $('done');
    done.replaceChildren();
    $('done-title').textContent = x.doneTitle;
    if (!state.done.length) done.append(el('li', {}, x.nothingDone));
    state.done.forEach((d) => {
      const at = new Date(d.at).toLocaleTimeString(state.language === 'en' ? 'en-GB' : 'fr-FR', { hour: '2-digit', minute: '2-digit' });
      done.append(el('li', { 'data-action': d.action }, at + ' – ' + (d.by || x.member) + ' ' + x.labels[d.action]));
    });
    $('foot').textContent = x.foot;
    $('family').setAttribute('aria-busy', 'false');
    if (!document.body.dataset.ready) {
      // milliseconds from navigation start to the first state shown (the figure of docs/performance.md)
      document.body.dataset.readyMs = String(Math.round(performance.now()));
    }
    document.body.dataset.ready = '1';
  }

  function confirmEnd() {
    const x = t();
    const box = $('confirm-end');
    $('confirm-title').textContent = x.confirmTitle;
    $('confirm-text').textContent = x.confirmText(state.protectedName);
    $('confirm-yes').textContent = x.yes;
    $('confirm-no').textContent = x.no;
    box.hidden = false;
    $('confirm-no').focus();
  }

  async function act(action) {
    if (busy) return;
    busy = true;
    $('confirm-end').hidden = true;
    render();
    try {
      const res = await fetch(base + '/actions/' + action, { method: 'POST', credentials: 'same-origin', cache: 'no-store' });
      const body = await res.json().catch(() => ({}));
      if (body.view) state = body.view;
      const x = t();
      if (body.result === 'done') say(x.done[action]);
      else if (body.result === 'already-done') say(x.already);
      else if (body.result === 'not-now') say(x.notNow, true);
      else if (res.status === 404 || res.status === 410) { gone(); return; }
      else say(x.failed, true);
    } catch (e) {
      say(t().failed, true);
    } finally {
      busy = false;
      if (state) render();
    }
  }

  function gone() {
    clearTimeout(timer);
    $('title').textContent = t().gone;
    $('actions').replaceChildren();
    $('facts').replaceChildren();
    document.body.dataset.ready = '1';
  }

  async function poll() {
    try {
      const res = await fetch(base, { cache: 'no-store', credentials: 'same-origin' });
      if (res.status === 404 || res.status === 410) { gone(); return; }
      if (res.ok) {
        state = await res.json();
        if (!busy) render();
        if ($('message').textContent === TEXT.fr.offline || $('message').textContent === TEXT.en.offline) say('');
      }
    } catch (e) {
      if (state) say(t().offline, true);
    }
    timer = setTimeout(poll, POLL_MS);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('confirm-yes').addEventListener('click', () => act('end'));
    $('confirm-no').addEventListener('click', () => { $('confirm-end').hidden = true; });
    poll();
  });
})();
