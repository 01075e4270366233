// The signed-in user's own security: password, open sessions, two-step verification (on with a QR code, off, new
// recovery codes). Sensitive actions ask for the password again (step-up) through a dialog.
import { h, clear, dataTable } from '../dom.js';
import { t, register, formatDate } from '../i18n.js';
import { api, useTokens } from '../api.js';
import { errorsFor } from '../forms.js';
import { withStepUp, confirmDialog } from '../ui.js';
import { heading } from './common.js';

register({
  fr: {
    'profile.title': 'Mon profil', 'profile.password': 'Changer de mot de passe', 'profile.current': 'Mot de passe actuel',
    'profile.new': 'Nouveau mot de passe (8 caractères au moins ; une phrase est idéale)', 'profile.changePw': 'Changer le mot de passe',
    'profile.pwChanged': 'Mot de passe changé. Vos autres sessions sont fermées.',
    'sessions.title': 'Sessions ouvertes', 'sessions.started': 'Ouverte le', 'sessions.lastUsed': 'Dernière activité', 'sessions.device': 'Appareil',
    'sessions.current': 'cette session', 'sessions.end': 'Fermer', 'sessions.endOf': 'la session ouverte le {when}', 'sessions.ended': 'Session fermée.',
    'twofa.title': 'Vérification en deux étapes', 'twofa.begin': 'Activer la vérification en deux étapes',
    'twofa.scan': 'Scannez ce code avec votre application d’authentification (par ex. Google Authenticator, FreeOTP) :',
    'twofa.qrAlt': 'Code QR à scanner avec votre application d’authentification', 'twofa.link': 'Sur ce téléphone : ouvrir dans l’application d’authentification',
    'twofa.key': 'Ou saisissez cette clé à la main :', 'twofa.confirm': 'Puis saisissez le code à 6 chiffres affiché',
    'twofa.off': 'Désactiver la vérification en deux étapes', 'twofa.offConfirm': 'Votre compte ne sera plus protégé que par le mot de passe.',
    'twofa.offDone': 'Vérification en deux étapes désactivée.', 'twofa.codes': 'Nouveaux codes de secours',
    'twofa.codesConfirm': 'Les anciens codes de secours ne marcheront plus.', 'twofa.codesLeft': 'Codes de secours restants : {n}',
    'twofa.keep': 'Gardez ces codes de secours en lieu sûr (chacun ne sert qu’une fois) :',
  },
  en: {
    'profile.title': 'My profile', 'profile.password': 'Change password', 'profile.current': 'Current password',
    'profile.new': 'New password (at least 8 characters; a sentence is ideal)', 'profile.changePw': 'Change the password',
    'profile.pwChanged': 'Password changed. Your other sessions are closed.',
    'sessions.title': 'Open sessions', 'sessions.started': 'Opened', 'sessions.lastUsed': 'Last active', 'sessions.device': 'Device',
    'sessions.current': 'this session', 'sessions.end': 'Close', 'sessions.endOf': 'the session opened {when}', 'sessions.ended': 'Session closed.',
    'twofa.title': 'Two-step verification', 'twofa.begin': 'Turn on two-step verification',
    'twofa.scan': 'Scan this code with your authenticator app (e.g. Google Authenticator, FreeOTP):',
    'twofa.qrAlt': 'QR code to scan with your authenticator app', 'twofa.link': 'On this phone: open in the authenticator app',
    'twofa.key': 'Or type this key by hand:', 'twofa.confirm': 'Then type the 6-digit code it shows',
    'twofa.off': 'Turn off two-step verification', 'twofa.offConfirm': 'Your account will be protected by the password only.',
    'twofa.offDone': 'Two-step verification is off.', 'twofa.codes': 'New recovery codes',
    'twofa.codesConfirm': 'The old recovery codes will stop working.', 'twofa.codesLeft': 'Recovery codes left: {n}',
    'twofa.keep': 'Keep these recovery codes somewhere safe (each works once):',
  },
});

export async function renderProfile(main, ctx) {
  let me;
  try { me = await api.me(); } catch (e) { ctx.fail(e); return null; }
  const sessionsBox = h('section', { class: 'panel', id: 'sessions', 'aria-labelledby': 'sessions-title' });
  const twofa = h('section', { class: 'panel', id: 'security', 'aria-labelledby': 'security-title' });
  const password = passwordForm(ctx);
  clear(main).append(heading(t('profile.title')), h('p', {}, me.displayName + ' — ' + me.email),
    password.form, sessionsBox, twofa);
  await drawSessions(ctx, sessionsBox);
  // starting an enrolment clears the page's earlier errors: only what concerns the enrolment stays on screen
  drawTwoFactor(ctx, twofa, me, () => password.errors.clear());
  return null;
}

function passwordForm(ctx) {
  const current = h('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { id: 'pw-new', type: 'password', autocomplete: 'new-password', minlength: 8 });
  const form = h('form', { class: 'panel', id: 'password-form', novalidate: true, 'aria-labelledby': 'password-title' },
    h('h2', { id: 'password-title' }, t('profile.password')),
    h('label', { for: 'pw-current' }, t('profile.current')), current, h('label', { for: 'pw-new' }, t('profile.new')), next);
  const errors = errorsFor(form, { currentPassword: current, newPassword: next });
  form.append(errors.summary, h('div', { class: 'form-actions' }, h('button', { type: 'submit', id: 'change-password' }, t('profile.changePw'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    if (!current.value) { errors.field('currentPassword', 'required'); return; }
    if (next.value.length < 8) { errors.field('newPassword', 'too_short'); return; }
    try {
      useTokens(await withStepUp(() => api.changePassword(current.value, next.value)));
      current.value = ''; next.value = '';
      ctx.toast(t('profile.pwChanged'));
    } catch (e) {
      if (e.cancelled) return;
      if (e.status === 401) errors.field('currentPassword', 'wrong_password');
      else errors.api(e, 'newPassword');
    }
  });
  return { form, errors };
}

async function drawSessions(ctx, box) {
  let list;
  try { list = (await api.sessions()).items; } catch (e) { ctx.fail(e); return; }
  clear(box).append(h('h2', { id: 'sessions-title' }, t('sessions.title')),
    dataTable('sessions-table', [t('sessions.started'), t('sessions.lastUsed'), t('sessions.device'), { sr: t('sr.actions') }],
      list.map((s) => ({
        attrs: { 'data-session-id': s.id },
        cells: [formatDate(s.createdAt), formatDate(s.lastUsedAt), (s.userAgent || '—').slice(0, 60) + (s.ip ? ' (' + s.ip + ')' : ''),
          s.current ? h('span', { class: 'muted' }, t('sessions.current'))
            : h('button', { type: 'button', class: 'secondary end-session', onclick: async () => {
              try { await api.endSession(s.id); ctx.toast(t('sessions.ended')); await drawSessions(ctx, box); } catch (e) { ctx.fail(e); }
            } }, t('sessions.end'), h('span', { class: 'sr-only' }, ' ' + t('sessions.endOf', { when: formatDate(s.createdAt) })))],
      }))));
}

function drawTwoFactor(ctx, box, me, clearOthers = () => {}) {
  const error = h('p', { class: 'error', role: 'alert', id: 'twofa-error' });
  clear(box).append(h('h2', { id: 'security-title' }, t('twofa.title')),
    h('p', {}, me.twoFactorEnabled ? t('settings.2fa.on') : t('settings.2fa.off')));
  if (me.twoFactorEnabled) {
    box.append(h('p', {}, t('twofa.codesLeft', { n: me.recoveryCodesLeft })), error, h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'secondary', id: 'new-recovery-codes', onclick: async () => {
        error.textContent = '';
        if (!(await confirmDialog(t('twofa.codes'), t('twofa.codesConfirm'), t('twofa.codes'), false))) return;
        try { showCodes(box, (await withStepUp(() => api.newRecoveryCodes())).recoveryCodes); } catch (e) { if (!e.cancelled) error.textContent = t('error.generic'); }
      } }, t('twofa.codes')),
      h('button', { type: 'button', class: 'danger', id: 'disable-2fa', onclick: async () => {
        error.textContent = '';
        if (!(await confirmDialog(t('twofa.off'), t('twofa.offConfirm'), t('twofa.off')))) return;
        try {
          useTokens(await withStepUp(() => api.disableTotp()));
          ctx.toast(t('twofa.offDone'));
          drawTwoFactor(ctx, box, { ...me, twoFactorEnabled: false });
        } catch (e) { if (!e.cancelled) error.textContent = t('error.generic'); }
      } }, t('twofa.off'))));
    return;
  }
  box.append(error, h('div', { class: 'form-actions' }, h('button', { type: 'button', id: 'begin-2fa', onclick: async () => {
    error.textContent = '';
    clearOthers();
    let enrolment;
    try { enrolment = await withStepUp(() => api.beginTotp()); } catch (e) { if (!e.cancelled) error.textContent = t('error.generic'); return; }
    enrol(ctx, box, me, enrolment);
  } }, t('twofa.begin'))));
}

function enrol(ctx, box, me, enrolment) {
  const error = h('p', { class: 'error', role: 'alert', id: 'twofa-error' });   // a fresh one: earlier errors are gone
  const code = h('input', { id: 'totp-code', inputmode: 'numeric', maxlength: 6, autocomplete: 'one-time-code' });
  const confirm = h('button', { type: 'button', id: 'confirm-2fa' }, t('login.code.submit'));
  const qr = enrolment.qrSvg
    ? h('img', { class: 'qr', id: 'totp-qr', alt: t('twofa.qrAlt'), width: 220, height: 220,
      src: 'data:image/svg+xml;base64,' + btoa(enrolment.qrSvg) }) : null;
  clear(box).append(h('h2', { id: 'security-title' }, t('twofa.title')),
    h('p', {}, t('twofa.scan')), qr,
    h('p', {}, h('a', { href: enrolment.otpauthUri, id: 'totp-link' }, t('twofa.link'))),
    h('p', {}, t('twofa.key')), h('p', {}, h('code', { class: 'secret', id: 'totp-secret' }, enrolment.secret)),
    h('label', { for: 'totp-code' }, t('twofa.confirm')), code, error, h('div', { class: 'form-actions' }, confirm));
  code.focus();
  confirm.addEventListener('click', async () => {
    error.textContent = '';
    code.removeAttribute('aria-invalid');
    try {
      const r = await api.confirmTotp(code.value.trim());
      useTokens(r.tokens);
      showCodes(box, r.recoveryCodes);
    } catch (e) {
      error.textContent = t('login.code.failed');
      code.setAttribute('aria-invalid', 'true');
      code.setAttribute('aria-describedby', 'twofa-error');
    }
  });
}

function showCodes(box, codes) {
  clear(box).append(h('h2', { id: 'security-title', tabindex: '-1' }, t('twofa.title')), h('p', {}, t('twofa.keep')),
    h('ul', { id: 'recovery-codes' }, codes.map((c) => h('li', {}, h('code', { class: 'secret' }, c)))));
  box.querySelector('h2').focus();
}
