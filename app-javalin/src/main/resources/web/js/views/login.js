import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { login, secondFactor } from '../api.js';

export function renderLogin(main, onSignedIn) {
  clear(main);
  const error = h('p', { class: 'error', role: 'alert', id: 'login-error' });
  const email = h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', id: 'login-submit' }, t('login.submit'));
  const form = h('form', { class: 'panel', id: 'login-form', novalidate: true },
    h('h1', {}, t('login.title')),
    h('label', { for: 'email' }, t('login.email')), email,
    h('label', { for: 'password' }, t('login.password')), password,
    error,
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      const r = await login(email.value.trim(), password.value);
      password.value = '';
      if (r.challenge) renderSecondFactor(main, r.challenge, onSignedIn);
      else onSignedIn();
    } catch (e) {
      error.textContent = e.status === 429 ? t('login.throttled') : t('login.failed');
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  main.append(form);
  email.focus();
}

function renderSecondFactor(main, challenge, onSignedIn) {
  clear(main);
  const error = h('p', { class: 'error', role: 'alert' });
  const code = h('input', { id: 'code', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: 6 });
  const recovery = h('input', { id: 'recovery', name: 'recovery', autocomplete: 'off' });
  const submit = h('button', { type: 'submit', id: 'code-submit' }, t('login.code.submit'));
  const form = h('form', { class: 'panel', id: 'code-form', novalidate: true },
    h('h1', {}, t('login.code.title')),
    h('p', { class: 'hint', id: 'code-help' }, t('login.code.help')),
    h('label', { for: 'code' }, t('login.code')), code,
    h('label', { for: 'recovery' }, t('login.recovery')), recovery,
    error,
    h('div', { class: 'form-actions' }, submit));
  code.setAttribute('aria-describedby', 'code-help');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    try {
      await secondFactor(challenge, code.value.trim(), recovery.value.trim());
      onSignedIn();
    } catch (e) {
      error.textContent = e.status === 429 ? t('login.throttled') : t('login.code.failed');
      code.value = '';
      code.focus();
    } finally {
      submit.disabled = false;
    }
  });
  main.append(form);
  code.focus();
}
