package com.ethiq.adapter.openai;

import com.ethiq.adapter.openai.fake.FakeOpenAiServer;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ScamAnalyzer.AnalysisRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Measures what the adapter adds to an AI call (not run by the build; see docs/ai-analysis.md for the command):
 * sequential analyses against the local fake answering at once, compared with bare JDK HTTP POSTs of the same body
 * to the same fake. Prints wall-clock percentiles and the calling thread's CPU time per call.
 */
public final class AdapterOverheadProbe {

    private AdapterOverheadProbe() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (FakeOpenAiServer server = FakeOpenAiServer.start().respondWith(FakeOpenAiServer.completion(Fixtures.SCAM_ANSWER));
             OpenAiScamAnalyzer analyzer = OpenAiScamAnalyzer.create(Fixtures.settings(server.baseUrl())
                     .requestTimeout(Duration.ofSeconds(30)).connectTimeout(Duration.ofSeconds(5))
                     .tenantRateLimit(1_000_000, Duration.ofMinutes(1)).build())) {
            TenantId tenant = TenantId.random();
            AnalysisRequest request = Fixtures.scamRequest(tenant);
            for (int i = 0; i < 500; i++) {
                analyzer.analyze(request);
            }
            long[] wall = new long[calls];
            long cpuStart = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                long t = System.nanoTime();
                analyzer.analyze(request);
                wall[i] = System.nanoTime() - t;
            }
            long adapterCpu = (cpu.getCurrentThreadCpuTime() - cpuStart) / calls;
            String body = server.requests().get(0).body();

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest post = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            for (int i = 0; i < 500; i++) {
                http.send(post, HttpResponse.BodyHandlers.ofString());
            }
            long[] bare = new long[calls];
            cpuStart = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                long t = System.nanoTime();
                http.send(post, HttpResponse.BodyHandlers.ofString());
                bare[i] = System.nanoTime() - t;
            }
            long bareCpu = (cpu.getCurrentThreadCpuTime() - cpuStart) / calls;
            System.out.printf("request body: %d bytes, %d calls each%n", body.length(), calls);
            print("adapter analyze()", wall, adapterCpu);
            print("bare JDK HTTP POST", bare, bareCpu);
        }
    }

    private static void print(String label, long[] nanos, long cpuPerCall) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        System.out.printf("%-20s mean %.3f ms  p50 %.3f ms  p99 %.3f ms  caller CPU %.3f ms/call%n", label, mean,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, cpuPerCall / 1e6);
    }
}
