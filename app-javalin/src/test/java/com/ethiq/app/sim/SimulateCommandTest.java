package com.ethiq.app.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.cli.EthiqCli;
import com.ethiq.app.demo.DemoInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ethiq simulate} end to end against a node: reads demo.json, plays calls, prints verdicts and alerts. */
class SimulateCommandTest {
    static SimulatedNode node;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        node = new SimulatedNode(Duration.ofMillis(20), List.of());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = EthiqCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void listsTheBundledScripts() {
        Run r = run("simulate", "--list");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("faux-conseiller", "scam", "rendez-vous-medecin", "legit");
    }

    @Test
    void playsTwoConcurrentCallsFromDemoJsonAndPrintsWhatHappened() throws Exception {
        new DemoInfo(node.baseUrl(), node.demo.number(), node.demo.accountSid(), node.demo.authToken(),
                node.demo.callerNumber(), "", "").write(dir);
        Run r = run("simulate", "--demo-file", dir.resolve(DemoInfo.FILE).toString(), "--script", "faux-technicien", "--calls", "2");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Simulating 2 call(s)", "verdict: SCAM", "FRAUD DETECTED", "alert: sms", "[simulated SMS to",
                "2 call(s), 0 failed");
        assertThat(r.out().split("verdict: SCAM", -1)).hasSize(3);
    }

    @Test
    void playsATranscriptFileInTheSharedFormat() throws Exception {
        Path file = dir.resolve("calls.jsonl");
        Files.writeString(file, "{\"id\":\"mine\",\"language\":\"fr\",\"label\":\"legit\",\"turns\":["
                + "{\"speaker\":\"caller\",\"text\":\"bonjour c'est le plombier pour demain matin\"},"
                + "{\"speaker\":\"callee\",\"text\":\"très bien je serai là\"}]}\n");
        Run r = run("simulate", "--file", file.toString(), "--url", node.baseUrl().toString(),
                "--account-sid", node.demo.accountSid(), "--auth-token", node.demo.authToken(), "--to", node.demo.number());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("script mine (expected legit)", "verdict: CLEAR", "alerts: none");
    }

    @Test
    void explainsAMissingDemoFile() {
        Run r = run("simulate", "--demo-file", dir.resolve("absent.json").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("./ethiq serve");
    }
}
