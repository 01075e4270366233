package com.ethiq.app.calls.media;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The media upgrade's admission pieces, without a server: per-source allowances, source keys, vouching, the log. */
class SourceAdmissionTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void aSourceGetsItsBurstThenItsRateAndNeverMoreWaitingSocketsThanItsCap() {
        SourceAdmission admission = new SourceAdmission(new SourceAdmission.Limits(10, 15, 1000));
        List<SourceAdmission.Ticket> tickets = new ArrayList<>();
        int refusedRate = 0;
        for (int i = 0; i < 30; i++) {
            SourceAdmission.Outcome o = admission.admit("10.0.0.1", nanos.get());
            if (o instanceof SourceAdmission.Admitted a) {
                tickets.add(a.ticket());
            } else if (((SourceAdmission.Refused) o).reason().equals("source_pending")) {
                assertThat(((SourceAdmission.Refused) o).httpStatus()).isEqualTo(429);
            } else {
                refusedRate++;
            }
        }
        assertThat(tickets).as("waiting cap before the burst (20) is spent").hasSize(15);
        assertThat(admission.admit("10.0.0.2", nanos.get())).as("another source is not affected")
                .isInstanceOf(SourceAdmission.Admitted.class);
        tickets.forEach(SourceAdmission.Ticket::release);
        tickets.get(0).release(); // twice: harmless
        assertThat(admission.pending()).isEqualTo(1);
        int more = 0;
        for (int i = 0; i < 30; i++) {
            if (admission.admit("10.0.0.1", nanos.get()) instanceof SourceAdmission.Admitted a) {
                a.ticket().release();
                more++;
            }
        }
        assertThat(more).as("the rest of the burst of 20").isEqualTo(5);
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        int refilled = 0;
        for (int i = 0; i < 30; i++) {
            if (admission.admit("10.0.0.1", nanos.get()) instanceof SourceAdmission.Admitted a) {
                a.ticket().release();
                refilled++;
            }
        }
        assertThat(refilled).as("10 a second: half a second buys 5").isEqualTo(5);
    }

    @Test
    void theNodeWideWaitingCapHoldsAcrossSources() {
        SourceAdmission admission = new SourceAdmission(new SourceAdmission.Limits(100, 100, 50));
        int admitted = 0;
        for (int source = 0; source < 20; source++) {
            for (int i = 0; i < 10; i++) {
                if (admission.admit("10.0.1." + source, nanos.get()) instanceof SourceAdmission.Admitted) {
                    admitted++;
                }
            }
        }
        assertThat(admitted).isEqualTo(50);
        assertThat(admission.admit("10.0.2.1", nanos.get())).isEqualTo(new SourceAdmission.Refused("node_pending", 503));
    }

    @Test
    void idleSourcesAreForgotten() {
        SourceAdmission admission = new SourceAdmission(new SourceAdmission.Limits(10, 10, 100));
        SourceAdmission.Ticket held = ((SourceAdmission.Admitted) admission.admit("a", nanos.get())).ticket();
        ((SourceAdmission.Admitted) admission.admit("b", nanos.get())).ticket().release();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        admission.sweep(nanos.get());
        assertThat(admission.sources()).as("'a' still waits, 'b' is idle with a full bucket").isEqualTo(1);
        held.release();
        admission.sweep(nanos.get());
        assertThat(admission.sources()).isZero();
    }

    @Test
    void theSourceIsThePeerUnlessThePeerIsATrustedProxy() {
        SourceAddress none = new SourceAddress(Set.of());
        assertThat(none.of("203.0.113.9", List.of("198.51.100.1"))).as("header from an untrusted peer ignored")
                .isEqualTo("203.0.113.9");
        SourceAddress lb = new SourceAddress(Set.of("10.0.0.5", "10.0.0.6"));
        assertThat(lb.of("10.0.0.5", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(lb.of("10.0.0.5", List.of("1.2.3.4, 198.51.100.1, 10.0.0.6"))).as("right-most untrusted hop")
                .isEqualTo("198.51.100.1");
        assertThat(lb.of("10.0.0.5", List.of("forged", "198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(lb.of("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
        assertThat(none.of("2001:db8:1:2:aaaa::1", List.of())).as("IPv6 keyed by its /64")
                .isEqualTo(none.of("[2001:db8:1:2:bbbb::9]", List.of())).isEqualTo("2001:db8:1:2::/64");
        assertThat(SourceAddress.normalise("dead.beef")).as("never resolved").isEqualTo("dead.beef");
    }

    @Test
    void vouchedSignaturesSkipTheSourceAllowanceOthersDoNot() throws Exception {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try {
            VouchedUpgrades vouched = new VouchedUpgrades(Duration.ofMinutes(3), Duration.ofHours(24));
            UpgradeAdmission admission = new UpgradeAdmission(null, vouched,
                    new SourceAdmission(new SourceAdmission.Limits(1, 1, 10)), new SourceAddress(Set.of()), timers,
                    Duration.ofMillis(1500), nanos::get);
            assertThat(admission.decide("junk", "127.0.0.1")).isInstanceOf(UpgradeAdmission.Waiting.class);
            assertThat(admission.decide("junk2", "127.0.0.1")).isEqualTo(new UpgradeAdmission.Refused("source_pending", 429));
            vouched.expect("tenant-signature");
            for (int i = 0; i < 100; i++) {
                assertThat(admission.decide("tenant-signature", "127.0.0.1")).isEqualTo(new UpgradeAdmission.Vouched(false));
            }
            admission.learned("learned-signature");
            assertThat(admission.decide("learned-signature", "127.0.0.1")).isEqualTo(new UpgradeAdmission.Vouched(false));
            // The waiting place comes back by itself after the limit, even if the socket never reported back.
            Thread.sleep(2500);
            assertThat(admission.waiting()).isZero();

            UpgradeAdmission platform = new UpgradeAdmission("good"::equals, vouched,
                    new SourceAdmission(SourceAdmission.Limits.defaults()), new SourceAddress(Set.of()), timers,
                    Duration.ofSeconds(1), nanos::get);
            assertThat(platform.decide("good", "x")).isEqualTo(new UpgradeAdmission.Vouched(true));
            assertThat(platform.decide("tenant-signature", "x")).isEqualTo(new UpgradeAdmission.Refused("bad_signature", 403));
        } finally {
            timers.shutdownNow();
        }
    }

    @Test
    void theRefusalLogWritesTwoLinesPerSourcePerIntervalWhateverTheFlood() {
        Logger logger = (Logger) LoggerFactory.getLogger("refusal-log-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        RefusalLog log = new RefusalLog(logger);
        for (int i = 0; i < 100_000; i++) {
            log.refused("203.0.113.9", i % 3 == 0 ? "start_timeout" : "source_rate");
        }
        log.refused("198.51.100.1", "token_invalid");
        assertThat(lines.list).hasSize(2);
        log.flush();
        assertThat(lines.list).hasSize(3).last().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("203.0.113.9", "100000 times", "source_rate=66666", "start_timeout=33334"));
        log.flush();
        assertThat(lines.list).as("nothing new, nothing written").hasSize(3);
        for (int i = 0; i < RefusalLog.MAX_SOURCES + 500; i++) {
            log.refused("10.9." + (i / 256) + "." + (i % 256), "source_rate");
        }
        assertThat(log.sources()).as("bounded: the rest summed as other sources").isEqualTo(RefusalLog.MAX_SOURCES + 1);
        logger.detachAppender(lines);
    }
}
