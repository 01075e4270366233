package com.ethiq.core.port;

import java.util.UUID;

/** Outgoing port: new unique ids (injected so tests are deterministic). Thread-safe. */
@FunctionalInterface
public interface IdGenerator {

    UUID newId();

    static IdGenerator random() {
        return UUID::randomUUID;
    }
}
