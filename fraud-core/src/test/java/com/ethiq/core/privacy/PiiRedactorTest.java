package com.ethiq.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiRedactorTest {

    private final PiiRedactor redactor = PiiRedactor.standard();

    private String redact(String text) {
        return redactor.redact(text);
    }

    @Nested
    class Cards {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "ma carte c'est 4970 1012 3456 7893 voilà|ma carte c'est [CARTE] voilà",
                "4970101234567893|[CARTE]",
                "le numéro 4970-1012-3456-7893 expire|le numéro [CARTE] expire",
                "amex 3782 822463 10005 ok|amex [CARTE] ok",
                "4 9 7 0 1 0 1 2 3 4 5 6 7 8 9 3|[CARTE]"})
        void luhnValidNumbersBecomeCarte(String input, String expected) {
            assertThat(redact(input)).isEqualTo(expected);
        }

        @Test
        void digitsAroundACardStayClassifiedOnTheirOwn() {
            assertThat(redact("12 4970 1012 3456 7893 34")).isEqualTo("12 [CARTE] 34");
        }

        @Test
        void aLongNumberFailingLuhnIsStillHidden() {
            assertThat(redact("4970 1012 3456 7891")).isEqualTo("[NUMERO]");
        }

        @Test
        void cardNumbersReadAsWordsAreHidden() {
            assertThat(redact("quatre neuf sept zéro un zéro un deux trois quatre cinq six sept huit neuf trois"))
                    .isEqualTo("[CARTE]");
        }
    }

    @Nested
    class Ibans {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "FR76 3000 6000 0112 3456 7890 189|[IBAN]",
                "virez sur FR7630006000011234567890189 merci|virez sur [IBAN] merci",
                "fr76 3000 6000 0112 3456 7890 189 merci|[IBAN] merci",
                "FR 76 3000 6000 0112 3456 7890 189|[IBAN]",
                "DE89 3704 0044 0532 0130 00 vite|[IBAN] vite",
                "GB82 WEST 1234 5698 7654 32|[IBAN]",
                "BE68 5390 0754 7034|[IBAN]"})
        void validIbansBecomeIban(String input, String expected) {
            assertThat(redact(input)).isEqualTo(expected);
        }

        @Test
        void anIbanWithABadChecksumLeavesNoDigitRunBehind() {
            String out = redact("FR77 3000 6000 0112 3456 7890 189");
            assertThat(out).doesNotContain("3000").doesNotContain("189").contains("[NUMERO]");
        }
    }

    @Nested
    class Codes {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "bon alors 4 8 2 9 1 7|bon alors [CODE]",
                "mon code c'est 4829|mon code c'est [CODE]",
                "c'est le 2 7 1 9|c'est le [CODE]",
                "48 29 17|[CODE]",
                "4, 8, 2, 9|[CODE]",
                "quatre huit deux neuf|[CODE]",
                "vingt-deux trente-sept|[CODE]",
                "four eight two nine one seven|[CODE]",
                "code4829 reçu|code[CODE] reçu",
                "le 4 8 deux neuf|le [CODE]"})
        void codesAndPinsBecomeCode(String input, String expected) {
            assertThat(redact(input)).isEqualTo(expected);
        }

        @Test
        void aMoneyWordBeforeACodeShapedNumberDoesNotKeepAPhoneOrACard() {
            assertThat(redact("virement de 06 12 34 56 78")).isEqualTo("virement de [TELEPHONE]");
            assertThat(redact("le montant 4970 1012 3456 7893")).isEqualTo("le montant [CARTE]");
            assertThat(redact("le code de 4829")).isEqualTo("le code de [CODE]");
            assertThat(redact("le montant quatre huit deux neuf euros")).isEqualTo("le montant [CODE] euros");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "08 27 et derrière 5 1 2|[CODE] et derrière [CODE]",
                "le cryptogramme c'est 512|le cryptogramme c'est [CODE]",
                "mon code pin c'est 123|mon code pin c'est [CODE]",
                "the CVV is 512|the CVV is [CODE]"})
        void threeDigitsAfterASecretCodeWordAreHidden(String input, String expected) {
            assertThat(redact(input)).isEqualTo(expected);
        }

        @Test
        void aPlaceholderIsNotACueWord() {
            assertThat(redact("4829 et 512")).isEqualTo("[CODE] et 512");
            assertThat(redact("[CODE] et 512")).isEqualTo("[CODE] et 512");
        }

        @Test
        void threeDigitsElsewhereStayReadable() {
            assertThat(redact("le code postal a changé il y a 512 jours")).isEqualTo("le code postal a changé il y a 512 jours");
            assertThat(redact("il a 103 ans")).isEqualTo("il a 103 ans");
        }

        @Test
        void remoteAccessIdsAndOtherLongNumbersBecomeNumero() {
            assertThat(redact("il y a un numéro 8 1 2 4 4 0 9 1 6")).isEqualTo("il y a un numéro [NUMERO]");
            assertThat(redact("client 123456789012")).isEqualTo("client [NUMERO]");
        }
    }

    @Nested
    class Phones {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "rappelez le 06 12 34 56 78 merci|rappelez le [TELEPHONE] merci",
                "0612345678|[TELEPHONE]",
                "06.12.34.56.78|[TELEPHONE]",
                "06-12-34-56-78|[TELEPHONE]",
                "+33 6 12 34 56 78|[TELEPHONE]",
                "+33612345678|[TELEPHONE]",
                "+33 (0)6 12 34 56 78|[TELEPHONE]",
                "0033 6 12 34 56 78|[TELEPHONE]",
                "+44 20 7946 0958|[TELEPHONE]",
                "zéro six douze trente-quatre cinquante-six soixante-dix-huit|[TELEPHONE]",
                "appelez le 01 23 45 67 89.|appelez le [TELEPHONE]."})
        void phoneNumbersBecomeTelephone(String input, String expected) {
            assertThat(redact(input)).isEqualTo(expected);
        }

        @Test
        void theArticleUnIsNotReadAsADigit() {
            assertThat(redact("c'est un 06 qui termine par 47 12")).isEqualTo("c'est un 06 qui termine par [CODE]");
        }
    }

    @Nested
    class Emails {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "écrivez à jean.dupont1948@orange.fr svp|écrivez à [EMAIL] svp",
                "jean point dupont arobase gmail point com|[EMAIL]",
                "marie.durand arobase free.fr merci|[EMAIL] merci",
                "send it to john dot smith at gmail dot com|send it to [EMAIL]"})
        void emailsBecomeEmail(String input, String expected) {
            assertThat(redact(input)).isEqualTo(expected);
        }

        @Test
        void anEnglishAtIsNotAnEmail() {
            assertThat(redact("look at this point now")).isEqualTo("look at this point now");
        }
    }

    @Nested
    class Addresses {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "j'ai bien votre adresse au 14 rue des Tilleuls à Niort|j'ai bien votre adresse au [ADRESSE] à Niort",
                "on a votre adresse 8 allée des Acacias c'est bien ça|on a votre adresse [ADRESSE] c'est bien ça",
                "au 12 bis avenue Victor Hugo, 75016 Paris|au [ADRESSE]",
                "3 rue de la paix|[ADRESSE]",
                "5 place de l'Église ce soir|[ADRESSE] ce soir",
                "75011 Paris|[ADRESSE]",
                "I live at 221B Baker Street, London|I live at [ADRESSE], London",
                "10 Downing Street SW1A 2AA|[ADRESSE]"})
        void addressesBecomeAdresse(String input, String expected) {
            assertThat(redact(input)).isEqualTo(expected);
        }

        @Test
        void ordinaryWordsAfterANumberAreNotAnAddress() {
            assertThat(redact("j'ai 2 place pour le concert")).isEqualTo("j'ai 2 place pour le concert");
            assertThat(redact("j'ai 2 cours de yoga")).isEqualTo("j'ai 2 cours de yoga");
        }
    }

    @Nested
    class OrdinaryNumbers {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "un paiement de 1450 euros sur un site",
                "un autre de 890 euros",
                "il a déjà préparé un virement de 3200 euros",
                "1 450 € ou 12,50 € ou €1450",
                "vous allez perdre plus de quatre mille euros",
                "une caution de six mille euros",
                "dans les 24 heures",
                "j'ai 82 ans et 3 enfants",
                "le 15 mars 2024",
                "né en 1948",
                "vers 15 heures il aura un badge",
                "un taux de 4,5 %",
                "appelez le 17 ou le 112",
                "un virement de 7800 vers le compte",
                "le montant 1 450 sera débité",
                "on récupère 30000 la semaine prochaine",
                "le matricule 4 5 B 2 2"})
        void amountsQuantitiesAndYearsStayReadable(String input) {
            assertThat(redact(input)).isEqualTo(input);
        }

        @Test
        void textWithoutPersonalDataIsReturnedUnchanged() {
            String text = "Bonjour madame, ici le service des fraudes de votre banque, ne raccrochez pas.";
            assertThat(redact(text)).isSameAs(text);
        }
    }

    @Nested
    class Names {
        @Test
        void givenNamesAreHiddenAsWholeWordsIgnoringCase() {
            PiiRedactor withNames = redactor.withNames(List.of("Jeanne Martin", "Julien", "Al"));
            assertThat(withNames.redact("bonjour madame jeanne martin, votre fils Julien a eu un accident"))
                    .isEqualTo("bonjour madame [NOM], votre fils [NOM] a eu un accident");
            assertThat(withNames.redact("Julienne et Al")).isEqualTo("Julienne et Al");
        }
    }

    @Test
    void countsEachKindFound() {
        Redaction r = redactor.redactCounting("code 4829, carte 4970 1012 3456 7893, tel 06 12 34 56 78, 1450 euros");
        assertThat(r.count(PiiKind.CODE)).isEqualTo(1);
        assertThat(r.count(PiiKind.CARD)).isEqualTo(1);
        assertThat(r.count(PiiKind.PHONE)).isEqualTo(1);
        assertThat(r.total()).isEqualTo(3);
        assertThat(r.text()).contains("1450 euros");
    }

    @Test
    void nullTextIsRejectedNamingTheParameter() {
        assertThatThrownBy(() -> redactor.redact(null)).hasMessageContaining("'text'");
    }

    @Test
    void placeholdersSurviveASecondPass() {
        String once = redact("FR76 3000 6000 0112 3456 7890 189, carte 4970 1012 3456 7893, tel 06 12 34 56 78, code 4829,"
                + " a@b.fr, 3 rue de la paix");
        assertThat(once).isEqualTo("[IBAN], carte [CARTE], tel [TELEPHONE], code [CODE], [EMAIL], [ADRESSE]");
        assertThat(redact(once)).isEqualTo(once);
    }
}
