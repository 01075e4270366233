package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Issue 22, item 6: the static fallback document of a number and the fallback URL that names it. */
class FallbackTwimlTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDocumentIsTwimlDialingTheProtectedPersonsSipAddressInTheRegion() throws Exception {
        Document d = parse(FallbackTwiml.document(SipAddress.of("sip:jeanne@pbx.example.fr"), Optional.of("ie1")));

        Element response = d.getDocumentElement();
        assertThat(response.getTagName()).isEqualTo("Response");
        assertThat(response.getChildNodes().getLength()).isEqualTo(1);
        Element dial = (Element) response.getFirstChild();
        assertThat(dial.getTagName()).isEqualTo("Dial");
        assertThat(dial.hasAttribute("callerId")).as("the caller's number passes through").isFalse();
        Element sip = (Element) dial.getFirstChild();
        assertThat(sip.getTagName()).isEqualTo("Sip");
        assertThat(sip.getTextContent()).isEqualTo("sip:jeanne@pbx.example.fr;region=ie1");
    }

    @Test
    void aTwilioSipDomainKeepsItsGlobalUriAndNoRegionMeansNone() throws Exception {
        assertThat(parse(FallbackTwiml.document(SipAddress.of("sip:jeanne@mamie.sip.twilio.com"), Optional.of("ie1")))
                .getElementsByTagName("Sip").item(0).getTextContent()).isEqualTo("sip:jeanne@mamie.sip.twilio.com");
        assertThat(parse(FallbackTwiml.document(SipAddress.of("sip:jeanne@pbx.example.fr"), Optional.empty()))
                .getElementsByTagName("Sip").item(0).getTextContent()).isEqualTo("sip:jeanne@pbx.example.fr");
    }

    @Test
    void theFallbackUrlCarriesTheNumberWithoutThePlus() {
        URI template = FallbackTwiml.template("https://cdn.example.net/ethiq/{number}.xml");
        PhoneNumber n = PhoneNumber.of("+33184800001");

        assertThat(FallbackTwiml.namesTheNumber(template)).isTrue();
        assertThat(FallbackTwiml.forNumber(template, n)).hasToString("https://cdn.example.net/ethiq/33184800001.xml");
        assertThat(FallbackTwiml.fileName(n)).isEqualTo("33184800001.xml");
        URI fixed = URI.create("https://handler.twilio.com/twiml/EH0123");
        assertThat(FallbackTwiml.forNumber(fixed, n)).isEqualTo(fixed);
    }
}
