package com.ethiq.core.management.backoffice.evidence;

import java.util.List;

/**
 * Where a family in France reports a phone scam, in plain words, in French and English. Written once here so the
 * PDF, the JSON and the family page say the same thing. Numbers and addresses are the public services' own.
 */
public final class ReportingPaths {

    private ReportingPaths() {
    }

    /** One place to report: what to do there, in both languages, and how to reach it. */
    public record ReportingPath(String id, String titleFr, String whatFr, String titleEn, String whatEn, String contact) {
    }

    /** France: bank first (money can still be stopped), then the complaint, 17Cyber, Info Escroqueries, 33700. */
    public static List<ReportingPath> france() {
        return List.of(
                new ReportingPath("bank",
                        "Votre banque, tout de suite",
                        "Appelez la ligne fraude ou opposition de votre banque (numéro au dos de la carte ou dans "
                                + "l'application), jamais un numéro donné par l'appelant. Faites opposition à la carte, "
                                + "demandez le blocage ou le rappel des virements et gardez ce dossier pour le "
                                + "remboursement. Opposition carte, tous réseaux : 0 892 705 705.",
                        "Your bank, right away",
                        "Call your bank's fraud or card-blocking line (the number on the back of the card or in the "
                                + "app), never a number the caller gave. Block the card, ask for transfers to be stopped "
                                + "or recalled, and keep this pack for the refund claim. Card blocking, every network: "
                                + "+33 892 705 705.",
                        "0 892 705 705"),
                new ReportingPath("complaint",
                        "Porter plainte (police ou gendarmerie)",
                        "Déposez plainte au commissariat ou à la brigade de gendarmerie avec ce dossier imprimé. "
                                + "Pour gagner du temps, faites d'abord une pré-plainte en ligne "
                                + "(pre-plainte-en-ligne.gouv.fr). Si l'escroquerie a continué sur internet (paiement, "
                                + "site, courriel), la plainte en ligne THESEE est sur service-public.fr.",
                        "File a complaint (police or gendarmerie)",
                        "File a complaint at a police station or gendarmerie with this pack printed. To save time, "
                                + "start with the online pre-complaint (pre-plainte-en-ligne.gouv.fr). If the scam went "
                                + "on online (payment, website, e-mail), the THESEE online complaint is on "
                                + "service-public.fr.",
                        "pre-plainte-en-ligne.gouv.fr · service-public.fr (THESEE)"),
                new ReportingPath("17cyber",
                        "17Cyber",
                        "Le guichet des victimes d'arnaques et de cybermalveillance, avec la police et la gendarmerie : "
                                + "un diagnostic, les bons réflexes et un échange avec un agent si besoin.",
                        "17Cyber",
                        "The French police and gendarmerie help desk for scam and cybercrime victims: a diagnosis, "
                                + "what to do now, and a chat with an officer if needed.",
                        "17cyber.gouv.fr"),
                new ReportingPath("info_escroqueries",
                        "Info Escroqueries",
                        "Une ligne gratuite de la police pour demander conseil sur une escroquerie.",
                        "Info Escroqueries",
                        "A free police line for advice about a scam.",
                        "0 805 805 817"),
                new ReportingPath("33700",
                        "33700 : SMS et appels indésirables",
                        "Transférez gratuitement au 33700 tout SMS d'arnaque reçu (faux colis, fausse banque...) ; "
                                + "un appel frauduleux se signale sur 33700.fr.",
                        "33700: scam texts and calls",
                        "Forward any scam text message (fake parcel, fake bank...) to 33700 for free; a scam call is "
                                + "reported on 33700.fr.",
                        "33700 · 33700.fr"));
    }
}
