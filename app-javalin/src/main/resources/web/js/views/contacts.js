import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { heading } from './common.js';

export async function renderContacts(main, ctx) {
  clear(main);
  const list = h('div', { id: 'contacts-list' });
  const formBox = h('div', { id: 'contact-form-box' });
  main.append(heading(t('contacts.title')), h('p', { class: 'hint' }, t('contacts.help')), list, formBox);

  const draw = async () => {
    let r;
    try { r = await api.contacts(ctx.account); } catch (e) { ctx.fail(e); return; }
    clear(list);
    if (!r.items.length) list.append(h('p', { class: 'muted' }, t('contacts.none')));
    else list.append(h('table', { id: 'contacts-table' },
      h('thead', {}, h('tr', {}, [t('contacts.name'), t('contacts.phone').split(' (')[0], t('contacts.relationship').split(' (')[0], '']
        .map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, r.items.map((c) => h('tr', { 'data-contact-id': c.id },
        h('td', {}, c.name), h('td', {}, c.phone), h('td', {}, c.relationship || '—'),
        h('td', {},
          h('button', { type: 'button', class: 'secondary edit-contact', 'aria-label': t('contacts.edit') + ' ' + c.name,
            onclick: () => showForm(c) }, t('contacts.edit')), ' ',
          h('button', { type: 'button', class: 'danger delete-contact', 'aria-label': t('contacts.delete') + ' ' + c.name,
            onclick: async () => {
              if (!window.confirm(t('contacts.confirmDelete'))) return;
              try { await api.removeContact(ctx.account, c.id); ctx.toast(t('contacts.deleted')); await draw(); } catch (e) { ctx.fail(e); }
            } }, t('contacts.delete'))))))));
    if (!formBox.firstChild) formBox.append(h('button', { type: 'button', id: 'add-contact', onclick: () => showForm(null) }, t('contacts.add')));
  };

  const showForm = (contact) => {
    clear(formBox);
    const error = h('p', { class: 'error', role: 'alert' });
    const name = h('input', { id: 'contact-name', required: true, maxlength: 120, value: contact ? contact.name : '' });
    const phone = h('input', { id: 'contact-phone', type: 'tel', required: true, autocomplete: 'off', value: contact ? contact.phone : '' });
    const rel = h('input', { id: 'contact-relationship', maxlength: 60, value: contact ? contact.relationship || '' : '' });
    const form = h('form', { class: 'panel', id: 'contact-form', novalidate: true },
      h('h2', {}, contact ? t('contacts.edit') + ' — ' + contact.name : t('contacts.add')),
      h('label', { for: 'contact-name' }, t('contacts.name')), name,
      h('label', { for: 'contact-phone' }, t('contacts.phone')), phone,
      h('label', { for: 'contact-relationship' }, t('contacts.relationship')), rel,
      error,
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', id: 'save-contact' }, t('contacts.save')),
        h('button', { type: 'button', class: 'secondary', onclick: () => { clear(formBox); draw(); } }, t('contacts.cancel'))));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body = { name: name.value.trim(), phone: phone.value.replace(/[\s.]/g, ''), relationship: rel.value.trim() };
      try {
        if (contact) await api.updateContact(ctx.account, contact.id, body);
        else await api.addContact(ctx.account, body);
        clear(formBox);
        ctx.toast(t('contacts.saved'));
        await draw();
      } catch (e) {
        error.textContent = e.status === 400 || e.status === 409 || e.status === 422 ? e.message : t('error.generic');
      }
    });
    formBox.append(form);
    name.focus();
  };
  await draw();
}
