// Dashboard bootstrap: session, account choice, hash router, live updates, toasts. No framework, no build step.
import { h, clear } from './dom.js';
import { t, applyStatic, setLanguage, language } from './i18n.js';
import { api, signedIn, logout, onSessionChange } from './api.js';
import { startLive, stopLive, onLiveEvent, onLiveStatus } from './live.js';
import { renderLogin } from './views/login.js';
import { renderCalls, trackLive } from './views/calls.js';
import { renderCall } from './views/call.js';
import { renderAlerts } from './views/alerts.js';
import { renderContacts } from './views/contacts.js';
import { renderSettings } from './views/settings.js';
import { renderUsage } from './views/usage.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const logoutButton = document.getElementById('logout');
const picker = document.getElementById('account-picker');
const accountSelect = document.getElementById('account');
const toastBox = document.getElementById('toast');
const liveStatus = document.getElementById('live-status');
const accountStatus = document.getElementById('account-status');
let cleanup = null;
let toastTimer = null;

const ctx = {
  account: null,
  accounts: [],
  toast(message) {
    toastBox.textContent = message;
    toastBox.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toastBox.hidden = true; }, 6000);
  },
  fail(e) {
    if (e && e.status === 401) { route(); return; }
    ctx.toast(e && e.status === 403 ? t('error.forbidden') : t('error.generic'));
  },
};

const routes = [
  [/^#\/appels\/([^/]+)$/, (m) => renderCall(main, ctx, decodeURIComponent(m[1])), '#/appels'],
  [/^#\/appels$/, () => renderCalls(main, ctx), '#/appels'],
  [/^#\/alertes$/, () => renderAlerts(main, ctx), '#/alertes'],
  [/^#\/contacts$/, () => renderContacts(main, ctx), '#/contacts'],
  [/^#\/reglages$/, () => renderSettings(main, ctx), '#/reglages'],
  [/^#\/consommation$/, () => renderUsage(main, ctx), '#/consommation'],
];

async function route() {
  if (cleanup) { try { cleanup(); } catch (e) { /* ignore */ } cleanup = null; }
  if (!signedIn()) {
    showChrome(false);
    renderLogin(main, afterLogin);
    return;
  }
  showAccountStatus();
  const hash = location.hash || '#/appels';
  for (const [re, render, navHref] of routes) {
    const m = hash.match(re);
    if (m) {
      for (const a of nav.querySelectorAll('a')) {
        if (a.getAttribute('href') === navHref) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
      clear(main).append(h('p', { class: 'muted' }, t('loading')));
      cleanup = (await render(m)) || null;
      const title = document.getElementById('page-title');
      if (title && document.activeElement === document.body) title.focus();
      return;
    }
  }
  location.hash = '#/appels';
}

async function afterLogin() {
  try {
    const list = await api.accounts();
    ctx.accounts = list.items;
  } catch (e) {
    ctx.fail(e);
    return;
  }
  if (!ctx.accounts.length) {
    clear(main).append(h('p', { class: 'panel' }, t('error.noAccount')));
    showChrome(true);
    return;
  }
  ctx.account = ctx.accounts[0].id;
  clear(accountSelect);
  for (const a of ctx.accounts) accountSelect.append(h('option', { value: a.id }, a.displayName));
  picker.hidden = ctx.accounts.length < 2;
  showChrome(true);
  startLive();
  if (!location.hash || location.hash === '#/' || location.hash === '#/connexion') location.hash = '#/appels';
  else route();
}

function showChrome(on) {
  nav.hidden = !on;
  logoutButton.hidden = !on;
  if (!on) { picker.hidden = true; liveOn = null; showLiveStatus(); accountStatus.hidden = true; }
}

// An account that is not active says so (a new account is "provisioning" until its number is live at Twilio).
async function showAccountStatus() {
  let current = ctx.accounts.find((a) => a.id === ctx.account);
  if (current && current.status !== 'active') {
    // its number goes live on its own: look again rather than show a stale state
    try { ctx.accounts = (await api.accounts()).items; } catch (e) { /* keep what we have */ }
    current = ctx.accounts.find((a) => a.id === ctx.account) || current;
  }
  const text = current && current.status !== 'active' ? t('account.status.' + current.status) : '';
  accountStatus.textContent = text;
  accountStatus.hidden = !text;
}

onLiveEvent((name, e) => {
  trackLive(name, e);
  if (name === 'alert' && e.status === 'pending' && e.kind === 'sms') ctx.toast(t('toast.alert'));
});
let liveOn = null;
function showLiveStatus() {
  if (liveOn === null || !signedIn()) { liveStatus.textContent = ''; return; }
  liveStatus.textContent = liveOn ? t('live.on') : t('live.off');
  liveStatus.dataset.live = liveOn ? 'on' : 'off';
}
onLiveStatus((on) => { liveOn = on; showLiveStatus(); });
onSessionChange((on) => { if (!on) { stopLive(); route(); } });

accountSelect.addEventListener('change', () => { ctx.account = accountSelect.value; route(); });
logoutButton.addEventListener('click', async () => { await logout(); location.hash = '#/appels'; });
document.getElementById('lang').addEventListener('click', () => {
  setLanguage(language() === 'fr' ? 'en' : 'fr');
  showLiveStatus();
  route();
});
window.addEventListener('hashchange', route);
// The skip link must not change the hash (the router owns it): it moves the keyboard focus to the content instead.
document.querySelector('.skip').addEventListener('click', (ev) => { ev.preventDefault(); main.focus(); });

applyStatic();
route();
