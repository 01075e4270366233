import { h, clear, dataTable } from '../dom.js';
import { t, register } from '../i18n.js';
import { api } from '../api.js';
import { errorsFor } from '../forms.js';
import { confirmDialog } from '../ui.js';
import { heading } from './common.js';

register({
  fr: { 'contacts.phoneHint': 'Comme vous l’écrivez d’habitude : 06 12 34 56 78, ou +33 6 12 34 56 78 pour l’étranger.',
    'contacts.readOnly': 'Votre rôle (lecteur) permet de voir les contacts, pas de les modifier.' },
  en: { 'contacts.phoneHint': 'As you usually write it: 06 12 34 56 78, or +33 6 12 34 56 78 from abroad.',
    'contacts.readOnly': 'Your role (viewer) lets you see the contacts, not change them.' },
});

export async function renderContacts(main, ctx) {
  const list = h('div', { id: 'contacts-list' });
  const formBox = h('div', { id: 'contact-form-box' });
  const writable = ctx.can('contacts:write');

  const draw = async () => {
    let r;
    try { r = await api.contacts(ctx.account); } catch (e) { ctx.fail(e); return false; }
    clear(list);
    if (!r.items.length) list.append(h('p', { class: 'muted' }, t('contacts.none')));
    else list.append(dataTable('contacts-table',
      [t('contacts.name'), t('contacts.phone'), t('contacts.relationship').split(' (')[0]].concat(writable ? [{ sr: t('sr.actions') }] : []),
      r.items.map((c) => ({
        attrs: { 'data-contact-id': c.id },
        cells: [c.name, c.phone, c.relationship || '—'].concat(writable ? [[
          h('button', { type: 'button', class: 'secondary edit-contact', 'aria-label': t('contacts.edit') + ' ' + c.name,
            onclick: () => showForm(c) }, t('contacts.edit')), ' ',
          h('button', { type: 'button', class: 'danger delete-contact', 'aria-label': t('contacts.delete') + ' ' + c.name,
            onclick: async () => {
              if (!(await confirmDialog(t('contacts.delete') + ' — ' + c.name, t('contacts.confirmDelete'), t('contacts.delete')))) return;
              try { await api.removeContact(ctx.account, c.id); ctx.toast(t('contacts.deleted')); await draw(); } catch (e) { ctx.fail(e); }
            } }, t('contacts.delete'))]] : []),
      }))));
    if (writable && !formBox.firstChild) formBox.append(h('button', { type: 'button', id: 'add-contact', onclick: () => showForm(null) }, t('contacts.add')));
    return true;
  };

  const showForm = (contact) => {
    clear(formBox);
    const name = h('input', { id: 'contact-name', required: true, maxlength: 120, autocomplete: 'off', value: contact ? contact.name : '' });
    const phone = h('input', { id: 'contact-phone', type: 'tel', inputmode: 'tel', required: true, autocomplete: 'off',
      'aria-describedby': 'contact-phone-hint', value: contact ? contact.phone : '' });
    const rel = h('input', { id: 'contact-relationship', maxlength: 60, autocomplete: 'off', value: contact ? contact.relationship || '' : '' });
    const form = h('form', { class: 'panel', id: 'contact-form', novalidate: true },
      h('h2', {}, contact ? t('contacts.edit') + ' — ' + contact.name : t('contacts.add')),
      h('label', { for: 'contact-name' }, t('contacts.name')), name,
      h('label', { for: 'contact-phone' }, t('contacts.phone')), h('p', { class: 'hint', id: 'contact-phone-hint' }, t('contacts.phoneHint')), phone,
      h('label', { for: 'contact-relationship' }, t('contacts.relationship')), rel);
    const errors = errorsFor(form, { name, phone, relationship: rel });
    form.append(errors.summary, h('div', { class: 'form-actions' },
      h('button', { type: 'submit', id: 'save-contact' }, t('contacts.save')),
      h('button', { type: 'button', class: 'secondary', onclick: () => { clear(formBox); draw(); } }, t('contacts.cancel'))));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      errors.clear();
      if (!name.value.trim()) { errors.field('name', 'required'); return; }
      if (!phone.value.trim()) { errors.field('phone', 'required'); return; }
      // national numbers go to the API as typed (it knows the account's country); only spacing is dropped
      const body = { name: name.value.trim(), phone: phone.value.replace(/[\s.\-()]/g, ''), relationship: rel.value.trim() };
      try {
        if (contact) await api.updateContact(ctx.account, contact.id, body);
        else await api.addContact(ctx.account, body);
        clear(formBox);
        ctx.toast(t('contacts.saved'));
        await draw();
      } catch (e) {
        errors.api(e, 'phone');
      }
    });
    formBox.append(form);
    name.focus();
  };
  if (!(await draw())) return null;
  clear(main).append(heading(t('contacts.title')), h('p', { class: 'hint' }, t('contacts.help')),
    writable ? null : h('p', { class: 'panel', id: 'read-only-note' }, t('contacts.readOnly')), list, formBox);
  return null;
}
