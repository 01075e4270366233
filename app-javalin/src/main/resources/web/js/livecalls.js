// The calls in progress of the account on screen. Seeded from the API (so a dashboard opened during a call shows it
// at once), then kept up to date by the live events; a call the events announce is re-read from the API for its
// caller and start time (events carry ids and levels only).
import { api } from './api.js';

const calls = new Map();           // callSid → {callSid, accountId, caller, startedAt, level, score, category}
const listeners = new Set();
let account = null;
let reading = null;

export function onLiveCalls(fn) { listeners.add(fn); return () => listeners.delete(fn); }
function changed() { for (const fn of listeners) { try { fn(); } catch (e) { /* a view's error stays in that view */ } } }

export function liveCalls() { return [...calls.values()].filter((c) => c.accountId === account); }
export function liveCall(callSid) { return calls.get(callSid); }

const LEVELS = ['suspicious', 'scam'];

/** Reads the account's calls not ended yet; keeps levels already known from events. */
export async function seedLiveCalls(accountId) {
  if (account !== accountId) { calls.clear(); account = accountId; }
  if (!reading) {
    reading = api.calls(accountId, 50).then((page) => {
      const open = page.items.filter((c) => c.state !== 'ended');
      // gone from the open ones: ended (even if its "ended" event was missed)
      const ended = new Set(page.items.filter((c) => c.state === 'ended').map((c) => c.callSid));
      for (const [sid, c] of calls) {
        if (c.accountId === accountId && !open.some((o) => o.callSid === sid) && (c.seen || ended.has(sid))) calls.delete(sid);
      }
      for (const c of open) {
        const known = calls.get(c.callSid) || {};
        calls.set(c.callSid, {
          ...known, callSid: c.callSid, accountId, caller: c.caller, startedAt: c.startedAt, seen: true,
          level: known.level || (LEVELS.includes(c.verdict) ? c.verdict : null),
          score: known.score !== undefined ? known.score : c.score,
          category: known.category || c.category,
        });
      }
      changed();
    }).catch(() => { /* the next event or poll tries again */ }).finally(() => { reading = null; });
  }
  return reading;
}

/** Applies one live event. Returns the call it touched, if any. */
export function trackLiveEvent(name, e) {
  if (e.accountId !== account) return null;
  let c = calls.get(e.callSid);
  if (name === 'call' && e.state === 'ended') {
    calls.delete(e.callSid);
    changed();
    return null;
  }
  if (!c && (name === 'call' || name === 'verdict')) {
    c = { callSid: e.callSid, accountId: e.accountId, startedAt: e.at, level: null };
    calls.set(e.callSid, c);
    seedLiveCalls(account);
  }
  if (!c) return null;
  if (name === 'verdict') Object.assign(c, { level: LEVELS.includes(e.level) ? e.level : null, score: e.score, category: e.category });
  if (name === 'alert') c.alerted = true;
  changed();
  return c;
}

export function forgetLiveCalls() { calls.clear(); account = null; changed(); }
