package com.ethiq.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.SpeechScripts;
import com.ethiq.core.port.SpeechScripts.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SpeechScripts} must do (each test uses its own tenant and calls: runs on a shared database). */
public abstract class SpeechScriptsContract {

    protected abstract SpeechScripts create();

    /** A tenant that exists in the store. */
    protected abstract TenantId newTenant();

    /** A call of {@code tenant} logged in the store. */
    protected abstract CallSid newCall(TenantId tenant);

    private SpeechScripts scripts;
    private TenantId tenant;
    private CallSid call;

    @BeforeEach
    void setUpScripts() {
        scripts = create();
        tenant = newTenant();
        call = newCall(tenant);
    }

    @Test
    void linesComeBackInTheOrderAppendedAcrossAppends() {
        scripts.append(tenant, call, Speaker.CALLER, List.of("bonjour madame", "  je suis de la banque "));
        scripts.append(tenant, call, Speaker.CALLER, List.of("donnez moi le code"));

        assertThat(scripts.unheard(tenant, call, Speaker.CALLER, 0)).containsExactly(
                new Line(0, "bonjour madame"), new Line(1, "je suis de la banque"), new Line(2, "donnez moi le code"));
        assertThat(scripts.unheard(tenant, call, Speaker.CALLER, 2)).containsExactly(new Line(2, "donnez moi le code"));
        assertThat(scripts.unheard(tenant, call, Speaker.CALLER, 3)).isEmpty();
    }

    @Test
    void aLineHeardIsNotHeardAgainAndLaterLinesKeepTheirIndex() {
        scripts.append(tenant, call, Speaker.CALLER, List.of("un", "deux", "trois"));
        scripts.heard(tenant, call, Speaker.CALLER, 0);
        scripts.heard(tenant, call, Speaker.CALLER, 0); // twice: nothing more
        scripts.heard(tenant, call, Speaker.CALLER, 7); // no such line: nothing

        assertThat(scripts.unheard(tenant, call, Speaker.CALLER, 0)).containsExactly(new Line(1, "deux"), new Line(2, "trois"));
        scripts.append(tenant, call, Speaker.CALLER, List.of("quatre"));
        assertThat(scripts.unheard(tenant, call, Speaker.CALLER, 0)).extracting(Line::index).containsExactly(1, 2, 3);
    }

    @Test
    void tracksCallsAndTenantsAreApart() {
        TenantId other = newTenant();
        CallSid otherCall = newCall(tenant);
        scripts.append(tenant, call, Speaker.CALLER, List.of("la banque"));
        scripts.append(tenant, call, Speaker.CALLEE, List.of("oui"));
        scripts.append(tenant, otherCall, Speaker.CALLER, List.of("coucou maman"));

        assertThat(scripts.unheard(tenant, call, Speaker.CALLEE, 0)).containsExactly(new Line(0, "oui"));
        assertThat(scripts.unheard(tenant, otherCall, Speaker.CALLER, 0)).containsExactly(new Line(0, "coucou maman"));
        assertThat(scripts.unheard(other, call, Speaker.CALLER, 0)).as("another tenant sees nothing").isEmpty();
        scripts.heard(other, call, Speaker.CALLER, 0);
        assertThat(scripts.unheard(tenant, call, Speaker.CALLER, 0)).as("nor marks anything").hasSize(1);
        assertThat(scripts.unheard(tenant, newCall(tenant), Speaker.CALLER, 0)).isEmpty();
    }

    @Test
    void blankLinesAreRefused() {
        assertThatThrownBy(() -> scripts.append(tenant, call, Speaker.CALLER, List.of("un", " ")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(scripts.unheard(tenant, call, Speaker.CALLER, 0)).isEmpty();
    }

    @Test
    void concurrentAppendsKeepEveryLineOnceWithDistinctIndexes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        scripts.append(tenant, call, Speaker.CALLER, List.of("w" + writer + " a" + i, "w" + writer + " b" + i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Line> lines = scripts.unheard(tenant, call, Speaker.CALLER, 0);
        assertThat(lines).extracting(Line::index).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 40).boxed().toList());
        assertThat(lines).extracting(Line::text).doesNotHaveDuplicates();
        // one append's lines stay together and in order
        for (int i = 0; i < lines.size(); i += 2) {
            assertThat(lines.get(i + 1).text()).isEqualTo(lines.get(i).text().replace(" a", " b"));
        }
    }
}
