package com.ethiq.app.security;

import com.ethiq.core.management.identity.PasswordHasher;
import com.ethiq.core.management.identity.SecureTokens;
import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link PasswordHasher} with password4j's Argon2id, OWASP's first row: m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte
 * tag, PHC string output. At most {@code maxConcurrent} hashes run at once (each holds ~19 MiB); a request that
 * cannot get a slot within {@code maxWait} is refused with {@link HashingBusyException}. Unknown users are checked
 * against a dummy hash made at startup, so they cost the same time. Thread-safe.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {
    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    public static final int TAG_BYTES = 32;
    public static final int SALT_BYTES = 16;

    private final Argon2Function function = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, TAG_BYTES, Argon2.ID);
    private final Semaphore slots;
    private final Duration maxWait;
    private final String dummyHash;

    public Argon2idPasswordHasher(int maxConcurrent, Duration maxWait) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("'maxConcurrent' must be >= 1, got " + maxConcurrent);
        }
        this.slots = new Semaphore(maxConcurrent, true);
        this.maxWait = maxWait;
        this.dummyHash = hash(SecureTokens.newToken());
    }

    /** One slot per core, waiting at most 5 s. */
    public static Argon2idPasswordHasher forThisMachine() {
        return new Argon2idPasswordHasher(Math.max(1, Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(5));
    }

    @Override
    public String hash(String password) {
        return bounded(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult());
    }

    @Override
    public boolean verify(String password, String hash) {
        if (hash == null || !hash.startsWith("$argon2")) {
            return false;
        }
        return bounded(() -> {
            try {
                return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
            } catch (RuntimeException malformed) {
                return false;
            }
        });
    }

    @Override
    public boolean needsRehash(String hash) {
        try {
            Argon2Function f = Argon2Function.getInstanceFromHash(hash);
            return f.getVariant() != Argon2.ID || f.getMemory() < MEMORY_KIB || f.getIterations() < ITERATIONS
                    || f.getParallelism() < PARALLELISM || f.getOutputLength() < TAG_BYTES;
        } catch (RuntimeException notArgon2) {
            return true;
        }
    }

    @Override
    public void verifyDummy(String password) {
        verify(password, dummyHash);
    }

    private <T> T bounded(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HashingBusyException();
        }
        if (!acquired) {
            throw new HashingBusyException();
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    /** Slots free right now (for metrics and tests). */
    public int availableSlots() {
        return slots.availablePermits();
    }
}
