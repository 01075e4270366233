package com.ethiq.app.load;

import com.ethiq.core.domain.Speaker;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import com.ethiq.core.port.SpeechTranscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load server's recogniser: the scripted one, scripting each call the moment its stream opens (the generator's
 * call sids say which calls are scams, see {@link LoadPlan#isScam}). Every call talks all along, so recognition and
 * detection work continues for the whole run. Thread-safe.
 */
final class AutoScriptingTranscriber implements SpeechTranscriber {
    static final List<String> LEGIT = List.of(
            "coucou maman c'est moi je t'appelle pour dimanche",
            "très bien on viendra déjeuner avec les enfants vers midi",
            "le petit a eu une bonne note en mathématiques cette semaine",
            "il fait beau ici on est allés se promener au parc",
            "je t'embrasse fort à dimanche");
    static final List<String> SCAM = List.of(
            "bonjour madame je suis le conseiller de la banque service fraude de votre agence",
            "nous avons détecté un paiement suspect sur votre carte bancaire",
            "je vais vous envoyer un code par sms vous allez me le lire pour annuler l'opération",
            "un coursier va passer chercher votre carte bancaire à votre domicile");
    static final List<String> ANSWERS = List.of("oui", "ah bon d'accord", "très bien", "je vois", "d'accord merci");

    private final ScriptedSpeechTranscriber delegate;
    private final Set<String> scripted = ConcurrentHashMap.newKeySet();
    private final List<String> legitTalk;
    private final List<String> answers;

    AutoScriptingTranscriber(ScriptedSpeechTranscriber delegate) {
        this.delegate = delegate;
        this.legitTalk = repeat(LEGIT, 60);
        this.answers = repeat(ANSWERS, 60);
    }

    /**
     * How many ordinary lines (after the first) a scam call with this sid says before its scam: 0-15, by sid. The
     * harness opens its calls within seconds, and identical scripts made every scam of a run surface in the same
     * second (a burst of sends, not the one scam among many live calls that the alert latency figure is about).
     */
    static int linesBeforeScam(String callSid) {
        return Math.floorMod(callSid.hashCode(), 16);
    }

    private static List<String> repeat(List<String> lines, int times) {
        List<String> out = new ArrayList<>(lines.size() * times);
        for (int i = 0; i < times; i++) {
            out.addAll(lines);
        }
        return List.copyOf(out);
    }

    @Override
    public TranscriptionStream open(TranscriptionRequest request, TranscriptListener listener) {
        if (scripted.add(request.callSid().value() + "/" + request.speaker())) {
            if (request.speaker() == Speaker.CALLER) {
                List<String> lines = new ArrayList<>();
                lines.add(LEGIT.get(0));
                if (LoadPlan.isScam(request.callSid().value())) {
                    lines.addAll(legitTalk.subList(0, linesBeforeScam(request.callSid().value())));
                    lines.addAll(SCAM);
                }
                lines.addAll(legitTalk);
                delegate.script(request.callSid(), Speaker.CALLER, lines);
            } else {
                delegate.script(request.callSid(), Speaker.CALLEE, answers);
            }
        }
        TranscriptionStream stream = delegate.open(request, listener);
        return new TranscriptionStream() {
            @Override
            public void push(byte[] mulaw) {
                stream.push(mulaw);
            }

            @Override
            public void close() {
                stream.close();
                delegate.forget(request.callSid());
                scripted.remove(request.callSid().value() + "/" + request.speaker());
            }
        };
    }
}
