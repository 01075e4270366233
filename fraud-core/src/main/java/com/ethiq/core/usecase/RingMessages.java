package com.ethiq.core.usecase;

import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.RingResult;
import com.ethiq.core.domain.Tenant;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** What the caller hears when the protected person cannot take the call, and what the account is told when the phone seems offline. */
public final class RingMessages {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter FR_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH'h'mm", Locale.FRENCH).withZone(PARIS);
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneId.of("UTC"));

    private RingMessages() {
    }

    /** Short and polite: the line works, the person cannot answer now. Never says why (busy or offline is private). */
    public static String unavailable(Language language, RingResult why) {
        return switch (language) {
            case FRENCH -> "Votre correspondant n'est pas disponible pour le moment. Merci de rappeler plus tard. Au revoir.";
            case ENGLISH -> "The person you are calling is not available right now. Please call again later. Goodbye.";
        };
    }

    /** The SMS to the account: the protected person's phone did not answer the network several times in a row. */
    public static String phoneOffline(Tenant tenant, int failedCalls, Optional<Instant> lastReachable) {
        Language language = tenant.settings().language();
        return switch (language) {
            case FRENCH -> "Ethiq : le téléphone protégé de " + tenant.displayName() + " semble hors ligne ("
                    + failedCalls + " appels de suite n'ont pas pu le joindre). "
                    + lastReachable.map(t -> "Dernière fois joignable : le " + FR_TIME.format(t) + ".")
                    .orElse("Il n'a répondu à aucun des derniers appels.")
                    + " Vérifiez qu'il est branché et connecté.";
            case ENGLISH -> "Ethiq: the protected phone of " + tenant.displayName() + " seems offline (" + failedCalls
                    + " calls in a row could not reach it). "
                    + lastReachable.map(t -> "Last reachable: " + EN_TIME.format(t) + ".")
                    .orElse("It answered none of the recent calls.")
                    + " Check that it is plugged in and connected.";
        };
    }
}
