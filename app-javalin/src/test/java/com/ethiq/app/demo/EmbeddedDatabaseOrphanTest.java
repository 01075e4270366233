package com.ethiq.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed with {@code kill -9} leaves its embedded PostgreSQL running: the next start on the same data folder
 * reuses that server (same port, so a second node connected to it keeps working) instead of failing; a server whose
 * node still runs is refused with a message; stopping the node that adopted it stops it.
 */
class EmbeddedDatabaseOrphanTest {
    @TempDir
    Path folder;

    @Test
    void theServerOfADeadNodeIsReusedOnRestartAndStoppedWithItsNewOwner() throws Exception {
        LocalSecrets secrets = LocalSecrets.loadOrCreate(folder);
        Path pgdata = folder.resolve("pgdata");
        EmbeddedDatabase first = EmbeddedDatabase.start(pgdata, 0, secrets);
        try {
            int port = first.port();
            long serverPid = Long.parseLong(Files.readAllLines(pgdata.resolve("postmaster.pid")).get(0).strip());

            // another live node owns it: refused, with what to do
            Process other = new ProcessBuilder("sleep", "30").start();
            try {
                Files.writeString(folder.resolve(EmbeddedDatabase.OWNER_FILE), Long.toString(other.pid()));
                assertThatThrownBy(() -> EmbeddedDatabase.start(pgdata, 0, secrets))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another running node")
                        .hasMessageContaining("node-env");
            } finally {
                other.destroy();
                other.waitFor();
            }

            // its owner died without stopping it (the owner file names a process that is gone)
            Files.writeString(folder.resolve(EmbeddedDatabase.OWNER_FILE), Long.toString(other.pid()));
            EmbeddedDatabase again = EmbeddedDatabase.start(pgdata, 0, secrets);
            assertThat(again.port()).as("the same server, on the same port").isEqualTo(port);
            try (Connection c = again.superuser().getConnection(); ResultSet rs = c.createStatement().executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
            assertThat(Files.readString(folder.resolve(EmbeddedDatabase.OWNER_FILE))).isEqualTo(Long.toString(ProcessHandle.current().pid()));

            again.close();
            assertThat(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false)).as("stopped with its new owner").isFalse();
            assertThat(folder.resolve(EmbeddedDatabase.OWNER_FILE)).doesNotExist();
        } finally {
            first.close();
        }
    }
}
