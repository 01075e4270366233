package com.ethiq.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void threadsAreGroupedByNameWithoutTheirNumber() {
        assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("C2 CompilerThre"); // comm keeps 15 characters
        assertThat(ThreadCpu.group("JettyServerThreadPool-185")).isEqualTo("JettyServerThreadPool");
        assertThat(ThreadCpu.group("GC Thread#0")).isEqualTo("GC Thread");
        assertThat(ThreadCpu.group("ethiq-transcripts-2")).isEqualTo("ethiq-transcripts");
    }

    @Test
    void aWindowSaysWhereItsCpuWentAndHowMuchTheJitTook() {
        ThreadCpu before = new ThreadCpu(Map.of("C2 CompilerThre", 1_000L, "JettyServerThreadPool", 5_000L));
        ThreadCpu after = new ThreadCpu(Map.of("C2 CompilerThre", 3_000L, "JettyServerThreadPool", 11_000L,
                "G1 Refine", 2_000L));

        Map<String, Long> spent = after.since(before);

        assertThat(spent).containsExactly(Map.entry("JettyServerThreadPool", 6_000L),
                Map.entry("C2 CompilerThre", 2_000L), Map.entry("G1 Refine", 2_000L));
        assertThat(ThreadCpu.jitShare(spent)).isEqualTo(0.2);
        assertThat(ThreadCpu.describe(spent)).isEqualTo("JettyServerThreadPool 60 %, C2 CompilerThre 20 %, G1 Refine 20 %");
    }

    @Test
    void thisProcessHasThreadsWithCpuTime() {
        ThreadCpu now = ThreadCpu.of(ProcessHandle.current().pid(), 100);
        assertThat(now.nanosByGroup()).isNotEmpty();
        assertThat(now.nanosByGroup().values()).allMatch(ns -> ns >= 0);
    }
}
