// The account's audit log (who did what, when) and the check of its hash chain. The head it reports can be written
// down elsewhere: a later check against it also catches a rewritten or shortened log.
import { h, clear, dataTable } from '../dom.js';
import { t, register, formatDate } from '../i18n.js';
import { api } from '../api.js';
import { heading } from './common.js';

register({
  fr: {
    'audit.title': 'Journal du compte', 'audit.help': 'Chaque action sur le compte est inscrite ici, chaînée à la précédente par une empreinte : une modification après coup se voit.',
    'audit.when': 'Quand', 'audit.who': 'Qui', 'audit.action': 'Action', 'audit.target': 'Objet', 'audit.seq': 'N°',
    'audit.verify': 'Vérifier le journal', 'audit.intact': 'Journal intact : {n} entrées vérifiées. Dernière entrée n° {seq}, empreinte {hash}.',
    'audit.broken': 'Journal altéré à l’entrée n° {at} : {problem}.', 'audit.more': 'Entrées plus anciennes', 'audit.none': 'Aucune entrée.',
  },
  en: {
    'audit.title': 'Account audit log', 'audit.help': 'Every action on the account is written here, chained to the previous one by a hash: a later change shows.',
    'audit.when': 'When', 'audit.who': 'Who', 'audit.action': 'Action', 'audit.target': 'Target', 'audit.seq': 'No.',
    'audit.verify': 'Verify the log', 'audit.intact': 'Log intact: {n} entries checked. Last entry no. {seq}, hash {hash}.',
    'audit.broken': 'Log altered at entry no. {at}: {problem}.', 'audit.more': 'Older entries', 'audit.none': 'No entries.',
  },
});

export async function renderAudit(main, ctx) {
  let page;
  try { page = await api.audit(ctx.account, 50); } catch (e) { ctx.fail(e); return null; }
  const result = h('p', { id: 'audit-result', role: 'status' });
  const rows = [...page.items];
  const tableBox = h('div', { id: 'audit-entries' });
  const more = h('button', { type: 'button', class: 'secondary', id: 'audit-more' }, t('audit.more'));
  const draw = () => {
    clear(tableBox).append(rows.length ? dataTable('audit-table', [t('audit.seq'), t('audit.when'), t('audit.who'), t('audit.action'), t('audit.target')],
      rows.map((e) => ({ attrs: { 'data-sequence': e.sequence }, cells: [String(e.sequence), formatDate(e.at), e.actor, e.action, e.target || '—'] })))
      : h('p', { class: 'muted' }, t('audit.none')));
    more.hidden = !page.nextCursor;
  };
  more.addEventListener('click', async () => {
    try { page = await api.audit(ctx.account, 50, page.nextCursor); rows.push(...page.items); draw(); } catch (e) { ctx.fail(e); }
  });
  const verify = h('button', { type: 'button', id: 'verify-audit', onclick: async () => {
    result.textContent = '';
    try {
      const v = await api.verifyAudit(ctx.account);
      result.className = v.intact ? 'panel ok' : 'panel error';
      result.textContent = v.intact ? t('audit.intact', { n: v.eventsChecked, seq: v.headSequence, hash: (v.headHash || '').slice(0, 16) + '…' })
        : t('audit.broken', { at: v.brokenAt, problem: v.problem });
    } catch (e) { ctx.fail(e); }
  } }, t('audit.verify'));
  draw();
  clear(main).append(heading(t('audit.title')), h('p', { class: 'hint' }, t('audit.help')),
    ctx.can('audit:verify') ? h('div', { class: 'form-actions' }, verify) : null, result, tableBox, more);
  return null;
}
