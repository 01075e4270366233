// Who can see this account, with which role, and the invitations still open. Changing roles and inviting need a
// recent password (step-up); the invitation token is shown once, to be passed on to the invitee.
import { h, clear, dataTable } from '../dom.js';
import { t, register, formatDate } from '../i18n.js';
import { api } from '../api.js';
import { errorsFor } from '../forms.js';
import { withStepUp, confirmDialog } from '../ui.js';
import { heading } from './common.js';

register({
  fr: {
    'members.title': 'Membres du compte', 'members.name': 'Nom', 'members.email': 'E-mail', 'members.role': 'Rôle', 'members.since': 'Depuis',
    'members.roleOf': 'Rôle de {name}', 'members.remove': 'Retirer', 'members.removeOf': 'Retirer {name}', 'members.removeConfirm': '{name} ne verra plus ce compte.',
    'members.roleChanged': 'Rôle changé.', 'members.removed': 'Membre retiré.',
    'members.roles': 'Propriétaire : tout, y compris résilier et effacer. Administrateur : tout sauf résilier et effacer. Lecteur : voit les appels, les alertes et les contacts, sans les transcriptions ni les modifications.',
    'invites.title': 'Invitations en attente', 'invites.none': 'Aucune invitation en attente.', 'invites.expires': 'Expire le',
    'invites.withdraw': 'Retirer l’invitation', 'invites.withdrawOf': 'Retirer l’invitation de {email}', 'invites.new': 'Inviter quelqu’un',
    'invites.email': 'Son adresse e-mail', 'invites.send': 'Créer l’invitation',
    'invites.token': 'Invitation créée. Transmettez ce code à la personne invitée (il n’est montré qu’une fois, valable 7 jours) :',
    'invites.withdrawn': 'Invitation retirée.',
  },
  en: {
    'members.title': 'Account members', 'members.name': 'Name', 'members.email': 'E-mail', 'members.role': 'Role', 'members.since': 'Since',
    'members.roleOf': 'Role of {name}', 'members.remove': 'Remove', 'members.removeOf': 'Remove {name}', 'members.removeConfirm': '{name} will no longer see this account.',
    'members.roleChanged': 'Role changed.', 'members.removed': 'Member removed.',
    'members.roles': 'Owner: everything, including cancelling and erasing. Admin: everything but cancelling and erasing. Viewer: sees calls, alerts and contacts, without transcripts or changes.',
    'invites.title': 'Pending invitations', 'invites.none': 'No pending invitation.', 'invites.expires': 'Expires',
    'invites.withdraw': 'Withdraw the invitation', 'invites.withdrawOf': 'Withdraw the invitation of {email}', 'invites.new': 'Invite someone',
    'invites.email': 'Their e-mail address', 'invites.send': 'Create the invitation',
    'invites.token': 'Invitation created. Pass this code on to the invitee (shown once, valid 7 days):',
    'invites.withdrawn': 'Invitation withdrawn.',
  },
});

const ROLES = ['owner', 'admin', 'viewer'];

export async function renderMembers(main, ctx) {
  const membersBox = h('section', { id: 'members', 'aria-labelledby': 'members-list-title' });
  const invitesBox = h('section', { id: 'invitations', 'aria-labelledby': 'invites-title' });
  const manage = ctx.can('members:change_role');
  const me = await api.me().catch(() => null);

  const drawMembers = async () => {
    let list;
    try { list = (await api.members(ctx.account)).items; } catch (e) { ctx.fail(e); return false; }
    clear(membersBox).append(h('h2', { id: 'members-list-title' }, t('members.title')),
      dataTable('members-table', [t('members.name'), t('members.email'), t('members.role'), t('members.since')]
        .concat(manage ? [{ sr: t('sr.actions') }] : []), list.map((m) => {
        const self = me && me.id === m.userId;
        let roleCell = t('role.' + m.role);
        if (manage && !self && (m.role !== 'owner' || ctx.role() === 'owner')) {
          const select = h('select', { class: 'role-select', 'aria-label': t('members.roleOf', { name: m.displayName }) },
            ROLES.filter((r) => r !== 'owner' || ctx.role() === 'owner').map((r) => h('option', { value: r }, t('role.' + r))));
          select.value = m.role;
          select.addEventListener('change', async () => {
            try { await withStepUp(() => api.changeRole(ctx.account, m.userId, select.value)); ctx.toast(t('members.roleChanged')); } catch (e) {
              select.value = m.role; ctx.fail(e);
            }
          });
          roleCell = select;
        }
        return {
          attrs: { 'data-user-id': m.userId },
          cells: [m.displayName, m.email, roleCell, formatDate(m.since)].concat(manage ? [self ? '' :
            h('button', { type: 'button', class: 'danger remove-member', onclick: async () => {
              if (!(await confirmDialog(t('members.removeOf', { name: m.displayName }), t('members.removeConfirm', { name: m.displayName }), t('members.remove')))) return;
              try { await withStepUp(() => api.removeMember(ctx.account, m.userId)); ctx.toast(t('members.removed')); await drawMembers(); } catch (e) { ctx.fail(e); }
            } }, t('members.remove'), h('span', { class: 'sr-only' }, ' ' + m.displayName))] : []),
        };
      })), h('p', { class: 'hint' }, t('members.roles')));
    return true;
  };

  const drawInvites = async () => {
    let list;
    try { list = (await api.invitations(ctx.account)).items; } catch (e) { ctx.fail(e); return; }
    clear(invitesBox).append(h('h2', { id: 'invites-title' }, t('invites.title')),
      list.length ? dataTable('invitations-table', [t('members.email'), t('members.role'), t('invites.expires')]
        .concat(manage ? [{ sr: t('sr.actions') }] : []), list.map((i) => ({
        attrs: { 'data-invitation-id': i.id },
        cells: [i.email, t('role.' + i.role), formatDate(i.expiresAt)].concat(manage ? [h('button', { type: 'button', class: 'secondary withdraw-invitation',
          'aria-label': t('invites.withdrawOf', { email: i.email }), onclick: async () => {
            try { await withStepUp(() => api.withdrawInvitation(ctx.account, i.id)); ctx.toast(t('invites.withdrawn')); await drawInvites(); } catch (e) { ctx.fail(e); }
          } }, t('invites.withdraw'))] : []),
      }))) : h('p', { class: 'muted' }, t('invites.none')));
    if (manage) invitesBox.append(inviteForm(ctx, drawInvites));
  };

  if (!(await drawMembers())) return null;
  await drawInvites();
  clear(main).append(heading(t('nav.members')), membersBox, invitesBox);
  return null;
}

function inviteForm(ctx, redraw) {
  const email = h('input', { id: 'invite-email', type: 'email', autocomplete: 'off' });
  const role = h('select', { id: 'invite-role' }, ROLES.filter((r) => r !== 'owner' || ctx.role() === 'owner')
    .map((r) => h('option', { value: r }, t('role.' + r))));
  role.value = 'viewer';
  const result = h('div', { id: 'invite-result' });
  const form = h('form', { class: 'panel', id: 'invite-form', novalidate: true, 'aria-labelledby': 'invite-title' },
    h('h3', { id: 'invite-title' }, t('invites.new')),
    h('label', { for: 'invite-email' }, t('invites.email')), email, h('label', { for: 'invite-role' }, t('members.role')), role);
  const errors = errorsFor(form, { email });
  form.append(errors.summary, h('div', { class: 'form-actions' }, h('button', { type: 'submit', id: 'send-invite' }, t('invites.send'))), result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    clear(result);
    if (!email.value.trim()) { errors.field('email', 'required'); return; }
    try {
      const inv = await withStepUp(() => api.invite(ctx.account, email.value.trim(), role.value));
      await redraw();
      // the form was redrawn: show the token in the new one
      const box = document.getElementById('invite-result');
      box.append(h('p', { role: 'status' }, t('invites.token')), h('p', {}, h('code', { class: 'secret', id: 'invite-token' }, inv.token)));
    } catch (e) {
      if (!e.cancelled) errors.api(e, 'email');
    }
  });
  return form;
}
