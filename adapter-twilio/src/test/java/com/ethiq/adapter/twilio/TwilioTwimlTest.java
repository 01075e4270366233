package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallControl;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Renders each document and checks its parsed structure (element order, attributes, escaped text). */
class TwilioTwimlTest {
    private static final TenantId TENANT = TenantId.of("3f2b8c1e-0d4a-4b7e-9c55-1a2b3c4d5e6f");
    private static final CallSid CALL = CallSid.of("CA0123456789abcdef0123456789abcdef");
    private static final ConferenceName CONF = ConferenceName.forCall(TENANT, CALL);
    private static final URI STREAM = URI.create("wss://voice.example.com/twilio/media");
    private static final URI STREAM_STATUS = URI.create("https://voice.example.com/twilio/stream-status");
    private static final URI CONF_STATUS = URI.create("https://voice.example.com/twilio/conference-status");
    private static final URI WAIT = URI.create("https://voice.example.com/twilio/wait?tenant=" + TENANT);

    private final TwilioTwiml production = new TwilioTwiml(true);

    @Test
    void protectStartsABothTracksStreamWithParametersThenDialsTheConference() throws Exception {
        String token = "eyJhbGciOiJIUzI1NiJ9.x&y<z>\"q\".sig";

        Element response = parse(production.protect(TENANT, CALL, CONF, STREAM, token, STREAM_STATUS, CONF_STATUS, WAIT));

        assertThat(response.getTagName()).isEqualTo("Response");
        assertThat(children(response)).extracting(Element::getTagName).containsExactly("Start", "Dial");
        Element stream = only(children(response).get(0), "Stream");
        assertThat(stream.getAttribute("url")).isEqualTo("wss://voice.example.com/twilio/media").doesNotContain("?");
        assertThat(stream.getAttribute("track")).isEqualTo("both_tracks");
        assertThat(stream.getAttribute("name")).isEqualTo("ethiq-" + CALL.value());
        assertThat(stream.getAttribute("statusCallback")).isEqualTo(STREAM_STATUS.toString());
        assertThat(stream.getAttribute("statusCallbackMethod")).isEqualTo("POST");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Element p : children(stream)) {
            assertThat(p.getTagName()).isEqualTo("Parameter");
            parameters.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        assertThat(parameters).containsExactly(
                Map.entry("token", token), Map.entry("callSid", CALL.value()), Map.entry("tenantId", TENANT.toString()));

        Element conference = only(children(response).get(1), "Conference");
        assertThat(conference.getTextContent()).isEqualTo(CONF.value());
        assertThat(conference.getAttribute("startConferenceOnEnter")).isEqualTo("true");
        assertThat(conference.getAttribute("endConferenceOnExit")).isEqualTo("true");
        assertThat(conference.getAttribute("beep")).isEqualTo("false");
        assertThat(conference.getAttribute("waitUrl")).as("ringback while the person's phone rings").isEqualTo(WAIT.toString());
        assertThat(conference.getAttribute("waitMethod")).isEqualTo("POST");
        assertThat(conference.getAttribute("statusCallback")).isEqualTo(CONF_STATUS.toString());
        assertThat(conference.getAttribute("statusCallbackMethod")).isEqualTo("POST");
        assertThat(conference.getAttribute("statusCallbackEvent")).isEqualTo("start end join leave announcement");
    }

    @Test
    void productionRefusesPlainWebSocketsAndHttpCallbacks() {
        assertThatThrownBy(() -> production.protect(TENANT, CALL, CONF, URI.create("ws://voice.example.com/media"), "t", STREAM_STATUS, CONF_STATUS, WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'streamUrl'").hasMessageContaining("wss://");
        assertThatThrownBy(() -> production.protect(TENANT, CALL, CONF, STREAM, "t", URI.create("http://voice.example.com/s"), CONF_STATUS, WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'streamStatusCallback'");
        assertThatThrownBy(() -> production.protect(TENANT, CALL, CONF, STREAM, "t", STREAM_STATUS, URI.create("http://voice.example.com/c"), WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'conferenceStatusCallback'");
        assertThatThrownBy(() -> production.protect(TENANT, CALL, CONF, URI.create("https://voice.example.com/media"), "t", STREAM_STATUS, CONF_STATUS, WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'streamUrl'");
    }

    @Test
    void developmentAllowsPlainUrlsButNeverAQueryStringOnTheStream() throws Exception {
        TwilioTwiml dev = new TwilioTwiml(false);

        Element response = parse(dev.protect(TENANT, CALL, CONF, URI.create("ws://127.0.0.1:7070/media"), "t",
                URI.create("http://127.0.0.1:7070/s"), URI.create("http://127.0.0.1:7070/c"), URI.create("http://127.0.0.1:7070/w")));
        assertThat(only(children(response).get(0), "Stream").getAttribute("url")).isEqualTo("ws://127.0.0.1:7070/media");

        assertThatThrownBy(() -> dev.protect(TENANT, CALL, CONF, URI.create("wss://voice.example.com/media?token=abc"), "t", STREAM_STATUS, CONF_STATUS, WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no query string");
        assertThatThrownBy(() -> dev.protect(TENANT, CALL, CONF, STREAM, " ", STREAM_STATUS, CONF_STATUS, WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'streamToken'");
    }

    @Test
    void theWaitDocumentLoopsTheRingbackAndProductionRefusesAnHttpWaitUrl() throws Exception {
        Element response = parse(production.waitAudio(URI.create("https://voice.example.com/twilio/ringback/fr.wav")));
        Element play = only(response, "Play");
        assertThat(play.getTextContent()).isEqualTo("https://voice.example.com/twilio/ringback/fr.wav");
        assertThat(play.getAttribute("loop")).as("0 = until the conference starts").isEqualTo("0");
        assertThatThrownBy(() -> production.protect(TENANT, CALL, CONF, STREAM, "t", STREAM_STATUS, CONF_STATUS,
                URI.create("http://voice.example.com/twilio/wait")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'waitUrl'");
    }

    @Test
    void aDivertedCallerHearsThePoliteMessageThenTheCallEnds() throws Exception {
        Element response = parse(TwilioTwiml.diversion(new CallControl.Diversion.Message("Votre correspondant n'est pas disponible.",
                Language.FRENCH)));
        assertThat(children(response)).extracting(Element::getTagName).containsExactly("Say", "Hangup");
        assertThat(children(response).get(0).getAttribute("language")).isEqualTo("fr-FR");
        assertThat(children(response).get(0).getTextContent()).isEqualTo("Votre correspondant n'est pas disponible.");
    }

    @Test
    void aForwardToTheVoicemailDialsItShowingTheTenantNumberThenSaysGoodbye() throws Exception {
        var message = new CallControl.Diversion.Message("Au revoir.", Language.FRENCH);
        Element sip = parse(TwilioTwiml.diversion(new CallControl.Diversion.Forward("sip:messagerie@famille.sip.twilio.com",
                PhoneNumber.of("+33184800000"), message)));
        assertThat(children(sip)).extracting(Element::getTagName).containsExactly("Dial", "Say", "Hangup");
        Element dial = children(sip).get(0);
        assertThat(dial.getAttribute("callerId")).isEqualTo("+33184800000");
        assertThat(dial.getAttribute("answerOnBridge")).isEqualTo("true");
        assertThat(only(dial, "Sip").getTextContent()).isEqualTo("sip:messagerie@famille.sip.twilio.com");

        Element number = parse(TwilioTwiml.diversion(new CallControl.Diversion.Forward("+33612345678", PhoneNumber.of("+33184800000"), message)));
        assertThat(only(children(number).get(0), "Number").getTextContent()).isEqualTo("+33612345678");
    }

    @Test
    void unprotectedCallsDialTheSipAddressWithTheTenantNumber() throws Exception {
        Element response = parse(production.connectUnprotected(SipAddress.of("sip:mamie@famille.sip.twilio.com"), PhoneNumber.of("+33184800000")));

        Element dial = only(response, "Dial");
        assertThat(dial.getAttribute("callerId")).isEqualTo("+33184800000");
        assertThat(dial.getAttribute("answerOnBridge")).isEqualTo("true");
        assertThat(only(dial, "Sip").getTextContent()).isEqualTo("sip:mamie@famille.sip.twilio.com");
    }

    @Test
    void rejectRefusesWithoutAnswering() throws Exception {
        Element response = parse(production.reject());

        assertThat(only(response, "Reject").getAttribute("reason")).isEqualTo("rejected");
    }

    @Test
    void aPoliteRejectSpeaksFrenchFirstThenHangsUp() throws Exception {
        Element response = parse(production.reject("Ce service n'est plus actif. Au revoir.", Language.FRENCH));

        // <Reject> is documented only as the first verb; after <Say> the call is answered and ends with <Hangup/>.
        assertThat(children(response)).extracting(Element::getTagName).containsExactly("Say", "Hangup");
        Element say = children(response).get(0);
        assertThat(say.getAttribute("language")).isEqualTo("fr-FR");
        assertThat(say.getAttribute("voice")).isEqualTo("Polly.Lea-Neural");
        assertThat(say.getTextContent()).isEqualTo("Ce service n'est plus actif. Au revoir.");
    }

    @Test
    void announcementsUseTheLanguagesVoiceAndEscapeText() throws Exception {
        Element fr = only(parse(production.announcement("Attention : ne donnez < aucun > code & raccrochez.", Language.FRENCH)), "Say");
        Element en = only(parse(production.announcement("Warning: hang up.", Language.ENGLISH)), "Say");

        assertThat(fr.getAttribute("language")).isEqualTo("fr-FR");
        assertThat(fr.getAttribute("voice")).isEqualTo("Polly.Lea-Neural");
        assertThat(fr.getTextContent()).isEqualTo("Attention : ne donnez < aucun > code & raccrochez.");
        assertThat(en.getAttribute("language")).isEqualTo("en-US");
        assertThat(en.getAttribute("voice")).isEqualTo("Polly.Joanna-Neural");
        assertThatThrownBy(() -> production.announcement(" ", Language.FRENCH)).hasMessageContaining("'text'");
        assertThatThrownBy(() -> production.announcement("x".repeat(4001), Language.FRENCH)).hasMessageContaining("at most");
    }

    @Test
    void documentsStartWithTheXmlDeclaration() {
        assertThat(production.reject()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
    }

    // ---------------------------------------------------------------- XML helpers

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return doc.getDocumentElement();
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                out.add(child);
            }
        }
        return out;
    }

    private static Element only(Element parent, String tag) {
        List<Element> c = children(parent);
        assertThat(c).as("children of <%s>", parent.getTagName()).extracting(Element::getTagName).containsExactly(tag);
        return c.get(0);
    }
}
