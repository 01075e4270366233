package com.ethiq.app.sim;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The parts of the TwiML answer a Twilio call would act on (what {@link CallSimulator} follows). */
record SimulatedTwiml(String streamUrl, String streamName, Map<String, String> parameters, String streamCallback,
             String conference, String conferenceCallback, String summary, String waitUrl) {
    static SimulatedTwiml parse(String xml) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"Response".equals(root.getTagName())) {
            throw new IllegalArgumentException("root element is <" + root.getTagName() + ">, not <Response>");
        }
        String url = null;
        String name = "";
        String streamCallback = null;
        Map<String, String> params = new LinkedHashMap<>();
        NodeList streams = root.getElementsByTagName("Stream");
        if (streams.getLength() > 0) {
            Element s = (Element) streams.item(0);
            url = s.getAttribute("url");
            name = s.getAttribute("name");
            streamCallback = s.getAttribute("statusCallback");
            NodeList ps = s.getElementsByTagName("Parameter");
            for (int i = 0; i < ps.getLength(); i++) {
                Element p = (Element) ps.item(i);
                params.put(p.getAttribute("name"), p.getAttribute("value"));
            }
        }
        String conference = "";
        String conferenceCallback = null;
        String waitUrl = null;
        NodeList conferences = root.getElementsByTagName("Conference");
        if (conferences.getLength() > 0) {
            Element c = (Element) conferences.item(0);
            conference = c.getTextContent().strip();
            conferenceCallback = c.getAttribute("statusCallback");
            waitUrl = c.getAttribute("waitUrl").isEmpty() ? null : c.getAttribute("waitUrl");
        }
        List<String> verbs = new ArrayList<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e) {
                verbs.add("<" + e.getTagName() + ">");
            }
        }
        return new SimulatedTwiml(url == null || url.isEmpty() ? null : url, name, params, streamCallback, conference,
                conferenceCallback, String.join("", verbs), waitUrl);
    }
}

