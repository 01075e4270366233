package com.ethiq.core.concurrent;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread factory of Ethiq: daemon threads (a node's background work never keeps the JVM alive; shutdown is
 * explicit) with names an operator can read in a thread dump. {@link #named} numbers its threads
 * ({@code ethiq-ai-1, ethiq-ai-2…}); {@link #single} gives every thread the exact name (one-thread pools). Thread-safe.
 */
public final class DaemonThreads implements ThreadFactory {
    private final String name;
    private final boolean numbered;
    private final AtomicInteger count = new AtomicInteger();

    private DaemonThreads(String name, boolean numbered) {
        Objects.requireNonNull(name, "'name' must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("'name' must not be blank");
        }
        this.name = name;
        this.numbered = numbered;
    }

    /** Threads called {@code prefix-1}, {@code prefix-2}… */
    public static DaemonThreads named(String prefix) {
        return new DaemonThreads(prefix, true);
    }

    /** Threads all called {@code name} (for a pool of one). */
    public static DaemonThreads single(String name) {
        return new DaemonThreads(name, false);
    }

    /** A started daemon thread called {@code name} running {@code task}. */
    public static Thread start(String name, Runnable task) {
        Thread t = single(name).newThread(task);
        t.start();
        return t;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread t = new Thread(task, numbered ? name + "-" + count.incrementAndGet() : name);
        t.setDaemon(true);
        return t;
    }
}
