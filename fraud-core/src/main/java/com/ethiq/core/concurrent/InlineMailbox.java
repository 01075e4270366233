package com.ethiq.core.concurrent;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's tasks, run one at a time and in order by the threads that give them, never by a pool: a task given
 * while no one is draining is run at once by its giver, which then runs whatever others queued meanwhile; a task given
 * while another thread drains is queued for that thread. So a hand-off wakes nobody (no futex, no context switch),
 * where a {@link SerialExecutor} wakes a pool thread per task — the right trade when each task is short (tens of
 * microseconds) and arrives on a thread that may do it, e.g. a recogniser's result judged on the thread that delivers it.
 *
 * <p>Re-entrancy: work done inside {@link #hold} (e.g. pushing audio to a recogniser that calls back from inside the
 * push) only queues its own tasks; they run after the held section returns, on the same thread, never nested inside
 * it. A task that gives another task to the same mailbox queues it behind itself (the drain already running picks it
 * up): tasks never nest. A failing task is logged (its class only: task data may be personal) and the next one runs.
 * Thread-safe.
 */
public final class InlineMailbox implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(InlineMailbox.class);

    private final String label;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** The thread inside {@link #hold}, if any: its own tasks wait until it leaves the section. */
    private final AtomicReference<Thread> holder = new AtomicReference<>();

    /** {@code label} names the stream kind in log lines ("transcript listener"). */
    public InlineMailbox(String label) {
        this.label = Objects.requireNonNull(label, "'label' must not be null");
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "'task' must not be null"));
        if (holder.get() == Thread.currentThread()) {
            return; // given from inside the held section: run when it returns (see hold)
        }
        drain();
    }

    /**
     * Runs {@code section} with the tasks this thread gives meanwhile held back, then runs them (and any queued by
     * others) here. Only one thread holds at a time; another thread's section runs unheld (its tasks run as given).
     */
    public void hold(Runnable section) {
        Thread me = Thread.currentThread();
        if (holder.get() == me) {
            section.run(); // a hold inside this thread's own hold: the outer one runs the tasks when it returns
            return;
        }
        boolean mine = holder.compareAndSet(null, me);
        try {
            section.run();
        } finally {
            if (mine) {
                holder.set(null);
            }
        }
        if (!tasks.isEmpty()) {
            drain();
        }
    }

    /** Runs the queued tasks unless another thread does; rechecks after letting go, so no task is left behind. */
    private void drain() {
        while (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    run(task);
                }
            } finally {
                draining.set(false);
            }
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("{} task failed: {}", label, e.getClass().getName());
            LOG.debug("{} task failure", label, e);
        }
    }
}
