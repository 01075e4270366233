// What the signed-in member may do on the selected account: a copy of the core's PermissionMatrix (docs/security.md),
// used only to hide controls that would be refused. The API still decides every request.
const MATRIX = {
  owner: ['account:suspend', 'account:cancel', 'account:erase', 'members:invite', 'members:change_role', 'members:remove',
    'contacts:write', 'settings:write', 'credentials:write', 'transcripts:read', 'evidence:export', 'usage:export', 'audit:read', 'audit:verify',
    'calls:join', 'calls:end', 'calls:handle', 'callers:block', 'calls:revoke_links'],
  admin: ['account:suspend', 'members:invite', 'members:change_role', 'members:remove', 'contacts:write', 'settings:write',
    'credentials:write', 'transcripts:read', 'evidence:export', 'usage:export', 'audit:read', 'audit:verify',
    'calls:join', 'calls:end', 'calls:handle', 'callers:block', 'calls:revoke_links'],
  viewer: [],
};

/** The member's role on the account the dashboard shows ('owner', 'admin', 'viewer'). */
export function role(ctx) {
  const a = (ctx.accounts || []).find((x) => x.id === ctx.account);
  return a && a.role ? a.role : 'viewer';
}

export function can(ctx, permission) {
  return (MATRIX[role(ctx)] || []).includes(permission);
}
