package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.contract.ContractFixtures;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.InMemoryNumberPool;
import com.ethiq.core.fake.InMemoryTenants;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 22, item 6: one valid fallback document per provisioned number, with that account's SIP address. */
class FallbackDocumentsTest {
    @TempDir
    Path dir;

    @Test
    void everyProvisionedNumberGetsItsDocumentAndFreeNumbersNone() throws Exception {
        InMemoryTenants tenants = new InMemoryTenants();
        InMemoryNumberPool pool = new InMemoryNumberPool(tenants);
        PhoneNumber a = PhoneNumber.of("+33184800101");
        PhoneNumber b = PhoneNumber.of("+33184800102");
        PhoneNumber free = PhoneNumber.of("+33184800103");
        pool.add(a, "FR");
        pool.add(b, "FR");
        pool.add(free, "FR");
        Tenant ta = ContractFixtures.tenantWithoutNumber(TenantId.random());
        Tenant tb = ContractFixtures.tenantWithoutNumber(TenantId.random());
        tenants.create(ta);
        tenants.create(tb);
        assertThat(pool.assign(ta.id(), "FR", Instant.now())).contains(a);
        assertThat(pool.assign(tb.id(), "FR", Instant.now())).contains(b);

        List<Path> written = new FallbackDocuments(pool, tenants, Optional.of("ie1")).writeTo(dir);

        assertThat(written).containsExactly(dir.resolve("33184800101.xml"), dir.resolve("33184800102.xml"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("33184800101.xml", "33184800102.xml");
        }
        assertThat(sipOf(dir.resolve("33184800101.xml"))).isEqualTo(ta.sipAddress().uri() + ";region=ie1");
        assertThat(sipOf(dir.resolve("33184800102.xml"))).isEqualTo(tb.sipAddress().uri() + ";region=ie1");
    }

    private static String sipOf(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("Response");
        return doc.getElementsByTagName("Dial").item(0).getFirstChild().getTextContent();
    }
}
