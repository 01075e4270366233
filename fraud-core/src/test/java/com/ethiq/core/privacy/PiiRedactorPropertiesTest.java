package com.ethiq.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property-style checks over random transcript-like texts (seeded, so a failure reproduces): idempotence, no long
 * digit run survives, cards/IBANs/phones are always hidden, amounts stay readable.
 */
class PiiRedactorPropertiesTest {

    private static final int TEXTS = Integer.getInteger("redactor.texts", 5_000);
    private static final Pattern NINE_DIGITS = Pattern.compile("\\d{9,}");
    private static final String[] WORDS = {"bonjour", "madame", "votre", "banque", "code", "carte", "le", "la", "de",
            "rue", "place", "avenue", "euros", "ans", "en", "mars", "point", "arobase", "at", "dot", "et", "un", "deux",
            "neuf", "vingt", "soixante", "mille", "cent", "quatre-vingt-dix", "Paris", "Victor", "Hugo", "FR", "DE",
            "[CODE]", "[CARTE]", "IBAN", "ok", "l'Église", "voilà", "vite", "heures", "€", "%", "+", "00", "0", "(0)",
            "derrière", "cryptogramme", "c'est", "virement", "montant", "janvier", "depuis", "Jean"};
    private static final String[] SEPARATORS = {" ", " ", " ", ", ", "-", ".", "\u00a0", " - ", "  ", "\n", "", "'"};

    private final PiiRedactor redactor = PiiRedactor.standard();

    @Test
    void redactionIsIdempotentAndLeavesNoRunOfNineDigits() {
        Random random = new Random(Long.getLong("redactor.seed", 20240917L));
        for (int i = 0; i < TEXTS; i++) {
            String text = randomText(random, new ArrayList<>());
            String once = redactor.redact(text);
            assertThat(redactor.redact(once)).as("idempotent on '%s'", text.replace("\n", "\\n")).isEqualTo(once);
            assertThat(NINE_DIGITS.matcher(once).find()).as("9+ digits left in %s -> %s", text, once).isFalse();
        }
    }

    @Test
    void redactionIsIdempotentAroundCueWordsAndPlaceholders() {
        Random random = new Random(Long.getLong("redactor.seed", 5L));
        for (int i = 0; i < TEXTS; i++) {
            String text = randomCueText(random);
            String once = redactor.redact(text);
            assertThat(redactor.redact(once)).as("idempotent on '%s'", text).isEqualTo(once);
            assertThat(NINE_DIGITS.matcher(once).find()).as("9+ digits left in %s -> %s", text, once).isFalse();
        }
    }

    @Test
    void randomCardIbanAndPhoneNumbersAreAlwaysHidden() {
        Random random = new Random(Long.getLong("redactor.seed", 7L));
        for (int i = 0; i < TEXTS; i++) {
            List<String> secrets = new ArrayList<>();
            String text = randomText(random, secrets);
            String card = randomCard(random);
            String iban = randomFrenchIban(random);
            String phone = randomFrenchPhone(random);
            String withSecrets = text + " ma carte " + group(random, card) + " et le " + group(random, iban)
                    + ", rappelez " + group(random, phone) + " " + text;
            String out = redactor.redact(withSecrets);
            String outDigits = out.replaceAll("[^0-9]", "");
            assertThat(outDigits).as("card %s in %s", card, out).doesNotContain(card);
            assertThat(outDigits).as("iban %s in %s", iban, out).doesNotContain(iban.substring(4));
            assertThat(outDigits).as("phone %s in %s", phone, out).doesNotContain(phone);
            for (String secret : secrets) {
                assertThat(outDigits).as("%s in %s", secret, out).doesNotContain(secret);
            }
        }
    }

    @Test
    void amountsBetweenWordsStayReadable() {
        Random random = new Random(99L);
        for (int i = 0; i < 5_000; i++) {
            String amount = Integer.toString(1 + random.nextInt(9_999_999));
            String unit = random.nextBoolean() ? " euros" : " €";
            String text = "un virement de " + amount + unit + " vers un compte";
            assertThat(redactor.redact(text)).isEqualTo(text);
        }
    }

    /** Random mixture of words, small numbers and, now and then, a secret (whose digits are added to {@code secrets}). */
    private static String randomText(Random random, List<String> secrets) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(14);
        for (int p = 0; p < parts; p++) {
            if (p > 0) {
                sb.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
            }
            int kind = random.nextInt(12);
            switch (kind) {
                case 0, 1, 2, 3 -> sb.append(WORDS[random.nextInt(WORDS.length)]);
                case 4 -> sb.append(digits(random, 1 + random.nextInt(4)));
                case 5 -> sb.append(digits(random, 1 + random.nextInt(20)));
                case 6 -> {
                    String card = randomCard(random);
                    secrets.add(card);
                    sb.append(group(random, card));
                }
                case 7 -> {
                    String phone = randomFrenchPhone(random);
                    secrets.add(phone);
                    sb.append(group(random, phone));
                }
                case 8 -> sb.append(random.nextBoolean() ? "jean.dupont" + digits(random, 4) + "@orange.fr"
                        : digits(random, 2) + " rue des Lilas");
                case 9 -> {
                    String iban = randomFrenchIban(random);
                    secrets.add(iban.substring(4));
                    sb.append(group(random, iban));
                }
                case 10 -> {
                    String phone = randomFrenchPhone(random);
                    secrets.add(phone.substring(1));
                    sb.append("+33 ").append(group(random, phone.substring(1)));
                }
                default -> sb.append(digits(random, 1)).append(' ').append(digits(random, 1)).append(' ')
                        .append(digits(random, 1)).append(' ').append(digits(random, 1));
            }
        }
        return sb.toString();
    }

    /** Short texts dense in what the rules look at around a number: cue words, fillers, units, placeholders. */
    private static String randomCueText(Random random) {
        StringBuilder sb = new StringBuilder();
        int parts = 2 + random.nextInt(9);
        for (int p = 0; p < parts; p++) {
            if (p > 0) {
                sb.append(random.nextInt(6) == 0 ? ", " : " ");
            }
            if (random.nextInt(5) < 2) {
                sb.append(digits(random, 1 + random.nextInt(random.nextBoolean() ? 4 : 9)));
            } else {
                sb.append(CUE_WORDS[random.nextInt(CUE_WORDS.length)]);
            }
        }
        return sb.toString();
    }

    private static final String[] CUE_WORDS = {"code", "[CODE]", "[NUMERO]", "[TELEPHONE]", "derrière", "cryptogramme",
            "pin", "c'est", "et", "le", "de", "virement", "montant", "récupère", "euros", "€", "ans", "en", "mars", "depuis",
            "quatre", "mille", "vingt", "un", "rue", "avenue", "Victor", "Hugo", "FR", "DE", "+33", "bis"};

    private static String digits(Random random, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    /** A Luhn-valid 16-digit number starting with 4 or 5. */
    static String randomCard(Random random) {
        String body = (random.nextBoolean() ? "4" : "5") + digits(random, 14);
        for (int check = 0; check <= 9; check++) {
            if (Checksums.luhn(body + check)) {
                return body + check;
            }
        }
        throw new AssertionError("no Luhn digit for " + body);
    }

    static String randomFrenchIban(Random random) {
        String bban = digits(random, 23);
        BigInteger n = new BigInteger(bban + "1527" + "00"); // F=15 R=27, check digits 00
        int check = 98 - n.mod(BigInteger.valueOf(97)).intValue();
        return "FR" + String.format("%02d", check) + bban;
    }

    static String randomFrenchPhone(Random random) {
        return "0" + (1 + random.nextInt(9)) + digits(random, 8);
    }

    /** Writes digits the way people and speech recognition do: in one block, by 4, by 2, or one by one. */
    private static String group(Random random, String value) {
        int size = new int[] {value.length(), 4, 2, 1, 3}[random.nextInt(5)];
        String sep = random.nextBoolean() ? " " : random.nextBoolean() ? "-" : ".";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i += size) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(value, i, Math.min(value.length(), i + size));
        }
        return sb.toString();
    }
}
