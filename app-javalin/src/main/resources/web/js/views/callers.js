import { h, clear, dataTable } from '../dom.js';
import { t, register } from '../i18n.js';
import { api } from '../api.js';
import { errorsFor } from '../forms.js';
import { confirmDialog } from '../ui.js';
import { heading } from './common.js';

// Both of the account's caller lists (issue 16): trusted numbers and blocked ones, with how a blocked call is handled.
register({
  fr: {
    'nav.callers': 'Numéros connus', 'callers.title': 'Numéros connus',
    'callers.help': 'Les numéros de confiance restent protégés mais sont moins vite jugés suspects. Un numéro bloqué est refusé, ou passe avec un avertissement, selon votre choix.',
    'callers.none': 'Aucun numéro connu pour l’instant.', 'callers.phone': 'Numéro', 'callers.name': 'Nom (facultatif)',
    'callers.listing': 'Liste', 'callers.trusted': 'De confiance', 'callers.blocked_reject': 'Bloqué : appel refusé',
    'callers.blocked_warn': 'Bloqué : passe avec un avertissement', 'callers.add': 'Ajouter un numéro', 'callers.save': 'Enregistrer',
    'callers.cancel': 'Annuler', 'callers.delete': 'Supprimer', 'callers.confirmDelete': 'Retirer ce numéro de la liste ?',
    'callers.deleted': 'Numéro retiré.', 'callers.saved': 'Numéro enregistré.', 'callers.changeListing': 'Changer la liste de',
    'callers.phoneHint': 'Comme vous l’écrivez d’habitude : 06 12 34 56 78, ou +33 6 12 34 56 78 pour l’étranger.',
    'callers.readOnly': 'Votre rôle (lecteur) permet de voir les numéros connus, pas de les modifier.',
  },
  en: {
    'nav.callers': 'Known numbers', 'callers.title': 'Known numbers',
    'callers.help': 'Trusted numbers stay protected but are judged suspicious less readily. A blocked number is rejected, or connected with a warning, as you chose.',
    'callers.none': 'No known number yet.', 'callers.phone': 'Number', 'callers.name': 'Name (optional)',
    'callers.listing': 'List', 'callers.trusted': 'Trusted', 'callers.blocked_reject': 'Blocked: call rejected',
    'callers.blocked_warn': 'Blocked: connected with a warning', 'callers.add': 'Add a number', 'callers.save': 'Save',
    'callers.cancel': 'Cancel', 'callers.delete': 'Delete', 'callers.confirmDelete': 'Remove this number from the list?',
    'callers.deleted': 'Number removed.', 'callers.saved': 'Number saved.', 'callers.changeListing': 'Change the list of',
    'callers.phoneHint': 'As you usually write it: 06 12 34 56 78, or +33 6 12 34 56 78 from abroad.',
    'callers.readOnly': 'Your role (viewer) lets you see the known numbers, not change them.',
  },
});

const LISTINGS = ['trusted', 'blocked_reject', 'blocked_warn'];

const listingSelect = (attrs, value) => {
  const s = h('select', attrs, ...LISTINGS.map((l) => h('option', { value: l }, t('callers.' + l))));
  s.value = value;
  return s;
};

export async function renderCallers(main, ctx) {
  const list = h('div', { id: 'callers-list' });
  const formBox = h('div', { id: 'caller-form-box' });
  const writable = ctx.can('contacts:write');

  const draw = async () => {
    let r;
    try { r = await api.knownCallers(ctx.account); } catch (e) { ctx.fail(e); return false; }
    clear(list);
    if (!r.items.length) list.append(h('p', { class: 'muted' }, t('callers.none')));
    else list.append(dataTable('callers-table',
      [t('callers.phone'), t('callers.name').split(' (')[0], t('callers.listing')].concat(writable ? [{ sr: t('sr.actions') }] : []),
      r.items.map((c) => {
        const label = c.name ? c.name + ' (' + c.phone + ')' : c.phone;
        const listing = writable
          ? listingSelect({ class: 'caller-listing', 'aria-label': t('callers.changeListing') + ' ' + label,
            onchange: async (ev) => {
              try {
                await api.updateKnownCaller(ctx.account, c.id, { phone: c.phone, name: c.name, listing: ev.target.value });
                ctx.toast(t('callers.saved'));
              } catch (e) { ctx.fail(e); await draw(); }
            } }, c.listing)
          : t('callers.' + c.listing);
        return {
          attrs: { 'data-caller-id': c.id, 'data-listing': c.listing },
          cells: [c.phone, c.name || '—', listing].concat(writable ? [[
            h('button', { type: 'button', class: 'danger delete-caller', 'aria-label': t('callers.delete') + ' ' + label,
              onclick: async () => {
                if (!(await confirmDialog(t('callers.delete') + ' — ' + label, t('callers.confirmDelete'), t('callers.delete')))) return;
                try { await api.removeKnownCaller(ctx.account, c.id); ctx.toast(t('callers.deleted')); await draw(); } catch (e) { ctx.fail(e); }
              } }, t('callers.delete'))]] : []),
        };
      })));
    if (writable && !formBox.firstChild) formBox.append(h('button', { type: 'button', id: 'add-caller', onclick: showForm }, t('callers.add')));
    return true;
  };

  const showForm = () => {
    clear(formBox);
    const phone = h('input', { id: 'caller-phone', type: 'tel', inputmode: 'tel', required: true, autocomplete: 'off',
      'aria-describedby': 'caller-phone-hint' });
    const name = h('input', { id: 'caller-name', maxlength: 120, autocomplete: 'off' });
    const listing = listingSelect({ id: 'caller-listing' }, 'blocked_reject');
    const form = h('form', { class: 'panel', id: 'caller-form', novalidate: true },
      h('h2', {}, t('callers.add')),
      h('label', { for: 'caller-phone' }, t('callers.phone')), h('p', { class: 'hint', id: 'caller-phone-hint' }, t('callers.phoneHint')), phone,
      h('label', { for: 'caller-name' }, t('callers.name')), name,
      h('label', { for: 'caller-listing' }, t('callers.listing')), listing);
    const errors = errorsFor(form, { phone, name, listing });
    form.append(errors.summary, h('div', { class: 'form-actions' },
      h('button', { type: 'submit', id: 'save-caller' }, t('callers.save')),
      h('button', { type: 'button', class: 'secondary', onclick: () => { clear(formBox); draw(); } }, t('callers.cancel'))));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      if (!phone.value.trim()) { errors.field('phone', 'required'); return; }
      try {
        // national numbers go to the API as typed (it knows the account's country); only spacing is dropped
        await api.addKnownCaller(ctx.account, phone.value.replace(/[\s.\-()]/g, ''), name.value.trim(), listing.value);
        clear(formBox);
        ctx.toast(t('callers.saved'));
        await draw();
      } catch (e) {
        errors.api(e, 'phone');
      }
    });
    formBox.append(form);
    phone.focus();
  };
  if (!(await draw())) return null;
  clear(main).append(heading(t('callers.title')), h('p', { class: 'hint' }, t('callers.help')),
    writable ? null : h('p', { class: 'panel', id: 'read-only-note' }, t('callers.readOnly')), list, formBox);
  return null;
}
