package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Our own warning, recognised on the conference mix, is told apart from what the protected person says. */
class AnnouncementEchoTest {
    private static final String WARNING = "Attention, cet appel ressemble à une arnaque. Ne donnez aucun code bancaire.";

    @Test
    void theWarningsOwnWordsAreAnEchoWhateverTheAccentsOrCase() {
        AnnouncementEcho echo = new AnnouncementEcho();
        assertThat(echo.matches("cet appel ressemble a une arnaque")).as("nothing announced yet").isFalse();
        echo.add(WARNING);

        assertThat(echo.matches("cet appel ressemble a une arnaque")).isTrue();
        assertThat(echo.matches("NE DONNEZ AUCUN CODE BANCAIRE")).isTrue();
        assertThat(echo.matches("attention cet appel ressemble à une")).isTrue();
    }

    @Test
    void thePersonsOwnWordsAreNot() {
        AnnouncementEcho echo = new AnnouncementEcho();
        echo.add(WARNING);

        assertThat(echo.matches("oui je vous donne mon code tout de suite")).isFalse();
        assertThat(echo.matches("une arnaque vous dites mais mon conseiller m'a appelé")).isFalse();
        assertThat(echo.matches("arnaque")).as("a single word proves nothing").isFalse();
        assertThat(echo.matches("")).isFalse();
    }
}
