// The actions a member may take on a call (live card and call detail): join (a contact's phone is added, announced),
// end (after a confirmation), "I'm on it", block the caller, false alarm. Shown only to roles that hold the permission
// (perm.js) and only when the API says the action makes sense now (GET …/actions "available"); the API decides anyway.
import { h, clear } from '../dom.js';
import { t, register } from '../i18n.js';
import { api } from '../api.js';
import { confirmDialog } from '../ui.js';

register({
  fr: {
    'act.title': 'Agir sur cet appel', 'act.join': 'Faire rejoindre un proche', 'act.end': 'Raccrocher l’appel',
    'act.handling': 'Je m’en occupe', 'act.block': 'Bloquer ce numéro', 'act.falseAlarm': 'Fausse alerte',
    'act.handledBy': 'Pris en charge par {name}', 'act.joinTitle': 'Qui rejoint l’appel ?',
    'act.joinHelp': 'Le téléphone de ce proche va sonner ; il sera ajouté à l’appel, et son arrivée annoncée.',
    'act.joinConfirm': 'Appeler ce proche', 'act.noJoiner': 'Aucun contact d’urgence n’est autorisé à rejoindre un appel (voir Contacts).',
    'act.endTitle': 'Raccrocher l’appel ?', 'act.endText': 'L’appelant sera coupé. La personne protégée entendra d’abord qu’un proche a raccroché par précaution.',
    'act.endConfirm': 'Raccrocher', 'act.blockTitle': 'Bloquer ce numéro ?',
    'act.blockText': 'Les prochains appels de ce numéro seront traités selon le choix du compte pour les numéros bloqués.',
    'act.falseAlarmTitle': 'Marquer comme fausse alerte ?', 'act.falseAlarmText': 'L’alerte sera comptée comme fausse, avec votre nom et l’heure.',
    'act.done.join': 'Le proche est appelé : son téléphone va sonner.', 'act.done.end': 'L’appel a été raccroché.',
    'act.done.handling': 'C’est noté : vous vous en occupez, les autres proches sont prévenus.',
    'act.done.block': 'Ce numéro est bloqué.', 'act.done.false-alarm': 'Fausse alerte enregistrée.',
    'act.already': 'C’est déjà fait (par vous ou un proche).', 'act.notNow': 'Ce n’est plus possible : l’appel est peut-être terminé.',
    'act.failed': 'L’opérateur téléphonique a refusé. Réessayez.',
    'act.by': '{action} — {by}, {at}',
    'act.name.join': 'A rejoint l’appel', 'act.name.end': 'A raccroché l’appel', 'act.name.handling': 'S’en occupe',
    'act.name.block': 'A bloqué le numéro', 'act.name.false-alarm': 'Fausse alerte',
    'act.trust': 'Faire confiance à ce numéro', 'act.trustTitle': 'Faire confiance à ce numéro ?',
    'act.trustText': 'Il sera ajouté aux appelants de confiance du compte : toujours protégé, mais il faudra des indices plus forts pour le juger frauduleux.',
    'act.done.trust': 'Ce numéro est maintenant un appelant de confiance.', 'act.trustAlready': 'Ce numéro est déjà dans la liste des appelants du compte.',
  },
  en: {
    'act.title': 'Act on this call', 'act.join': 'Have a relative join', 'act.end': 'End the call',
    'act.handling': 'I’m on it', 'act.block': 'Block this number', 'act.falseAlarm': 'False alarm',
    'act.handledBy': 'Handled by {name}', 'act.joinTitle': 'Who joins the call?',
    'act.joinHelp': 'This relative’s phone will ring; they are added to the call and their arrival is announced.',
    'act.joinConfirm': 'Call this relative', 'act.noJoiner': 'No emergency contact may join a call (see Contacts).',
    'act.endTitle': 'End the call?', 'act.endText': 'The caller is cut off. The protected person first hears that a relative ended the call as a precaution.',
    'act.endConfirm': 'End the call', 'act.blockTitle': 'Block this number?',
    'act.blockText': 'Later calls from this number are handled as the account chose for blocked numbers.',
    'act.falseAlarmTitle': 'Mark as a false alarm?', 'act.falseAlarmText': 'The alert is counted as false, with your name and the time.',
    'act.done.join': 'The relative is being called: their phone will ring.', 'act.done.end': 'The call was ended.',
    'act.done.handling': 'Noted: you are on it, the other relatives are told.',
    'act.done.block': 'This number is blocked.', 'act.done.false-alarm': 'False alarm recorded.',
    'act.already': 'Already done (by you or a relative).', 'act.notNow': 'Not possible any more: the call may be over.',
    'act.failed': 'The phone company refused. Try again.',
    'act.by': '{action} — {by}, {at}',
    'act.name.join': 'Joined the call', 'act.name.end': 'Ended the call', 'act.name.handling': 'Is on it',
    'act.name.block': 'Blocked the number', 'act.name.false-alarm': 'False alarm',
    'act.trust': 'Trust this number', 'act.trustTitle': 'Trust this number?',
    'act.trustText': 'It joins the account’s trusted callers: still protected, but a scam verdict needs stronger evidence.',
    'act.done.trust': 'This number is now a trusted caller.', 'act.trustAlready': 'This number is already on the account’s caller lists.',
  },
});

const PERMISSION = { join: 'calls:join', end: 'calls:end', handling: 'calls:handle', block: 'callers:block' };
const FLAGGED = ['scam', 'suspicious'];

/** A dialog with one radio button per contact who may join; resolves the chosen contact id, or null. */
function pickJoiner(contacts) {
  return new Promise((resolve) => {
    const may = contacts.filter((c) => c.mayJoin !== false);
    const radios = may.map((c, i) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: 'joiner', value: c.id, id: 'joiner-' + c.id, checked: i === 0 }), ' ',
      c.name + (c.relationship ? ' (' + c.relationship + ')' : '')));
    const yes = h('button', { type: 'button', id: 'join-confirm', disabled: !may.length }, t('act.joinConfirm'));
    const no = h('button', { type: 'button', class: 'secondary', id: 'join-cancel' }, t('ui.cancel'));
    const d = h('dialog', { class: 'panel dialog', 'aria-labelledby': 'join-title', 'aria-describedby': 'join-help' },
      h('h2', { id: 'join-title' }, t('act.joinTitle')),
      h('p', { id: 'join-help' }, may.length ? t('act.joinHelp') : t('act.noJoiner')),
      may.length ? h('fieldset', { class: 'choices' }, h('legend', { class: 'sr-only' }, t('act.joinTitle')), radios) : null,
      h('div', { class: 'form-actions' }, yes, no));
    let answer = null;
    yes.addEventListener('click', () => {
      const picked = d.querySelector('input[name="joiner"]:checked');
      answer = picked ? picked.value : null;
      d.close();
    });
    no.addEventListener('click', () => d.close());
    d.addEventListener('close', () => { d.remove(); resolve(answer); });
    document.body.append(d);
    d.showModal();
    (may.length ? yes : no).focus();
  });
}

/**
 * The actions box of one call. update(call) redraws it for the call's state ({state, verdict}); returns {el, update}.
 * idPrefix keeps element ids unique when several boxes are on one page (live cards).
 */
export function callActions(ctx, callSid, contacts, idPrefix = 'act') {
  const el = h('div', { class: 'call-actions', 'data-call-sid': callSid });
  let call = null;
  let view = null;
  let busy = false;
  let falseAlarmDone = false;
  let trusted = false;

  // after a false alarm, an admin may list the caller as trusted (a known caller entry, audited by the API)
  const trust = async () => {
    if (busy || !call || !call.caller) return;
    if (!(await confirmDialog(t('act.trustTitle'), t('act.trustText'), t('act.trust'), false))) return;
    busy = true;
    try {
      await api.addKnownCaller(ctx.account, call.caller, '', 'trusted');
      ctx.toast(t('act.done.trust'));
      trusted = true;
    } catch (e) {
      if (e && e.status === 409) trusted = true;
      ctx.toast(e && e.status === 409 ? t('act.trustAlready') : e && e.status === 403 ? t('error.forbidden') : t('error.generic'));
    } finally {
      busy = false;
      draw();
    }
  };

  const run = async (action, body) => {
    if (busy) return;
    busy = true;
    try {
      const r = action === 'false-alarm' ? await api.falseAlarm(ctx.account, callSid)
        : await api.callAction(ctx.account, callSid, action, body);
      if (action === 'false-alarm') falseAlarmDone = true;
      ctx.toast(r && r.result === 'already-done' ? t('act.already') : t('act.done.' + action));
    } catch (e) {
      ctx.toast(e && e.status === 409 ? t('act.notNow') : e && e.status === 502 ? t('act.failed')
        : e && e.status === 403 ? t('error.forbidden') : t('error.generic'));
    } finally {
      busy = false;
      refresh();
    }
  };
  const press = {
    join: async () => { const id = await pickJoiner(contacts); if (id) run('join', { contactId: id }); },
    end: async () => { if (await confirmDialog(t('act.endTitle'), t('act.endText'), t('act.endConfirm'))) run('end'); },
    handling: () => run('handling'),
    block: async () => { if (await confirmDialog(t('act.blockTitle'), t('act.blockText'), t('act.block'))) run('block'); },
    'false-alarm': async () => {
      if (await confirmDialog(t('act.falseAlarmTitle'), t('act.falseAlarmText'), t('act.falseAlarm'), false)) run('false-alarm');
    },
  };
  const label = { join: 'act.join', end: 'act.end', handling: 'act.handling', block: 'act.block', 'false-alarm': 'act.falseAlarm' };

  const draw = () => {
    clear(el);
    if (!view) return;
    const shown = ['join', 'end', 'handling', 'block'].filter((a) => view.available.includes(a) && ctx.can(PERMISSION[a]));
    const flagged = call && FLAGGED.includes(call.verdict);
    if (flagged && ctx.can('settings:write') && !falseAlarmDone && !view.done.some((d) => d.action === 'false-alarm')) shown.push('false-alarm');
    const alarmed = falseAlarmDone || view.done.some((d) => d.action === 'false-alarm');
    const trustable = alarmed && !trusted && call && call.caller && !String(call.caller).includes('*') && ctx.can('contacts:write');
    if (view.handledBy) el.append(h('p', { class: 'handled-by', id: idPrefix + '-handled-by' }, t('act.handledBy', { name: view.handledBy })));
    if (shown.length) {
      el.append(h('div', { class: 'form-actions', role: 'group', 'aria-label': t('act.title') }, shown.map((a) =>
        h('button', { type: 'button', id: idPrefix + '-' + a, 'data-action': a,
          class: a === 'end' ? 'danger' : a === 'join' || a === 'handling' ? '' : 'secondary', onclick: press[a] }, t(label[a])))));
    }
    if (trustable) {
      el.append(h('div', { class: 'form-actions' },
        h('button', { type: 'button', class: 'secondary', id: idPrefix + '-trust', 'data-action': 'trust', onclick: trust }, t('act.trust'))));
    }
  };
  const refresh = async () => {
    // a node without family links (503) still offers the false alarm
    try { view = await api.callActions(ctx.account, callSid); } catch (e) { view = { available: [], done: [], handledBy: '' }; }
    draw();
  };
  const update = (c) => { call = c; refresh(); };
  return { el, update };
}
