// Live call events over Server-Sent Events, read with fetch so the access token travels in the Authorization header
// (EventSource cannot send headers, and tokens never go in URLs). Reconnects with backoff; events are hints: the
// views re-read the API when one arrives.
import { accessToken } from './api.js';

let controller = null;
let handlers = new Set();
let statusHandler = () => {};

export function onLiveEvent(fn) { handlers.add(fn); return () => handlers.delete(fn); }
export function onLiveStatus(fn) { statusHandler = fn; }

export function startLive() {
  stopLive();
  const ctl = new AbortController();
  controller = ctl;
  run(ctl).catch(() => {});
}

export function stopLive() {
  if (controller) controller.abort();
  controller = null;
}

async function run(ctl) {
  let delay = 1000;
  while (!ctl.signal.aborted) {
    try {
      const token = await accessToken();
      const res = await fetch('/api/live', {
        headers: { 'Authorization': 'Bearer ' + token, 'Accept': 'text/event-stream' },
        cache: 'no-store', signal: ctl.signal,
      });
      if (!res.ok || !res.body) throw new Error('live ' + res.status);
      statusHandler(true);
      // events sent while the stream was down are lost: let views re-read once it is back
      handlers.forEach((fn) => { try { fn('connected', {}); } catch (e) { /* a view's own problem */ } });
      delay = 1000;
      await read(res.body.getReader(), ctl);
    } catch (e) {
      if (ctl.signal.aborted) return;
    }
    statusHandler(false);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 15000);
  }
}

async function read(reader, ctl) {
  const decoder = new TextDecoder();
  let buffer = '';
  while (!ctl.signal.aborted) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      dispatch(block);
    }
  }
}

function dispatch(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (!data.length) return;
  let payload;
  try { payload = JSON.parse(data.join('\n')); } catch (e) { return; }
  for (const fn of handlers) {
    try { fn(name, payload); } catch (e) { /* one view's error must not stop the others */ }
  }
}
