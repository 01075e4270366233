// Management API client. Tokens live in this module's memory only: never in the URL, localStorage or a cookie readable
// by scripts. A page reload therefore asks for the password again (docs/getting-started.md explains the choice).
// The access token is refreshed shortly before it expires with the (also in-memory) rotating refresh token.
const BASE = '/api';
let session = null;            // { access, accessExpiresAt (ms), refresh }
let refreshing = null;
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
    this.problem = problem || {};
  }
}

export function onSessionChange(fn) { listeners.add(fn); }
function changed() { for (const fn of listeners) fn(session !== null); }

export function signedIn() { return session !== null; }

/** The current access token (for the live stream), refreshed if it is about to expire. */
export async function accessToken() {
  if (!session) throw new ApiError(401, { title: 'signed out' });
  if (session.accessExpiresAt - Date.now() < 30_000) await refresh();
  return session.access;
}

function keep(tokens) {
  session = {
    access: tokens.accessToken,
    accessExpiresAt: Date.now() + Math.max(10, tokens.expiresIn || 0) * 1000,
    refresh: tokens.refreshToken,
  };
  changed();
}

async function raw(method, path, body, token) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers['Authorization'] = 'Bearer ' + token;
  const res = await fetch(BASE + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin', cache: 'no-store',
  });
  if (res.status === 204) return null;
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

/** Password step. Returns {signedIn:true} or {challenge} when a second factor is needed. */
export async function login(email, password) {
  const r = await raw('POST', '/auth/login', { email, password });
  if (r && r.secondFactorRequired) return { challenge: r.challenge };
  keep(r.tokens);
  return { signedIn: true };
}

export async function secondFactor(challenge, code, recoveryCode) {
  const r = await raw('POST', '/auth/login/second-factor', { challenge, code: code || null, recoveryCode: recoveryCode || null });
  keep(r);
}

async function refresh() {
  if (!session) throw new ApiError(401, {});
  if (!refreshing) {
    refreshing = raw('POST', '/auth/refresh', { refreshToken: session.refresh })
      .then(keep)
      .catch((e) => { session = null; changed(); throw e; })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

export async function logout() {
  if (session) {
    try { await raw('POST', '/auth/logout', undefined, session.access); } catch (e) { /* the session ends here anyway */ }
  }
  session = null;
  changed();
}

/** An authenticated call; one refresh-and-retry on 401. */
export async function call(method, path, body) {
  const token = await accessToken();
  try {
    return await raw(method, path, body, token);
  } catch (e) {
    if (e.status === 401 && session) {
      await refresh();
      return raw(method, path, body, session.access);
    }
    throw e;
  }
}

const acc = (id) => '/accounts/' + encodeURIComponent(id);
const sid = (callSid) => '/calls/' + encodeURIComponent(callSid);
export const api = {
  me: () => call('GET', '/me'),
  accounts: () => call('GET', '/accounts'),
  account: (a) => call('GET', acc(a)),
  calls: (a, limit = 50, before) => call('GET', acc(a) + '/calls?limit=' + limit + (before ? '&before=' + encodeURIComponent(before) : '')),
  call: (a, s) => call('GET', acc(a) + sid(s)),
  alerts: (a, limit = 100) => call('GET', acc(a) + '/alerts?limit=' + limit),
  contacts: (a) => call('GET', acc(a) + '/contacts'),
  addContact: (a, c) => call('POST', acc(a) + '/contacts', c),
  updateContact: (a, id, c) => call('PUT', acc(a) + '/contacts/' + encodeURIComponent(id), c),
  removeContact: (a, id) => call('DELETE', acc(a) + '/contacts/' + encodeURIComponent(id)),
  settings: (a) => call('GET', acc(a) + '/settings'),
  updateSettings: (a, patch) => call('PATCH', acc(a) + '/settings', patch),
  usage: (a, month) => call('GET', acc(a) + '/usage?month=' + encodeURIComponent(month)),
  usageExportPath: (a, month) => acc(a) + '/usage/export?month=' + encodeURIComponent(month),
  callActions: (a, s) => call('GET', acc(a) + sid(s) + '/actions'),
  callAction: (a, s, action, body) => call('POST', acc(a) + sid(s) + '/actions/' + encodeURIComponent(action), body),
  knownCallers: (a) => call('GET', acc(a) + '/callers'),
  addKnownCaller: (a, phone, name, listing) => call('POST', acc(a) + '/callers', { phone, name, listing }),
  updateKnownCaller: (a, id, c) => call('PUT', acc(a) + '/callers/' + encodeURIComponent(id), c),
  removeKnownCaller: (a, id) => call('DELETE', acc(a) + '/callers/' + encodeURIComponent(id)),
  falseAlarm: (a, s) => call('POST', acc(a) + sid(s) + '/false-alarm'),
  evidencePath: (a, s, ext) => acc(a) + sid(s) + '/evidence.' + ext,
  stepUp: (password, code) => call('POST', '/auth/step-up', { password, code: code || null, recoveryCode: null }),
  beginTotp: () => call('POST', '/me/2fa/totp'),
  confirmTotp: (code) => call('POST', '/me/2fa/totp/confirm', { code }),
  disableTotp: () => call('DELETE', '/me/2fa/totp'),
  newRecoveryCodes: () => call('POST', '/me/2fa/recovery-codes'),
  sessions: () => call('GET', '/me/sessions'),
  endSession: (id) => call('DELETE', '/me/sessions/' + encodeURIComponent(id)),
  changePassword: (currentPassword, newPassword) => call('POST', '/me/password', { currentPassword, newPassword }),
  members: (a) => call('GET', acc(a) + '/members'),
  changeRole: (a, userId, role) => call('PATCH', acc(a) + '/members/' + encodeURIComponent(userId), { role }),
  removeMember: (a, userId) => call('DELETE', acc(a) + '/members/' + encodeURIComponent(userId)),
  invitations: (a) => call('GET', acc(a) + '/invitations'),
  invite: (a, email, role) => call('POST', acc(a) + '/invitations', { email, role }),
  withdrawInvitation: (a, id) => call('DELETE', acc(a) + '/invitations/' + encodeURIComponent(id)),
  audit: (a, limit = 50, before) => call('GET', acc(a) + '/audit?limit=' + limit + (before ? '&before=' + encodeURIComponent(before) : '')),
  verifyAudit: (a) => call('POST', acc(a) + '/audit/verify'),
  suspend: (a) => call('POST', acc(a) + '/suspend'),
  resume: (a) => call('POST', acc(a) + '/resume'),
  cancel: (a) => call('POST', acc(a) + '/cancel'),
  erase: (a) => call('DELETE', acc(a)),
  credentials: (a) => call('GET', acc(a) + '/credentials'),
  setTelephony: (a, accountSid, authToken) => call('PUT', acc(a) + '/credentials/telephony', { accountSid, authToken }),
  removeCredential: (a, kind) => call('DELETE', acc(a) + '/credentials/' + encodeURIComponent(kind)),
};

/** An authenticated file download (CSV, PDF…) as a Blob; errors as ApiError, like call(). */
export async function downloadFile(path) {
  const get = async (token) => {
    const res = await fetch(BASE + path, { headers: { 'Authorization': 'Bearer ' + token }, credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) {
      let json = null;
      try { json = await res.json(); } catch (e) { json = null; }
      throw new ApiError(res.status, json);
    }
    return res.blob();
  };
  return get(await accessToken());
}

/** After a step-up the API returns a fresher access token for the same session. */
export function useSteppedUpToken(t) {
  if (session && t && t.accessToken) {
    session.access = t.accessToken;
    session.accessExpiresAt = Date.now() + Math.max(10, t.expiresIn || 0) * 1000;
  }
}

/** After enabling 2FA the API ends other sessions and returns new tokens. */
export function useTokens(t) { if (t && t.accessToken) keep(t); }
