// Dashboard bootstrap: session, account choice, hash router, live updates, alert banner, messages. No framework, no
// build step. Each page is a module under views/ that draws into <main> and returns its clean-up.
import { h, clear } from './dom.js';
import { t, applyStatic, setLanguage, language } from './i18n.js';
import { api, signedIn, logout, onSessionChange } from './api.js';
import { startLive, stopLive, onLiveEvent, onLiveStatus } from './live.js';
import { seedLiveCalls, trackLiveEvent, forgetLiveCalls, liveCalls } from './livecalls.js';
import { raiseBanner, bannerAccount, redrawBanners } from './banner.js';
import { role, can } from './perm.js';
import { renderLogin } from './views/login.js';
import { renderCalls } from './views/calls.js';
import { renderCall } from './views/call.js';
import { renderAlerts } from './views/alerts.js';
import { renderContacts } from './views/contacts.js';
import { renderCallers } from './views/callers.js';
import { renderSettings } from './views/settings.js';
import { renderUsage } from './views/usage.js';
import { renderMembers } from './views/members.js';
import { renderAccount } from './views/account.js';
import { renderAudit } from './views/audit.js';
import { renderProfile } from './views/profile.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const menu = document.getElementById('menu');
const menuToggle = document.getElementById('menu-toggle');
const logoutButton = document.getElementById('logout');
const picker = document.getElementById('account-picker');
const accountSelect = document.getElementById('account');
const toastBox = document.getElementById('toast');
const liveStatus = document.getElementById('live-status');
const accountStatus = document.getElementById('account-status');
let cleanup = null;

// A message stays until closed or until the next page: nothing on screen disappears on a timer (WCAG 2.2.1).
function toast(message) {
  document.getElementById('toast-text').textContent = message;
  toastBox.hidden = false;
}
document.getElementById('toast-close').addEventListener('click', () => { toastBox.hidden = true; });

// A page that could not load says why, in place of "Loading…" (a viewer opening a call, the network gone…).
function pageFailure(e) {
  const forbidden = e && e.status === 403;
  clear(main).append(
    h('h1', { tabindex: '-1', id: 'page-title' }, forbidden ? t('error.forbiddenTitle') : t('error.failedTitle')),
    h('p', { class: 'panel', id: 'page-error' }, forbidden ? t('error.pageForbidden', { role: t('role.' + role(ctx)) }) : t('error.pageFailed')),
    forbidden ? h('p', {}, h('a', { href: '#/appels' }, t('call.back')))
      : h('button', { type: 'button', id: 'page-retry', onclick: () => route() }, t('error.retry')));
  main.querySelector('#page-title').focus();
}

const ctx = {
  account: null,
  accounts: [],
  toast,
  can: (permission) => can(ctx, permission),
  role: () => role(ctx),
  fail(e) {
    if (e && e.cancelled) return;
    if (e && e.status === 401) { route(); return; }
    if (main.querySelector('[data-loading]')) { pageFailure(e); return; }
    toast(e && e.status === 403 ? t('error.forbidden') : t('error.generic'));
  },
  /** After an account change (suspended, erased…): read the list again. */
  async reloadAccounts() {
    try { ctx.accounts = (await api.accounts()).items; } catch (e) { /* keep what we have */ }
    fillPicker();
  },
};

const routes = [
  [/^#\/appels\/([^/]+)$/, (m) => renderCall(main, ctx, decodeURIComponent(m[1])), '#/appels'],
  [/^#\/appels$/, () => renderCalls(main, ctx), '#/appels'],
  [/^#\/alertes$/, () => renderAlerts(main, ctx), '#/alertes'],
  [/^#\/contacts$/, () => renderContacts(main, ctx), '#/contacts'],
  [/^#\/callers$/, () => renderCallers(main, ctx), '#/callers'],
  [/^#\/reglages$/, () => renderSettings(main, ctx), '#/reglages'],
  [/^#\/membres$/, () => renderMembers(main, ctx), '#/membres'],
  [/^#\/compte$/, () => renderAccount(main, ctx), '#/compte'],
  [/^#\/journal$/, () => renderAudit(main, ctx), '#/journal'],
  [/^#\/consommation$/, () => renderUsage(main, ctx), '#/consommation'],
  [/^#\/profil$/, () => renderProfile(main, ctx), '#/profil'],
];

async function route() {
  if (cleanup) { try { cleanup(); } catch (e) { /* ignore */ } cleanup = null; }
  toastBox.hidden = true;
  setMenu(false);
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
      clear(main).append(h('p', { class: 'muted', 'data-loading': '' }, t('loading')));
      try {
        cleanup = (await render(m)) || null;
      } catch (e) {
        ctx.fail(e);
      }
      const title = document.getElementById('page-title');
      if (title && (document.activeElement === document.body || document.activeElement === main)) title.focus();
      return;
    }
  }
  location.hash = '#/appels';
}

function fillPicker() {
  clear(accountSelect);
  for (const a of ctx.accounts) accountSelect.append(h('option', { value: a.id }, a.displayName));
  if (ctx.accounts.some((a) => a.id === ctx.account)) accountSelect.value = ctx.account;
  picker.hidden = ctx.accounts.length < 2;
}

async function afterLogin() {
  try {
    ctx.accounts = (await api.accounts()).items;
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
  fillPicker();
  showChrome(true);
  selectAccount();
  startLive();
  if (!location.hash || location.hash === '#/' || location.hash === '#/connexion') location.hash = '#/appels';
  else route();
}

// The account on screen: its live calls are read now (a call already in progress shows at once), and its banner too.
function selectAccount() {
  bannerAccount(ctx.account);
  seedLiveCalls(ctx.account).then(() => { for (const c of liveCalls()) raiseBanner(c); });
  for (const a of nav.querySelectorAll('a[href="#/journal"]')) a.parentElement.hidden = !ctx.can('audit:read');
}

function showChrome(on) {
  nav.hidden = !on;
  logoutButton.hidden = !on;
  if (!on) {
    picker.hidden = true; liveOn = null; showLiveStatus(); accountStatus.hidden = true;
    forgetLiveCalls(); bannerAccount(null);
  }
}

function setMenu(open) {
  menu.classList.toggle('open', open);
  menuToggle.setAttribute('aria-expanded', String(open));
}
menuToggle.addEventListener('click', () => setMenu(!menu.classList.contains('open')));

// An account that is not active says so (a new account is "provisioning" until its number is live at Twilio).
async function showAccountStatus() {
  let current = ctx.accounts.find((a) => a.id === ctx.account);
  if (current && current.status !== 'active') {
    try { ctx.accounts = (await api.accounts()).items; } catch (e) { /* keep what we have */ }
    current = ctx.accounts.find((a) => a.id === ctx.account) || current;
  }
  const text = current && current.status !== 'active' ? t('account.status.' + current.status) : '';
  accountStatus.textContent = text;
  accountStatus.hidden = !text;
}

onLiveEvent((name, e) => {
  const c = trackLiveEvent(name, e);
  if (c && name === 'verdict') raiseBanner(c);
});
let liveOn = null;
function showLiveStatus() {
  if (liveOn === null || !signedIn()) { liveStatus.textContent = ''; delete liveStatus.dataset.live; return; }
  liveStatus.textContent = liveOn ? t('live.on') : t('live.off');
  liveStatus.dataset.live = liveOn ? 'on' : 'off';
}
onLiveStatus((on) => {
  // back after a cut: events may have been missed, read the calls in progress again
  if (on && liveOn === false && ctx.account) seedLiveCalls(ctx.account);
  liveOn = on;
  showLiveStatus();
});
onSessionChange((on) => { if (!on) { stopLive(); route(); } });

accountSelect.addEventListener('change', () => { ctx.account = accountSelect.value; selectAccount(); route(); });
logoutButton.addEventListener('click', async () => { await logout(); location.hash = '#/appels'; });
document.getElementById('lang').addEventListener('click', () => {
  setLanguage(language() === 'fr' ? 'en' : 'fr');
  showLiveStatus();
  redrawBanners();
  route();
});
window.addEventListener('hashchange', route);
// The skip link must not change the hash (the router owns it): it moves the keyboard focus to the content instead.
document.querySelector('.skip').addEventListener('click', (ev) => { ev.preventDefault(); main.focus(); });

applyStatic();
route();
