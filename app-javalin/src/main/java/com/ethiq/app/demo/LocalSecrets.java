package com.ethiq.app.demo;

import com.ethiq.adapter.supabase.Keyring;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The secrets the embedded default generates on first run and reuses afterwards, in {@code <data folder>/secrets.properties}
 * (owner-only permissions): the passwords of the database superuser (the server trusts no local user) and of
 * the app and platform database roles, the key that encrypts tenant
 * secrets at rest, the media token key, the API's JWT signing key and the demo login's password. Only for the local embedded mode; a real deployment passes these as
 * environment variables. Immutable once loaded.
 */
public record LocalSecrets(String appPassword, String platformPassword, String secretKeys, String activeKeyId,
                           String mediaTokenSecret, String apiJwtKey, String demoPassword, String superuserPassword) {
    public static final String FILE = "secrets.properties";

    /** Loads the file, creating it with fresh random values if absent. */
    public static LocalSecrets loadOrCreate(Path dataFolder) {
        Path file = dataFolder.resolve(FILE);
        try {
            Files.createDirectories(dataFolder);
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                String superuser = p.getProperty("db.superuser.password", "").strip();
                if (superuser.isEmpty()) {
                    // files written before the server required passwords: add one (EmbeddedDatabase then enforces it)
                    superuser = random(24);
                    p.setProperty("db.superuser.password", superuser);
                    writePrivate(file, w -> p.store(w, "Ethiq embedded default: generated on first run, reused afterwards. Keep private."));
                }
                return new LocalSecrets(required(p, "db.app.password", file), required(p, "db.platform.password", file),
                        required(p, "secret.keys", file), required(p, "secret.active", file), required(p, "media.token.secret", file),
                        required(p, "api.jwt.key", file), required(p, "demo.password", file), superuser);
            }
            LocalSecrets fresh = new LocalSecrets(random(24), random(24), Keyring.generate("local1"), "local1",
                    "base64:" + Base64.getEncoder().encodeToString(bytes(32)),
                    Base64.getEncoder().encodeToString(bytes(32)), newDemoPassword(), random(24));
            Properties p = new Properties();
            p.setProperty("db.app.password", fresh.appPassword);
            p.setProperty("db.platform.password", fresh.platformPassword);
            p.setProperty("secret.keys", fresh.secretKeys);
            p.setProperty("secret.active", fresh.activeKeyId);
            p.setProperty("media.token.secret", fresh.mediaTokenSecret);
            p.setProperty("api.jwt.key", fresh.apiJwtKey);
            p.setProperty("demo.password", fresh.demoPassword);
            p.setProperty("db.superuser.password", fresh.superuserPassword);
            writePrivate(file, w -> p.store(w, "Ethiq embedded default: generated on first run, reused afterwards. Keep private."));
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Writes a file readable by its owner only (atomically replaced). */
    static void writePrivate(Path file, WriterAction action) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not a POSIX file system: best effort
        }
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            action.write(w);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @FunctionalInterface
    interface WriterAction {
        void write(Writer w) throws IOException;
    }

    private static String required(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(file.toAbsolutePath() + " lacks '" + key + "': delete the file and the pgdata folder to start afresh");
        }
        return v.strip();
    }

    /** A readable password for the demo login: three groups of letters and digits, easy to type from the banner. */
    public static String newDemoPassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder("demo");
        for (int g = 0; g < 3; g++) {
            b.append('-');
            for (int i = 0; i < 4; i++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
        }
        return b.toString();
    }

    private static String random(int n) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(n));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    @Override
    public String toString() {
        return "LocalSecrets[****]";
    }
}
