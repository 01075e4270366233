package com.ethiq.app.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Who, if anyone, runs the PostgreSQL of a data directory: {@code postmaster.pid} names the server (first line: its
 * pid, fourth: its port), the owner file the node that started it. A server whose node is gone (killed with
 * {@code kill -9}: no shutdown hook ran) is an orphan to reuse; one whose node still runs is in use; a lock file whose
 * server is gone is stale and PostgreSQL itself replaces it.
 */
final class OrphanCheck {
    private OrphanCheck() {
    }

    sealed interface Verdict permits Free, Orphan, InUse {
    }

    /** No server runs on the directory (none ever did, or a stale lock file). */
    record Free() implements Verdict {
    }

    /** A live server whose node is gone. */
    record Orphan(long pid, int port) implements Verdict {
    }

    /** A live server whose node still runs. */
    record InUse(long pid, long ownerPid) implements Verdict {
    }

    static Verdict inspect(Path dataDirectory, Path ownerFile) {
        Path lock = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(lock)) {
            return new Free();
        }
        long pid;
        int port;
        try {
            List<String> lines = Files.readAllLines(lock, StandardCharsets.UTF_8);
            pid = Long.parseLong(lines.get(0).strip());
            port = Integer.parseInt(lines.get(3).strip());
        } catch (IOException | RuntimeException e) {
            return new Free(); // unreadable or half-written: let PostgreSQL decide
        }
        boolean serverAlive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(c -> c.contains("postgres")).orElse(true);
        if (!serverAlive) {
            return new Free();
        }
        long owner = readOwner(ownerFile);
        if (owner > 0 && owner != ProcessHandle.current().pid() && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
            return new InUse(pid, owner);
        }
        return new Orphan(pid, port);
    }

    private static long readOwner(Path ownerFile) {
        try {
            return Long.parseLong(Files.readString(ownerFile, StandardCharsets.UTF_8).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
