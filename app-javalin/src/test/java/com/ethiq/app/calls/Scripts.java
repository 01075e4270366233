package com.ethiq.app.calls;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import java.time.Duration;
import java.util.List;

/** What the two parties of a test call say (French), and how much audio the scripted recogniser needs for it. */
final class Scripts {
    static final List<String> SCAM_CALLER = List.of(
            "bonjour madame je suis le conseiller de la banque service fraude de votre agence",
            "nous avons détecté un paiement suspect sur votre carte bancaire",
            "je vais vous envoyer un code par sms vous allez me le lire pour annuler l'opération",
            "un coursier va passer chercher votre carte bancaire à votre domicile");
    static final List<String> SCAM_CALLEE = List.of("ah bonjour oui", "non ce n'est pas moi", "d'accord");
    static final List<String> LEGIT_CALLER = List.of(
            "coucou maman c'est moi je t'appelle pour dimanche",
            "très bien on viendra déjeuner avec les enfants vers midi",
            "je t'embrasse à dimanche");
    static final List<String> LEGIT_CALLEE = List.of("ah bonjour ma chérie comment vas-tu", "parfait je ferai un gratin");

    private Scripts() {
    }

    /** Scripts both tracks of a call; returns the audio needed for the longer one, plus a margin. */
    static Duration script(ScriptedSpeechTranscriber speech, String callSid, List<String> caller, List<String> callee) {
        speech.script(CallSid.of(callSid), Speaker.CALLER, caller);
        speech.script(CallSid.of(callSid), Speaker.CALLEE, callee);
        Duration a = speech.audioNeeded(caller);
        Duration b = speech.audioNeeded(callee);
        return (a.compareTo(b) > 0 ? a : b).plusMillis(400);
    }

    static Duration scam(ScriptedSpeechTranscriber speech, String callSid) {
        return script(speech, callSid, SCAM_CALLER, SCAM_CALLEE);
    }

    static Duration legit(ScriptedSpeechTranscriber speech, String callSid) {
        return script(speech, callSid, LEGIT_CALLER, LEGIT_CALLEE);
    }
}
