package com.ethiq.core.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.PhoneNumber;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstitutionDirectoryTest {
    private static final String ONE = """
            @version 7
            [acme]
            name = Banque Acmé
            claims = fake_bank_adviser
            aliases = Banque Acmé, acme
            numbers = +33100000001, +33100000002
            dial = 3999
            unsolicited = no
            never_asks = un code
            advice = Appelez le 3999.
            """;

    @Test
    void parsesAVersionedDirectoryAndNormalisesAliases() {
        InstitutionDirectory d = InstitutionDirectory.parse(ONE);

        assertThat(d.version()).isEqualTo("7");
        Institution acme = d.find("acme").orElseThrow();
        assertThat(acme.aliases()).containsExactly("banque acme", "acme");
        assertThat(acme.numbers()).containsExactlyInAnyOrder(PhoneNumber.of("+33100000001"), PhoneNumber.of("+33100000002"));
        assertThat(acme.unsolicited()).isFalse();
        assertThat(d.named("Bonjour, ici la BANQUE ACMÉ !", Set.of(ScamCategory.FAKE_BANK_ADVISER))).contains(acme);
        assertThat(d.named("acmeco", Set.of(ScamCategory.FAKE_BANK_ADVISER))).isEmpty();
        assertThat(d.named("acme", Set.of(ScamCategory.FAKE_POLICE))).isEmpty();
    }

    @Test
    void theEarliestNamedInstitutionWins() {
        InstitutionDirectory d = InstitutionDirectory.bundled();
        Set<ScamCategory> bank = Set.of(ScamCategory.FAKE_BANK_ADVISER);

        assertThat(d.named("ici bnp paribas on travaille avec la societe generale", bank)).map(Institution::id).contains("bnp_paribas");
        assertThat(d.named("ici la societe generale on travaille avec bnp", bank)).map(Institution::id).contains("societe_generale");
    }

    @Test
    void normalisedTextIsReturnedAsItIsAndTheRestIsNormalisedAsBefore() {
        String normalised = "ici la banque acme 3999";
        assertThat(InstitutionDirectory.normalize(normalised)).isSameAs(normalised);
        assertThat(InstitutionDirectory.normalize("")).isEmpty();
        assertThat(InstitutionDirectory.normalize(null)).isEmpty();
        // each of these misses the form by one character, and gets the full pass
        assertThat(InstitutionDirectory.normalize("ici  la banque")).isEqualTo("ici la banque");
        assertThat(InstitutionDirectory.normalize(" ici la banque")).isEqualTo("ici la banque");
        assertThat(InstitutionDirectory.normalize("ici la banque ")).isEqualTo("ici la banque");
        assertThat(InstitutionDirectory.normalize("ici la Banque")).isEqualTo("ici la banque");
        assertThat(InstitutionDirectory.normalize("ici la banque acmé")).isEqualTo("ici la banque acme");
        assertThat(InstitutionDirectory.normalize("impots.gouv")).isEqualTo("impots gouv");
        // words normalised one segment at a time, joined by a space, read as the whole text normalised at once
        String a = "Bonjour, ici la BANQUE", b = "Acmé !";
        assertThat(InstitutionDirectory.normalize(InstitutionDirectory.normalize(a) + " " + InstitutionDirectory.normalize(b)))
                .isEqualTo(InstitutionDirectory.normalize(a + " " + b));
    }

    @Test
    void rejectsBrokenDirectoriesWithTheReason() {
        assertThatThrownBy(() -> InstitutionDirectory.parse(ONE.replace("@version 7", "")))
                .hasMessageContaining("@version");
        assertThatThrownBy(() -> InstitutionDirectory.parse(ONE.replace("+33100000001", "0100000001")))
                .hasMessageContaining("E.164");
        assertThatThrownBy(() -> InstitutionDirectory.parse(ONE.replace("fake_bank_adviser", "fake_bankers")))
                .hasMessageContaining("unknown category");
        assertThatThrownBy(() -> InstitutionDirectory.parse(ONE + ONE.replace("@version 7", "")))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> InstitutionDirectory.parse(ONE + "\nnonsense"))
                .hasMessageContaining("line");
    }
}
