package com.ethiq.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class Argon2idPasswordHasherTest {
    private static final Argon2idPasswordHasher HASHER = new Argon2idPasswordHasher(2, Duration.ofSeconds(10));

    @Test
    void hashesWithOwaspParametersInPhcFormat() {
        String h = HASHER.hash("correct horse battery staple");
        assertThat(h).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(HASHER.verify("correct horse battery staple", h)).isTrue();
        assertThat(HASHER.verify("correct horse battery stapl", h)).isFalse();
        assertThat(HASHER.hash("correct horse battery staple")).isNotEqualTo(h);
        assertThat(HASHER.needsRehash(h)).isFalse();
    }

    @Test
    void weakerOrForeignHashesNeedARehashAndMalformedOnesNeverVerify() {
        String weak = Password.hash("pw-pw-pw-pw").addRandomSalt(16).with(Argon2Function.getInstance(4096, 1, 1, 32, Argon2.ID)).getResult();
        assertThat(HASHER.verify("pw-pw-pw-pw", weak)).isTrue();
        assertThat(HASHER.needsRehash(weak)).isTrue();
        assertThat(HASHER.needsRehash("$2a$10$abcdefghijklmnopqrstuv")).isTrue();
        assertThat(HASHER.verify("x", "$argon2id$garbage")).isFalse();
        assertThat(HASHER.verify("x", "plain")).isFalse();
    }

    @Test
    void theDummyCheckCostsAboutAsMuchAsARealOne() {
        String h = HASHER.hash("correct horse battery staple");
        HASHER.verify("wrong password", h); // warm-up: the first of each is slower (JIT, first allocation)
        HASHER.verifyDummy("wrong password");
        // The fastest of five of each: the cost of the work itself, without what a shared machine adds to one run
        // (a sum of three once came out at 2.04 on a busy CI machine).
        long real = Long.MAX_VALUE;
        long dummy = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            HASHER.verify("wrong password", h);
            long t1 = System.nanoTime();
            HASHER.verifyDummy("wrong password");
            long t2 = System.nanoTime();
            real = Math.min(real, t1 - t0);
            dummy = Math.min(dummy, t2 - t1);
        }
        assertThat((double) dummy / real).isBetween(0.5, 2.0);
    }

    @Test
    void concurrentHashingIsBoundedAndExcessIsRefused() throws Exception {
        Argon2idPasswordHasher one = new Argon2idPasswordHasher(1, Duration.ofMillis(1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            pool.submit(() -> {
                go.await();
                try {
                    one.hash("some password here");
                    done.incrementAndGet();
                } catch (HashingBusyException e) {
                    busy.incrementAndGet();
                }
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(busy.get()).isPositive();
        assertThat(done.get() + busy.get()).isEqualTo(4);
        assertThat(one.availableSlots()).isEqualTo(1);
        assertThatThrownBy(() -> new Argon2idPasswordHasher(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
