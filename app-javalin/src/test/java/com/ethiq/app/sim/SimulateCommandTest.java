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
        Run r = run("simulate", "--demo-file", dir.resolve(DemoInfo.FILE).toString(), "--script", "faux-technicien", "--calls", "2",
                "--tone");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Simulating 2 call(s)", "Audio: a 400 Hz tone", "verdict: SCAM", "FRAUD DETECTED", "alert: sms", "[simulated SMS to",
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
        // speech by default: this line has no bundled clip, so it is synthesised (or a tone when espeak-ng is missing)
        assertThat(r.out()).contains("Audio: synthesised speech over line noise (36 bundled clips; other lines",
                "script mine (expected legit)", "verdict: CLEAR", "alerts: none");
    }

    private String[] demoArgs(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("simulate", "--url", node.baseUrl().toString(),
                "--account-sid", node.demo.accountSid(), "--auth-token", node.demo.authToken(), "--to", node.demo.number(), "--legit", "--tone"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void showsWhatTheCallerHeardWhenThePersonDoesNotAnswerIsBusyOrTheCallerHangsUp() {
        Run noAnswer = run(demoArgs("--no-answer"));
        assertThat(noAnswer.exit()).as(noAnswer.out() + noAnswer.err()).isZero();
        assertThat(noAnswer.out()).contains("caller heard: ringback ~440 Hz, 1.5 s on / 3.5 s off, looped",
                "caller heard: «Votre correspondant n'est pas disponible", "protected person: no answer");

        Run busy = run(demoArgs("--busy"));
        assertThat(busy.exit()).as(busy.out() + busy.err()).isZero();
        assertThat(busy.out()).contains("protected person: busy", "then the call ended");

        Run hangUp = run(demoArgs("--hang-up-while-ringing"));
        assertThat(hangUp.exit()).as(hangUp.out() + hangUp.err()).isZero();
        assertThat(hangUp.out()).contains("the caller hung up while it rang", "protected person: caller hung up",
                "the protected person's ringing leg was cancelled");

        Run answered = run(demoArgs());
        assertThat(answered.out()).contains("caller heard: ringback", "protected person: answered");

        assertThat(run(demoArgs("--busy", "--no-answer")).exit()).isEqualTo(2);
    }

    @Test
    void threeUnreachableCallsTellTheAccountThatThePhoneSeemsOffline() {
        Run r = run(demoArgs("--unreachable", "--calls", "3"));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("protected person: unreachable", "account told:", "semble hors ligne");
    }

    @Test
    void explainsAMissingDemoFile() {
        Run r = run("simulate", "--demo-file", dir.resolve("absent.json").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("./ethiq serve");
    }
}
