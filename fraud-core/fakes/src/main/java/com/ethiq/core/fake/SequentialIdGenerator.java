package com.ethiq.core.fake;

import com.ethiq.core.port.IdGenerator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Deterministic ids 00000000-0000-4000-8000-000000000001, …002… for tests. Thread-safe. */
public final class SequentialIdGenerator implements IdGenerator {
    private final AtomicLong next = new AtomicLong(1);
    private final long high;

    public SequentialIdGenerator() {
        this(0x0000000000004000L);
    }

    /** Use distinct {@code high} values to get disjoint sequences. */
    public SequentialIdGenerator(long high) {
        this.high = high;
    }

    @Override
    public UUID newId() {
        return new UUID(high, 0x8000000000000000L | next.getAndIncrement());
    }
}
