// The protected account itself: its state (suspend, resume, cancel, erase — each confirmed, the last two by an owner
// after a step-up) and the account's own Twilio credentials (write-only: only "set, ends with 7788" is ever shown).
import { h, clear } from '../dom.js';
import { t, register, formatDate } from '../i18n.js';
import { api } from '../api.js';
import { errorsFor } from '../forms.js';
import { withStepUp, confirmDialog } from '../ui.js';
import { heading } from './common.js';

register({
  fr: {
    'acct.title': 'Compte protégé', 'acct.name': 'Nom', 'acct.number': 'Numéro Ethiq', 'acct.status': 'État', 'acct.created': 'Créé le',
    'acct.status.active': 'protection active', 'acct.status.provisioning': 'numéro en cours de mise en service',
    'acct.status.suspended': 'protection suspendue', 'acct.status.cancelled': 'résilié',
    'acct.actions': 'Protection', 'acct.suspend': 'Suspendre la protection', 'acct.suspendText': 'Les appels sonneront toujours, mais sans écoute ni alerte, jusqu’à la reprise.',
    'acct.resume': 'Reprendre la protection', 'acct.cancel': 'Résilier le compte',
    'acct.cancelText': 'La protection s’arrête et le numéro Ethiq est rendu. Cette action ne peut pas être annulée.',
    'acct.erase': 'Effacer les données personnelles', 'acct.eraseText': 'Contacts, transcriptions, appels et membres seront effacés pour de bon. Seul le journal (sans données personnelles) est gardé.',
    'acct.done': 'C’est fait.', 'acct.erased': 'Données effacées : {n} éléments.',
    'cred.title': 'Identifiants Twilio du compte', 'cred.help': 'Les identifiants ne sont jamais réaffichés : seulement s’ils sont enregistrés et leurs 4 derniers caractères.',
    'cred.set': 'Enregistrés (se terminent par {last}), le {when}', 'cred.unset': 'Non enregistrés : le compte utilise ceux de la plateforme.',
    'cred.sid': 'Account SID (AC suivi de 32 caractères)', 'cred.token': 'Auth token', 'cred.save': 'Enregistrer les identifiants',
    'cred.remove': 'Retirer les identifiants', 'cred.saved': 'Identifiants enregistrés.', 'cred.removed': 'Identifiants retirés.',
    'acct.readOnly': 'Votre rôle permet de voir ce compte, pas de le modifier.',
  },
  en: {
    'acct.title': 'Protected account', 'acct.name': 'Name', 'acct.number': 'Ethiq number', 'acct.status': 'State', 'acct.created': 'Created',
    'acct.status.active': 'protection on', 'acct.status.provisioning': 'number being set up',
    'acct.status.suspended': 'protection suspended', 'acct.status.cancelled': 'cancelled',
    'acct.actions': 'Protection', 'acct.suspend': 'Suspend protection', 'acct.suspendText': 'Calls still ring, but with no listening and no alert, until you resume.',
    'acct.resume': 'Resume protection', 'acct.cancel': 'Cancel the account',
    'acct.cancelText': 'Protection stops and the Ethiq number is released. This cannot be undone.',
    'acct.erase': 'Erase personal data', 'acct.eraseText': 'Contacts, transcripts, calls and members are erased for good. Only the audit log (no personal data) is kept.',
    'acct.done': 'Done.', 'acct.erased': 'Data erased: {n} items.',
    'cred.title': 'The account’s Twilio credentials', 'cred.help': 'Credentials are never shown again: only whether they are set and their last 4 characters.',
    'cred.set': 'Set (ending in {last}), on {when}', 'cred.unset': 'Not set: the account uses the platform’s.',
    'cred.sid': 'Account SID (AC then 32 characters)', 'cred.token': 'Auth token', 'cred.save': 'Save the credentials',
    'cred.remove': 'Remove the credentials', 'cred.saved': 'Credentials saved.', 'cred.removed': 'Credentials removed.',
    'acct.readOnly': 'Your role lets you see this account, not change it.',
  },
});

export async function renderAccount(main, ctx) {
  let a;
  let creds;
  try { [a, creds] = await Promise.all([api.account(ctx.account), api.credentials(ctx.account)]); } catch (e) { ctx.fail(e); return null; }
  const act = (label, cls, id, title, text, run) => h('button', { type: 'button', class: cls, id, onclick: async () => {
    if (!(await confirmDialog(title, text, label, cls === 'danger'))) return;
    try {
      const r = await withStepUp(run);
      ctx.toast(r && r.erased ? t('acct.erased', { n: Object.values(r.erased).reduce((x, y) => x + y, 0) }) : t('acct.done'));
      await ctx.reloadAccounts();
      if (r && r.erased) { location.hash = '#/appels'; return; }
      await renderAccount(main, ctx);
    } catch (e) { ctx.fail(e); }
  } }, label);
  const buttons = [];
  if (ctx.can('account:suspend') && a.status === 'active') buttons.push(act(t('acct.suspend'), 'secondary', 'suspend-account', t('acct.suspend'), t('acct.suspendText'), () => api.suspend(ctx.account)));
  if (ctx.can('account:suspend') && a.status === 'suspended') buttons.push(act(t('acct.resume'), '', 'resume-account', t('acct.resume'), '', () => api.resume(ctx.account)));
  if (ctx.can('account:cancel') && a.status !== 'cancelled') buttons.push(act(t('acct.cancel'), 'danger', 'cancel-account', t('acct.cancel'), t('acct.cancelText'), () => api.cancel(ctx.account)));
  if (ctx.can('account:erase')) buttons.push(act(t('acct.erase'), 'danger', 'erase-account', t('acct.erase'), t('acct.eraseText'), () => api.erase(ctx.account)));
  clear(main).append(heading(t('acct.title')),
    h('section', { class: 'panel', id: 'account-facts', 'aria-label': t('acct.title') }, h('dl', { class: 'facts grid' },
      h('div', {}, h('dt', {}, t('acct.name')), h('dd', {}, a.displayName)),
      h('div', {}, h('dt', {}, t('acct.number')), h('dd', {}, a.phoneNumber || '—')),
      h('div', {}, h('dt', {}, t('acct.status')), h('dd', { id: 'account-state' }, t('acct.status.' + a.status))),
      h('div', {}, h('dt', {}, t('acct.created')), h('dd', {}, formatDate(a.createdAt))))),
    buttons.length ? h('section', { class: 'panel', id: 'account-actions', 'aria-labelledby': 'acct-actions-title' },
      h('h2', { id: 'acct-actions-title' }, t('acct.actions')), h('div', { class: 'form-actions' }, buttons))
      : h('p', { class: 'panel', id: 'read-only-note' }, t('acct.readOnly')),
    credentialsPanel(ctx, creds.telephony, main));
  return null;
}

function credentialsPanel(ctx, tel, main) {
  const box = h('section', { class: 'panel', id: 'credentials', 'aria-labelledby': 'cred-title' },
    h('h2', { id: 'cred-title' }, t('cred.title')), h('p', { class: 'hint' }, t('cred.help')),
    h('p', { id: 'telephony-status' }, tel.set ? t('cred.set', { last: tel.lastFour, when: formatDate(tel.updatedAt) }) : t('cred.unset')));
  if (!ctx.can('credentials:write')) return box;
  const sid = h('input', { id: 'cred-sid', autocomplete: 'off', spellcheck: 'false' });
  const token = h('input', { id: 'cred-token', type: 'password', autocomplete: 'off' });
  const form = h('form', { id: 'credentials-form', novalidate: true },
    h('label', { for: 'cred-sid' }, t('cred.sid')), sid, h('label', { for: 'cred-token' }, t('cred.token')), token);
  const errors = errorsFor(form, { accountSid: sid, authToken: token });
  form.append(errors.summary, h('div', { class: 'form-actions' }, h('button', { type: 'submit', id: 'save-credentials' }, t('cred.save')),
    tel.set ? h('button', { type: 'button', class: 'danger', id: 'remove-credentials', onclick: async () => {
      if (!(await confirmDialog(t('cred.remove'), t('cred.unset'), t('cred.remove')))) return;
      try { await withStepUp(() => api.removeCredential(ctx.account, 'telephony')); ctx.toast(t('cred.removed')); await renderAccount(main, ctx); } catch (e) { ctx.fail(e); }
    } }, t('cred.remove')) : null));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    if (!sid.value.trim()) { errors.field('accountSid', 'required'); return; }
    if (!token.value) { errors.field('authToken', 'required'); return; }
    try {
      await withStepUp(() => api.setTelephony(ctx.account, sid.value.trim(), token.value));
      ctx.toast(t('cred.saved'));
      await renderAccount(main, ctx);
    } catch (e) { if (!e.cancelled) errors.api(e, 'accountSid'); }
  });
  box.append(form);
  return box;
}
