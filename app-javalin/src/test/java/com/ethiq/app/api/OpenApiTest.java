package com.ethiq.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.fake.InsecureFastPasswordHasher;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.router.ParsedEndpoint;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document against what Javalin actually routes and what the handlers actually read. */
class OpenApiTest {
    private static ApiHarness h;
    private static JsonNode doc;

    @BeforeAll
    static void start() {
        h = new ApiHarness(ApiSettings.DEFAULT, new InsecureFastPasswordHasher());
        ApiHarness.Response r = h.call("GET", "/api/openapi.json", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        doc = r.json();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void documentsExactlyTheRoutesJavalinServes() {
        Set<String> registered = new HashSet<>();
        for (ParsedEndpoint e : h.app.unsafe.internalRouter.allHttpHandlers()) {
            if (e.endpoint.method.isHttpMethod() && e.endpoint.path.startsWith("/api")) {
                registered.add(e.endpoint.method.name() + " " + e.endpoint.path);
            }
        }
        Set<String> documented = new HashSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        assertThat(documented).isEqualTo(registered);
        assertThat(registered).hasSize(h.api.routes().size());
        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
    }

    @Test
    void statesAuthenticationPermissionAndStepUpOfEveryOperation() {
        for (ApiRoute r : h.api.routes()) {
            JsonNode op = doc.get("paths").get(r.path()).get(r.method().toLowerCase(Locale.ROOT));
            boolean secured = op.get("security").size() > 0;
            assertThat(secured).as(r.path()).isEqualTo(r.access() != ApiRoute.Access.PUBLIC);
            if (r.access() == ApiRoute.Access.ACCOUNT) {
                assertThat(op.get("x-permission").asText()).isEqualTo(r.permission().wire());
                assertThat(op.get("responses").has("403")).isTrue();
                assertThat(op.get("responses").has("404")).isTrue();
            }
            if (r.access() == ApiRoute.Access.OPERATOR) {
                assertThat(op.get("x-operator").asBoolean()).as(r.path()).isTrue();
                assertThat(op.get("responses").has("403")).as(r.path()).isTrue();
                assertThat(r.path()).startsWith("/api/platform/");
            }
            assertThat(op.has("x-step-up")).as(r.path()).isEqualTo(r.stepUp());
            if (secured) {
                assertThat(op.get("responses").has("401")).isTrue();
            }
            assertThat(op.get("responses").has(Integer.toString(r.successStatus()))).isTrue();
        }
    }

    @Test
    void everyReferenceResolvesAndRequestSchemasMatchTheRecordsTheHandlersRead() {
        JsonNode schemas = doc.get("components").get("schemas");
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(schemas.has(ref.substring(ref.lastIndexOf('/') + 1))).as(ref).isTrue());
        for (ApiRoute r : h.api.routes()) {
            if (r.requestBody() == null) {
                continue;
            }
            JsonNode schema = schemas.get(OpenApiDocument.schemaName(r.requestBody()));
            assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
            Set<String> fields = new HashSet<>();
            for (RecordComponent c : r.requestBody().getRecordComponents()) {
                fields.add(c.getName());
            }
            Set<String> documented = new HashSet<>();
            schema.get("properties").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as(r.path()).isEqualTo(fields);
        }
    }

    @Test
    void documentsTheProblemShape() {
        JsonNode problem = doc.get("components").get("schemas").get("Problem").get("properties");
        Set<String> names = new HashSet<>();
        problem.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "errors");
        assertThat(doc.get("components").get("securitySchemes").get("bearerAuth").get("scheme").asText()).isEqualTo("bearer");
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, out));
        }
    }
}
