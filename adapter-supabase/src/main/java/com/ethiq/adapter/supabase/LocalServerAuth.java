package com.ethiq.adapter.supabase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Password authentication for a PostgreSQL server we run ourselves (the embedded default, the test server): by
 * default an embedded server's {@code pg_hba.conf} is {@code trust}, so any local user could log in as the superuser
 * and read every tenant, or as the app role with any password. Here every connection, local socket or loopback TCP,
 * needs SCRAM-SHA-256, and the superuser has a password. Fresh data directories get it from initdb; older ones are
 * brought in line by {@link #enforce}. Stateless.
 */
public final class LocalServerAuth {
    /** Loopback and the local socket only, every role, every database: SCRAM. Nothing else is accepted. */
    public static final String PG_HBA = """
            # Written by Ethiq (LocalServerAuth): password (SCRAM-SHA-256) for every connection, loopback only.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private LocalServerAuth() {
    }

    /**
     * Options for initdb (zonky's "locale config" is passed as {@code --key=value}): they come after its own
     * {@code -A trust}, so they win, and the superuser gets its password from {@code passwordFile} at creation.
     */
    public static Map<String, String> initdbOptions(Path passwordFile) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("auth", "scram-sha-256");
        options.put("pwfile", passwordFile.toAbsolutePath().toString());
        return options;
    }

    /** Writes {@code password} to a new owner-only file in {@code folder} (for initdb; delete it afterwards). */
    public static Path writePasswordFile(Path folder, String password) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(".pwfile-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /**
     * For a running server whose data directory may predate this: sets the superuser's password, replaces
     * {@code pg_hba.conf} unless it already is ours, and reloads. Idempotent; returns true when the file changed.
     */
    public static boolean enforce(Path dataDirectory, Connection superuser, String superuserPassword) throws IOException, SQLException {
        try (PreparedStatement ps = superuser.prepareStatement("select format('alter role %I password %L', current_user, ?)")) {
            ps.setString(1, superuserPassword);
            try (ResultSet rs = ps.executeQuery(); Statement s = superuser.createStatement()) {
                rs.next();
                s.execute(rs.getString(1));
            }
        }
        Path hba = dataDirectory.resolve("pg_hba.conf");
        if (Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(PG_HBA)) {
            return false;
        }
        Files.writeString(hba, PG_HBA, StandardCharsets.UTF_8);
        try (Statement s = superuser.createStatement()) {
            s.execute("select pg_catalog.pg_reload_conf()");
        }
        return true;
    }
}
