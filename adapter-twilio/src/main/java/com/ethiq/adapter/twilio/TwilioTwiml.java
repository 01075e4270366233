package com.ethiq.adapter.twilio;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallControl;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Reject;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Start;
import com.twilio.twiml.voice.Stream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders the TwiML documents the app answers Twilio with, using twilio-java's builders (so text is XML-escaped).
 * Inputs are core and JDK types; output is the XML string to send with {@code Content-Type: text/xml}. With
 * {@code requireTls} (production) it refuses http:// and ws:// URLs. Stateless, thread-safe.
 */
public final class TwilioTwiml {
    /** {@code <Stream name>} prefix; the stream status callback reports it as StreamName. */
    public static final String STREAM_NAME_PREFIX = "ethiq-";
    static final int MAX_SAY_CHARS = 4000;

    private final boolean requireTls;

    public TwilioTwiml(TwilioSettings settings) {
        this(Objects.requireNonNull(settings, "'settings' must not be null").requireTls());
    }

    public TwilioTwiml(boolean requireTls) {
        this.requireTls = requireTls;
    }

    /**
     * A protected call: start a unidirectional media stream of both tracks (caller and conference mix) to
     * {@code streamUrl} with the per-call token, call SID and tenant as {@code <Parameter>}s (never in the URL: Twilio
     * drops query strings there), then put the caller into the tenant's conference.
     *
     * @param tenant                   the tenant the call belongs to
     * @param callSid                  Twilio's CallSid of the incoming leg
     * @param conference               the conference name (opaque, no phone number)
     * @param streamUrl                {@code wss://…} without query string
     * @param streamToken              short-lived per-call token checked when the stream's {@code start} arrives
     * @param streamStatusCallback     receives stream-started/stopped/error
     * @param conferenceStatusCallback receives start, end, join, leave and announcement events
     * @param waitUrl                  what the caller hears alone in the conference while the protected person's phone
     *                                 rings (fetched with POST; answered with {@link #waitAudio}: the ringback tone)
     */
    public String protect(TenantId tenant, CallSid callSid, ConferenceName conference, URI streamUrl, String streamToken,
                          URI streamStatusCallback, URI conferenceStatusCallback, URI waitUrl) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        Objects.requireNonNull(conference, "'conference' must not be null");
        if (streamToken == null || streamToken.isBlank()) {
            throw new IllegalArgumentException("'streamToken' must not be blank");
        }
        String stream = webSocketUrl(streamUrl, "streamUrl");
        String streamCallback = httpUrl(streamStatusCallback, "streamStatusCallback");
        String conferenceCallback = httpUrl(conferenceStatusCallback, "conferenceStatusCallback");
        String wait = httpUrl(waitUrl, "waitUrl");

        Stream streamVerb = new Stream.Builder()
                .url(stream)
                .name(STREAM_NAME_PREFIX + callSid.value())
                .track(Stream.Track.BOTH_TRACKS)
                .statusCallback(streamCallback)
                .statusCallbackMethod(Stream.StatusCallbackMethod.POST)
                .parameter(parameter("token", streamToken))
                .parameter(parameter("callSid", callSid.value()))
                .parameter(parameter("tenantId", tenant.toString()))
                .build();
        com.twilio.twiml.voice.Conference room = new com.twilio.twiml.voice.Conference.Builder(conference.value())
                .startConferenceOnEnter(true)
                .endConferenceOnExit(true)
                .beep(com.twilio.twiml.voice.Conference.Beep.FALSE)
                .waitUrl(wait)
                .waitMethod(com.twilio.http.HttpMethod.POST)
                .statusCallback(conferenceCallback)
                .statusCallbackMethod(com.twilio.http.HttpMethod.POST)
                .statusCallbackEvents(List.of(
                        com.twilio.twiml.voice.Conference.Event.START,
                        com.twilio.twiml.voice.Conference.Event.END,
                        com.twilio.twiml.voice.Conference.Event.JOIN,
                        com.twilio.twiml.voice.Conference.Event.LEAVE,
                        com.twilio.twiml.voice.Conference.Event.ANNOUNCEMENT))
                .build();
        return xml(new VoiceResponse.Builder()
                .start(new Start.Builder().stream(streamVerb).build())
                .dial(new Dial.Builder().conference(room).build())
                .build());
    }

    /**
     * The document behind the conference's waitUrl: the ringback tone, looped until the conference starts (the protected
     * person joins) or the caller leaves. {@code loop="0"} repeats it (Twilio: until the call ends or 1000 times); a
     * waitUrl document may only hold {@code <Play>}, {@code <Say>}, {@code <Pause>}, {@code <Redirect>}.
     */
    public String waitAudio(URI audio) {
        String url = httpUrl(audio, "audio");
        return xml(new VoiceResponse.Builder().play(new Play.Builder(url).loop(0).build()).build());
    }

    /**
     * What a caller gets when the protected person cannot take the call: a message then hang up, or a forward to the
     * account's voicemail (a SIP address or a number, showing the tenant's number, answered on bridge so the caller
     * hears it ring) followed by the message if the forward ends. Given to the live call with a Calls update.
     */
    public static String diversion(CallControl.Diversion diversion) {
        Objects.requireNonNull(diversion, "'diversion' must not be null");
        VoiceResponse.Builder doc = new VoiceResponse.Builder();
        if (diversion instanceof CallControl.Diversion.Forward forward) {
            Dial.Builder dial = new Dial.Builder().callerId(forward.callerId().e164()).answerOnBridge(true);
            if (forward.destination().startsWith("sip")) {
                dial.sip(new com.twilio.twiml.voice.Sip.Builder(forward.destination()).build());
            } else {
                dial.number(new com.twilio.twiml.voice.Number.Builder(forward.destination()).build());
            }
            doc.dial(dial.build());
            doc.say(say(forward.fallback().text(), forward.fallback().language()));
        } else {
            CallControl.Diversion.Message message = (CallControl.Diversion.Message) diversion;
            doc.say(say(message.text(), message.language()));
        }
        return xml(doc.hangup(new Hangup.Builder().build()).build());
    }

    /**
     * A call that must go through unprotected (suspended account): dial the protected person's SIP address directly,
     * showing the tenant's number. No stream, no conference: nothing listens, so nothing can be announced.
     * {@code answerOnBridge} keeps the caller hearing ringing until the person answers.
     */
    public String connectUnprotected(SipAddress protectedPerson, PhoneNumber tenantNumber) {
        Objects.requireNonNull(protectedPerson, "'protectedPerson' must not be null");
        Objects.requireNonNull(tenantNumber, "'tenantNumber' must not be null");
        return xml(new VoiceResponse.Builder()
                .dial(new Dial.Builder()
                        .callerId(tenantNumber.e164())
                        .answerOnBridge(true)
                        .sip(new com.twilio.twiml.voice.Sip.Builder(protectedPerson.uri()).build())
                        .build())
                .build());
    }

    /** Refuses the call without answering it (no charge, the caller hears a "not in service"-style tone). */
    public String reject() {
        return xml(new VoiceResponse.Builder().reject(new Reject.Builder().reason(Reject.Reason.REJECTED).build()).build());
    }

    /**
     * Says {@code politeMessage} then hangs up, e.g. for a cancelled account. Twilio must answer the call to speak (the
     * call is billed as answered), and it documents {@code <Reject>} only as the first verb ("Any other response will
     * result in an answered call"): after a {@code <Say>} the documented way to end is {@code <Hangup/>}.
     */
    public String reject(String politeMessage, Language language) {
        return xml(new VoiceResponse.Builder()
                .say(say(politeMessage, language))
                .hangup(new Hangup.Builder().build())
                .build());
    }

    /**
     * The document behind an AnnounceUrl: one {@code <Say>} in the language's voice (fr-FR Polly.Lea-Neural,
     * en-US Polly.Joanna-Neural). Only verbs a conference announcement accepts.
     */
    public String announcement(String text, Language language) {
        return xml(new VoiceResponse.Builder().say(say(text, language)).build());
    }

    /**
     * An empty document: the answer to a repeated fetch of an announcement already served (nothing is spoken twice;
     * Twilio ends an announcement whose document has no verb).
     */
    public static String empty() {
        return xml(new VoiceResponse.Builder().build());
    }

    // ---------------------------------------------------------------- internals

    private static Say say(String text, Language language) {
        Objects.requireNonNull(language, "'language' must not be null");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("'text' must not be blank");
        }
        if (text.length() > MAX_SAY_CHARS) {
            throw new IllegalArgumentException("'text' must be at most " + MAX_SAY_CHARS + " characters, got " + text.length());
        }
        return switch (language) {
            case FRENCH -> new Say.Builder(text).language(Say.Language.FR_FR).voice(Say.Voice.POLLY_LEA_NEURAL).build();
            case ENGLISH -> new Say.Builder(text).language(Say.Language.EN_US).voice(Say.Voice.POLLY_JOANNA_NEURAL).build();
        };
    }

    private static Parameter parameter(String name, String value) {
        return new Parameter.Builder().name(name).value(value).build();
    }

    private String webSocketUrl(URI url, String name) {
        Objects.requireNonNull(url, "'" + name + "' must not be null");
        String scheme = scheme(url);
        if (!(scheme.equals("wss") || (!requireTls && scheme.equals("ws"))) || url.getHost() == null) {
            throw new IllegalArgumentException("'" + name + "' must be an absolute " + (requireTls ? "wss://" : "wss:// or ws://")
                    + " URL, got '" + url + "'");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + name + "' must have no query string (Twilio drops it; use <Parameter>), got '" + url + "'");
        }
        return url.toString();
    }

    private String httpUrl(URI url, String name) {
        Objects.requireNonNull(url, "'" + name + "' must not be null");
        String scheme = scheme(url);
        if (!(scheme.equals("https") || (!requireTls && scheme.equals("http"))) || url.getHost() == null) {
            throw new IllegalArgumentException("'" + name + "' must be an absolute " + (requireTls ? "https://" : "https:// or http://")
                    + " URL, got '" + url + "'");
        }
        return url.toString();
    }

    private static String scheme(URI url) {
        return url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    }

    private static String xml(VoiceResponse response) {
        try {
            return response.toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("twilio-java could not render TwiML", e);
        }
    }
}
