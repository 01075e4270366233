package com.ethiq.core.concurrent;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
 * up): tasks never nest. A task that throws a {@code RuntimeException} is logged (its class only: task data may be
 * personal) and the next one runs; an {@code Error} propagates to the thread running it, the mailbox left usable.
 * Thread-safe.
 */
public final class InlineMailbox implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(InlineMailbox.class);
    /** No thread holds (thread ids are positive). */
    private static final long NOBODY = 0L;

    private final String label;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    /**
     * The id of the thread inside {@link #hold} ({@link #NOBODY} if none): its own tasks wait until it leaves the
     * section. An id, not the {@code Thread}: a push stores no reference into this long-lived object (no GC card to
     * dirty and refine per push).
     */
    private final AtomicLong holder = new AtomicLong(NOBODY);

    /** {@code label} names the stream kind in log lines ("transcript listener"). */
    public InlineMailbox(String label) {
        this.label = Objects.requireNonNull(label, "'label' must not be null");
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "'task' must not be null"));
        if (holder.get() == Thread.currentThread().getId()) {
            return; // given from inside the held section: run when it returns (see hold)
        }
        drain();
    }

    /**
     * Runs {@code section} with the tasks this thread gives meanwhile held back, then runs them (and any queued by
     * others) here. Only one thread holds at a time; another thread's section runs unheld (its tasks run as given).
     */
    public void hold(Runnable section) {
        hold(Runnable::run, section);
    }

    /**
     * As {@link #hold(Runnable)}, running {@code section.accept(value)}: a caller on a hot path keeps one
     * {@code section} and passes what changes as {@code value}, so no lambda is allocated per call.
     */
    public <T> void hold(Consumer<? super T> section, T value) {
        long me = Thread.currentThread().getId();
        if (holder.get() == me) {
            section.accept(value); // a hold inside this thread's own hold: the outer one runs the tasks when it returns
            return;
        }
        boolean mine = holder.compareAndSet(NOBODY, me);
        try {
            section.accept(value);
        } finally {
            if (mine) {
                holder.set(NOBODY);
            }
        }
        if (!tasks.isEmpty()) {
            drain();
        }
    }

    /**
     * Runs the queued tasks unless another thread does; rechecks after letting go, so no task is left behind. An
     * {@code Error} from a task ends the drain (the flag let go first) and reaches the giver; the tasks behind it stay
     * queued for the next {@link #execute} or {@link #hold}.
     */
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
        } catch (RuntimeException e) { // an Error (out of memory, a failed assertion) is not a task's to swallow
            LOG.error("{} task failed: {}", label, e.getClass().getName());
            LOG.debug("{} task failure", label, e);
        }
    }
}
