package com.ethiq.core.management.identity;

import static com.ethiq.core.management.identity.Permission.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The single authorisation matrix: which account role (and the platform operator) holds which permission.
 * Everything not listed is denied. Operators hold no content permission (contacts, transcripts, settings, secrets):
 * they run the platform, they do not read families' calls. docs/security.md renders this table. Immutable.
 */
public final class PermissionMatrix {
    private static final Map<Role, Set<Permission>> BY_ROLE = new EnumMap<>(Role.class);
    private static final Set<Permission> OPERATOR;

    static {
        BY_ROLE.put(Role.OWNER, Collections.unmodifiableSet(EnumSet.allOf(Permission.class)));
        BY_ROLE.put(Role.ADMIN, Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(
                ACCOUNT_CANCEL, ACCOUNT_ERASE))));
        BY_ROLE.put(Role.VIEWER, Collections.unmodifiableSet(EnumSet.of(
                ACCOUNT_READ, MEMBERS_READ, CONTACTS_READ, SETTINGS_READ, CREDENTIALS_READ, CALLS_READ, ALERTS_READ,
                USAGE_READ)));
        OPERATOR = Collections.unmodifiableSet(EnumSet.of(
                ACCOUNT_READ, ACCOUNT_SUSPEND, ACCOUNT_CANCEL, MEMBERS_READ, CREDENTIALS_READ, CALLS_READ, ALERTS_READ,
                USAGE_READ, USAGE_EXPORT, AUDIT_READ, AUDIT_VERIFY));
    }

    private PermissionMatrix() {
    }

    public static boolean allows(Role role, Permission permission) {
        return BY_ROLE.get(role).contains(permission);
    }

    public static boolean operatorAllows(Permission permission) {
        return OPERATOR.contains(permission);
    }

    public static Set<Permission> of(Role role) {
        return BY_ROLE.get(role);
    }

    public static Set<Permission> operator() {
        return OPERATOR;
    }

    /**
     * Rules beyond the matrix, for member management: only an owner may grant, change or remove the owner role,
     * and an account always keeps at least one owner.
     */
    public static boolean mayManageRole(Role actorRole, Role targetRole) {
        return actorRole == Role.OWNER || targetRole != Role.OWNER;
    }
}
