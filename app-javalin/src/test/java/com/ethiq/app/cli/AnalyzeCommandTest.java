package com.ethiq.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnalyzeCommandTest {

    private static final String SCAM = "{\"id\":\"t-scam\",\"language\":\"fr\",\"label\":\"scam\",\"category\":\"faux_conseiller_bancaire\","
            + "\"first_fraud_turn\":2,\"turns\":["
            + "{\"speaker\":\"caller\",\"text\":\"bonjour ici le service anti-fraude de la Société Générale\"},"
            + "{\"speaker\":\"callee\",\"text\":\"ah bon\"},"
            + "{\"speaker\":\"caller\",\"text\":\"vous allez recevoir un code par sms lisez-moi les six chiffres\"},"
            + "{\"speaker\":\"callee\",\"text\":\"alors quatre huit deux neuf un sept\"}]}";
    private static final String LEGIT = "{\"id\":\"t-legit\",\"language\":\"fr\",\"label\":\"legit\",\"first_fraud_turn\":null,\"turns\":["
            + "{\"speaker\":\"caller\",\"text\":\"bonjour c'est la pharmacie votre commande est arrivée\"},"
            + "{\"speaker\":\"callee\",\"text\":\"merci je passe demain\"}]}";

    private record Run(int code, String out, String err) {
        List<JsonNode> lines() throws Exception {
            ObjectMapper m = new ObjectMapper();
            return out.lines().filter(l -> !l.isBlank()).map(l -> {
                try {
                    return m.readTree(l);
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + l, e);
                }
            }).toList();
        }
    }

    private static Run run(String stdin, String... args) {
        CommandLine cli = EthiqCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        if (stdin != null) {
            AnalyzeCommand analyze = cli.getSubcommands().get("analyze").getCommand();
            analyze.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        }
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void analysesEachCallAndReportsBadLinesByNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calls.jsonl");
        Files.writeString(file, String.join("\n", SCAM, "{not json", "", "{\"id\":\"no-turns\"}", LEGIT) + "\n");
        Run r = run(null, "analyze", file.toString(), "--summary");

        assertThat(r.code()).isZero();
        List<JsonNode> lines = r.lines();
        assertThat(lines).hasSize(2);
        JsonNode scam = lines.get(0);
        assertThat(scam.get("id").asText()).isEqualTo("t-scam");
        assertThat(scam.get("verdict").asText()).isEqualTo("scam");
        assertThat(scam.get("score").asDouble()).isBetween(0.7, 1.0);
        assertThat(scam.get("category").asText()).isEqualTo("fake_bank_adviser");
        assertThat(scam.get("first_alert_turn").asInt()).isEqualTo(2);
        assertThat(scam.get("cues").isArray()).isTrue();
        assertThat(scam.get("cues").get(0).has("rule")).isTrue();
        JsonNode legit = lines.get(1);
        assertThat(legit.get("verdict").asText()).isEqualTo("clear");
        assertThat(legit.get("first_alert_turn").isNull()).isTrue();
        assertThat(legit.get("category").asText()).isEqualTo("none");

        assertThat(r.err()).contains("line 2").contains("not valid JSON");
        assertThat(r.err()).contains("line 4").contains("'turns'");
        assertThat(r.err()).contains("precision:").contains("1.000").contains("recall:")
                .contains("false-positive rate:").contains("median earliness:");
    }

    @Test
    void replaysThroughRecogniserNoiseReproduciblyWithASeed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calls.jsonl");
        Files.writeString(file, SCAM + "\n" + LEGIT + "\n");
        Run a = run(null, "analyze", file.toString(), "--noise", "0.10", "--seed", "1", "--summary");
        Run b = run(null, "analyze", file.toString(), "--noise", "0.10", "--seed", "1");
        Run clean = run(null, "analyze", file.toString());

        assertThat(a.code()).isZero();
        assertThat(a.out()).isEqualTo(b.out());
        List<JsonNode> lines = a.lines();
        assertThat(lines).hasSize(2);
        JsonNode heard = lines.get(0).get("turns");
        assertThat(heard).hasSize(4);
        for (JsonNode t : heard) {
            String text = t.get("text").asText();
            assertThat(text).isEqualTo(text.toLowerCase()).doesNotContain("-", ",");
        }
        assertThat(clean.lines().get(0).has("turns")).isFalse();
        assertThat(a.err()).contains("word error rate 0.10, seed 1");
    }

    @Test
    void refusesAnImpossibleNoiseRate(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calls.jsonl");
        Files.writeString(file, SCAM + "\n");
        Run r = run(null, "analyze", file.toString(), "--noise", "0.9");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--noise");
    }

    @Test
    void readsStandardInputWithDash() throws Exception {
        Run r = run(LEGIT + "\n", "analyze", "-");
        assertThat(r.code()).isZero();
        assertThat(r.lines()).hasSize(1);
        assertThat(r.err()).doesNotContain("summary");
    }

    @Test
    void failsOnlyWhenNothingCouldBeRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "[1,2]\n{\"id\":\"x\",\"turns\":[{\"speaker\":\"robot\",\"text\":\"hi\"}]}\n");
        Run r = run(null, "analyze", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isBlank();
        assertThat(r.err()).contains("line 1").contains("line 2").contains("speaker").contains("no call could be read");

        Run missing = run(null, "analyze", dir.resolve("nope.jsonl").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.jsonl");
    }

    @Test
    void theRootCommandOnlyDispatches() {
        Run r = run(null);
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("analyze");
        assertThat(EthiqCli.subcommands()).contains(AnalyzeCommand.class);
    }
}
