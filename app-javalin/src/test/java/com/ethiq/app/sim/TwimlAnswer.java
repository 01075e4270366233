package com.ethiq.app.sim;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What Twilio would do with a TwiML document, reduced to what the simulator acts on: a media stream to open (URL,
 * parameters, status callback), a conference to join (name, status callback), a SIP address to dial, a spoken text,
 * a rejection. Parsed with the JDK's XML parser (external entities off). Immutable.
 */
public record TwimlAnswer(String xml, Optional<String> streamUrl, Map<String, String> streamParameters,
                          Optional<String> streamStatusCallback, String streamTrack, Optional<String> conference,
                          Optional<String> conferenceStatusCallback, Optional<String> dialedSip,
                          Optional<String> dialCallerId, Optional<String> said, boolean rejected) {

    public static TwimlAnswer parse(String xml) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not TwiML: " + xml, e);
        }
        Element root = doc.getDocumentElement();
        if (!"Response".equals(root.getTagName())) {
            throw new IllegalArgumentException("TwiML root must be <Response>, got <" + root.getTagName() + ">");
        }
        Optional<Element> stream = first(root, "Stream");
        Map<String, String> params = new LinkedHashMap<>();
        stream.ifPresent(s -> {
            NodeList ps = s.getElementsByTagName("Parameter");
            for (int i = 0; i < ps.getLength(); i++) {
                Element p = (Element) ps.item(i);
                params.put(p.getAttribute("name"), p.getAttribute("value"));
            }
        });
        Optional<Element> conference = first(root, "Conference");
        Optional<Element> dial = first(root, "Dial");
        return new TwimlAnswer(xml,
                stream.map(s -> s.getAttribute("url")),
                Map.copyOf(params),
                stream.map(s -> s.getAttribute("statusCallback")).filter(v -> !v.isEmpty()),
                stream.map(s -> s.getAttribute("track")).orElse(""),
                conference.map(c -> c.getTextContent().strip()),
                conference.map(c -> c.getAttribute("statusCallback")).filter(v -> !v.isEmpty()),
                first(root, "Sip").map(s -> s.getTextContent().strip()),
                dial.map(d -> d.getAttribute("callerId")).filter(v -> !v.isEmpty()),
                first(root, "Say").map(s -> s.getTextContent().strip()),
                // refused: <Reject> (not answered), or a polite <Say> ended by <Hangup/> without connecting anyone
                first(root, "Reject").isPresent() || (first(root, "Hangup").isPresent() && dial.isEmpty()));
    }

    /** The conference's waitUrl (what the caller hears alone while the protected person's phone rings), if any. */
    public Optional<String> waitUrl() {
        try {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = factory.newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))).getDocumentElement();
            return first(root, "Conference").map(c -> c.getAttribute("waitUrl")).filter(v -> !v.isEmpty());
        } catch (Exception e) {
            throw new IllegalStateException("unparsable TwiML", e);
        }
    }

    /** The URL a {@code <Play>} plays, if any. */
    public Optional<String> playUrl() {
        return Optional.of(xml).filter(x -> x.contains("<Play")).map(x -> x.substring(x.indexOf('>', x.indexOf("<Play")) + 1,
                x.indexOf("</Play>")).strip());
    }

    public boolean protectedCall() {
        return streamUrl.isPresent() && conference.isPresent();
    }

    private static Optional<Element> first(Element root, String tag) {
        NodeList nodes = root.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? Optional.empty() : Optional.of((Element) nodes.item(0));
    }
}
