package com.ethiq.core.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Redactor throughput (not run by the build). Run as in docs/ai-analysis.md:
 * {@code java -cp <test classpath> org.openjdk.jmh.Main PiiRedactorBenchmark}. Inputs: every turn of the French
 * development set when {@code ethiq.shared.dir} points at it (else built-in samples), and digit-heavy turns.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PiiRedactorBenchmark {

    private static final Pattern TEXT = Pattern.compile("\"text\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final PiiRedactor redactor = PiiRedactor.standard();
    private List<String> transcriptTurns;
    private List<String> digitHeavyTurns;
    /** Characters per pass over each list, to turn passes/s into MB/s. */
    public long transcriptChars;
    public long digitHeavyChars;

    @Setup
    public void load() throws IOException {
        transcriptTurns = new ArrayList<>();
        Path file = Path.of(System.getProperty("ethiq.shared.dir", "../shared"), "eval-data/fr-dev/calls-fr-dev.jsonl");
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = TEXT.matcher(line);
                while (m.find()) {
                    transcriptTurns.add(m.group(1));
                }
            }
        } else {
            transcriptTurns.add("alors on a détecté deux opérations suspectes sur votre carte un paiement de 1450 euros");
            transcriptTurns.add("bon alors 4 8 2 9 1 7");
            transcriptTurns.add("j'ai bien votre adresse au 14 rue des Tilleuls à Niort c'est toujours bon");
        }
        Random random = new Random(1);
        digitHeavyTurns = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            digitHeavyTurns.add("ma carte c'est " + group(PiiRedactorPropertiesTest.randomCard(random)) + " et l'IBAN "
                    + group(PiiRedactorPropertiesTest.randomFrenchIban(random)) + ", rappelez le "
                    + group(PiiRedactorPropertiesTest.randomFrenchPhone(random)) + ", code " + (1000 + random.nextInt(9000))
                    + ", montant " + random.nextInt(100_000) + " euros");
        }
        transcriptChars = transcriptTurns.stream().mapToLong(String::length).sum();
        digitHeavyChars = digitHeavyTurns.stream().mapToLong(String::length).sum();
        System.out.printf("%n[inputs] transcript turns=%d chars=%d; digit-heavy turns=%d chars=%d%n",
                transcriptTurns.size(), transcriptChars, digitHeavyTurns.size(), digitHeavyChars);
    }

    private static String group(String digits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 4) {
            sb.append(i == 0 ? "" : " ").append(digits, i, Math.min(digits.length(), i + 4));
        }
        return sb.toString();
    }

    /** One pass over every turn of the development set. */
    @Benchmark
    public void transcriptTurns(Blackhole bh) {
        for (String turn : transcriptTurns) {
            bh.consume(redactor.redact(turn));
        }
    }

    /** One pass over 200 turns each holding a card, an IBAN, a phone number, a code and an amount. */
    @Benchmark
    public void digitHeavyTurns(Blackhole bh) {
        for (String turn : digitHeavyTurns) {
            bh.consume(redactor.redact(turn));
        }
    }
}
