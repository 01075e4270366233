import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { api, useSteppedUpToken, useTokens } from '../api.js';
import { heading } from './common.js';

export async function renderSettings(main, ctx) {
  let s;
  try { s = await api.settings(ctx.account); } catch (e) { ctx.fail(e); return; }
  clear(main);
  const error = h('p', { class: 'error', role: 'alert' });
  const lang = h('select', { id: 'set-language' }, h('option', { value: 'fr' }, 'Français'), h('option', { value: 'en' }, 'English'));
  lang.value = s.language;
  const sus = h('input', { id: 'set-suspicious', type: 'number', min: 0, max: 1, step: 0.05, value: s.suspiciousThreshold });
  const scam = h('input', { id: 'set-scam', type: 'number', min: 0, max: 1, step: 0.05, value: s.scamThreshold });
  const sms = h('input', { id: 'set-sms', type: 'checkbox', checked: s.smsToContacts });
  const announce = h('input', { id: 'set-announce', type: 'checkbox', checked: s.announceInCall });
  const retention = h('input', { id: 'set-retention', type: 'number', min: 1, max: 3650, value: s.retentionDays });
  const ai = h('input', { id: 'set-ai', type: 'checkbox', checked: s.aiAnalysisEnabled });
  const form = h('form', { class: 'panel', id: 'settings-form', novalidate: true },
    h('label', { for: 'set-language' }, t('settings.language')), lang,
    h('label', { for: 'set-suspicious' }, t('settings.suspicious')), sus,
    h('label', { for: 'set-scam' }, t('settings.scam')), scam,
    h('label', { class: 'checkbox', for: 'set-sms' }, sms, t('settings.sms')),
    h('label', { class: 'checkbox', for: 'set-announce' }, announce, t('settings.announce')),
    h('label', { for: 'set-retention' }, t('settings.retention')), retention,
    h('label', { class: 'checkbox', for: 'set-ai' }, ai, t('settings.ai')),
    error,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit' }, t('settings.save'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      await api.updateSettings(ctx.account, {
        language: lang.value, suspiciousThreshold: Number(sus.value), scamThreshold: Number(scam.value),
        smsToContacts: sms.checked, announceInCall: announce.checked, retentionDays: Number(retention.value),
        aiAnalysisEnabled: ai.checked,
      });
      ctx.toast(t('settings.saved'));
    } catch (e) {
      error.textContent = e.status === 400 || e.status === 422 ? e.message : t('error.generic');
    }
  });
  main.append(heading(t('settings.title')), form, await securityPanel(ctx));
}

async function securityPanel(ctx) {
  const box = h('section', { class: 'panel', 'aria-labelledby': 'security-title', id: 'security' });
  let me;
  try { me = await api.me(); } catch (e) { ctx.fail(e); return box; }
  box.append(h('h2', { id: 'security-title' }, t('settings.security')),
    h('p', {}, me.twoFactorEnabled ? t('settings.2fa.on') : t('settings.2fa.off')));
  if (me.twoFactorEnabled) return box;
  const error = h('p', { class: 'error', role: 'alert' });
  const password = h('input', { id: 'stepup-password', type: 'password', autocomplete: 'current-password' });
  const start = h('button', { type: 'button', id: 'begin-2fa' }, t('settings.2fa.begin'));
  box.append(h('label', { for: 'stepup-password' }, t('login.password')), password, error, h('div', { class: 'form-actions' }, start));
  start.addEventListener('click', async () => {
    error.textContent = '';
    try {
      useSteppedUpToken(await api.stepUp(password.value));
      password.value = '';
      const enrolment = await api.beginTotp();
      const code = h('input', { id: 'totp-code', inputmode: 'numeric', maxlength: 6, autocomplete: 'one-time-code' });
      const confirm = h('button', { type: 'button', id: 'confirm-2fa' }, t('login.code.submit'));
      clear(box);
      box.append(h('h2', { id: 'security-title' }, t('settings.security')),
        h('p', {}, t('settings.2fa.secret')), h('p', {}, h('code', { class: 'secret' }, enrolment.secret)),
        h('label', { for: 'totp-code' }, t('settings.2fa.confirm')), code, error, h('div', { class: 'form-actions' }, confirm));
      code.focus();
      confirm.addEventListener('click', async () => {
        try {
          const r = await api.confirmTotp(code.value.trim());
          useTokens(r.tokens);
          clear(box);
          box.append(h('h2', { id: 'security-title' }, t('settings.security')), h('p', {}, t('settings.2fa.done')),
            h('ul', {}, r.recoveryCodes.map((c) => h('li', {}, h('code', { class: 'secret' }, c)))));
        } catch (e) { error.textContent = t('login.code.failed'); }
      });
    } catch (e) {
      error.textContent = e.status === 401 ? t('login.failed') : t('error.generic');
    }
  });
  return box;
}
