// Dialogs shared by the views: a confirmation, and the step-up (password again, plus the 2FA code when it is on)
// that sensitive API actions ask for. Native <dialog>: focus is trapped and Escape closes it.
import { h } from './dom.js';
import { t, register } from './i18n.js';
import { api, useSteppedUpToken, downloadFile } from './api.js';

register({
  fr: {
    'ui.confirm': 'Confirmer', 'ui.cancel': 'Annuler', 'stepup.title': 'Confirmez votre identité',
    'stepup.help': 'Cette action est sensible : saisissez à nouveau votre mot de passe.', 'stepup.code': 'Code de votre application (si la vérification en deux étapes est activée)',
    'stepup.submit': 'Continuer', 'stepup.failed': 'Mot de passe ou code incorrect.',
  },
  en: {
    'ui.confirm': 'Confirm', 'ui.cancel': 'Cancel', 'stepup.title': 'Confirm it is you',
    'stepup.help': 'This action is sensitive: type your password again.', 'stepup.code': 'Code from your app (if two-step verification is on)',
    'stepup.submit': 'Continue', 'stepup.failed': 'Wrong password or code.',
  },
});

function open(dialog) {
  document.body.append(dialog);
  dialog.showModal();
  dialog.addEventListener('close', () => dialog.remove());
}

/** Resolves true when the user confirms. danger: the confirm button is red. */
export function confirmDialog(title, text, confirmLabel, danger = true) {
  return new Promise((resolve) => {
    const yes = h('button', { type: 'button', class: danger ? 'danger' : '', id: 'dialog-confirm' }, confirmLabel || t('ui.confirm'));
    const no = h('button', { type: 'button', class: 'secondary', id: 'dialog-cancel' }, t('ui.cancel'));
    const d = h('dialog', { class: 'panel dialog', 'aria-labelledby': 'dialog-title', 'aria-describedby': 'dialog-text' },
      h('h2', { id: 'dialog-title' }, title), h('p', { id: 'dialog-text' }, text), h('div', { class: 'form-actions' }, yes, no));
    let answer = false;
    yes.addEventListener('click', () => { answer = true; d.close(); });
    no.addEventListener('click', () => d.close());
    d.addEventListener('close', () => resolve(answer));
    open(d);
    no.focus();
  });
}

/** Asks for the password (and code); resolves true once the API accepted it. */
export function stepUpDialog() {
  return new Promise((resolve) => {
    const error = h('p', { class: 'error', role: 'alert' });
    const pw = h('input', { id: 'stepup-dialog-password', type: 'password', autocomplete: 'current-password' });
    const code = h('input', { id: 'stepup-dialog-code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6 });
    const form = h('form', { method: 'dialog', novalidate: true },
      h('h2', { id: 'stepup-title' }, t('stepup.title')), h('p', {}, t('stepup.help')),
      h('label', { for: 'stepup-dialog-password' }, t('login.password')), pw,
      h('label', { for: 'stepup-dialog-code' }, t('stepup.code')), code, error,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', id: 'stepup-dialog-submit' }, t('stepup.submit')),
        h('button', { type: 'button', class: 'secondary', onclick: () => d.close() }, t('ui.cancel'))));
    const d = h('dialog', { class: 'panel dialog', 'aria-labelledby': 'stepup-title' }, form);
    let ok = false;
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      error.textContent = '';
      try {
        useSteppedUpToken(await api.stepUp(pw.value, code.value.trim()));
        ok = true;
        d.close();
      } catch (e) {
        error.textContent = t('stepup.failed');
        pw.setAttribute('aria-invalid', 'true');
        pw.focus();
      }
    });
    d.addEventListener('close', () => resolve(ok));
    open(d);
    pw.focus();
  });
}

/** Runs an API action; when it needs a recent re-authentication, asks for it once and tries again. */
export async function withStepUp(action) {
  try {
    return await action();
  } catch (e) {
    const type = (e && e.problem && e.problem.type) || '';
    if (e && e.status === 401 && type.endsWith('step-up-required')) {
      if (!(await stepUpDialog())) throw Object.assign(new Error('cancelled'), { cancelled: true });
      return action();
    }
    throw e;
  }
}

/** Downloads an authenticated file (CSV, PDF, JSON) through the API, after a step-up if needed. */
export async function download(path, filename) {
  const blob = await withStepUp(() => downloadFile(path));
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
}
