import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { onLiveEvent } from '../live.js';
import { heading } from './common.js';
import { alertTable } from './call.js';

export async function renderAlerts(main, ctx) {
  const box = h('div', { id: 'alerts' });
  let contacts = [];
  try { contacts = (await api.contacts(ctx.account)).items; } catch (e) { /* numbers stay numbers */ }
  const draw = async () => {
    let list;
    try { list = await api.alerts(ctx.account); } catch (e) { ctx.fail(e); return false; }
    clear(box);
    box.append(list.items.length ? alertTable(list.items, true, contacts) : h('p', { class: 'muted' }, t('alerts.none')));
    return true;
  };
  if (!(await draw())) return null;
  clear(main).append(heading(t('alerts.title')), box);
  let pending = null;
  const off = onLiveEvent((name, e) => {
    if (name === 'alert' && e.accountId === ctx.account) { clearTimeout(pending); pending = setTimeout(draw, 300); }
  });
  return () => { off(); clearTimeout(pending); };
}
