package com.ethiq.app.api;

import com.ethiq.core.management.identity.PermissionMatrix;
import com.ethiq.core.management.identity.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the OpenAPI 3.0 document from the route table and the request/response records (by reflection), so the
 * document cannot drift from what is registered and what is (de)serialised. Each operation states its
 * authentication, the permission it needs, which roles hold it and whether step-up is required. Stateless.
 */
final class OpenApiDocument {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z]+)}");

    private OpenApiDocument() {
    }

    static byte[] build(List<ApiRoute> routes, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("openapi", "3.0.3");
        ObjectNode info = root.putObject("info");
        info.put("title", "Ethiq management API");
        info.put("version", "1");
        info.put("description", "Accounts, users, roles, 2FA, audit trail, usage, the operators' number pool. Errors are RFC 7807 problem details. "
                + "See docs/api.md.");
        ObjectNode paths = root.putObject("paths");
        Map<String, Class<?>> schemas = new TreeMap<>();
        for (ApiRoute r : routes) {
            ObjectNode item = paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
            item.set(r.method().toLowerCase(Locale.ROOT), operation(r, mapper, schemas));
        }
        ObjectNode components = root.putObject("components");
        ObjectNode sec = components.putObject("securitySchemes").putObject("bearerAuth");
        sec.put("type", "http");
        sec.put("scheme", "bearer");
        sec.put("bearerFormat", "JWT");
        ObjectNode schemaNodes = components.putObject("schemas");
        schemas.put("Problem", Problem.class);
        // Schemas may pull in nested records: keep going until no new name appears.
        List<String> done = new ArrayList<>();
        while (done.size() < schemas.size()) {
            for (String name : new ArrayList<>(schemas.keySet())) {
                if (!done.contains(name)) {
                    schemaNodes.set(name, recordSchema(schemas.get(name), mapper, schemas));
                    done.add(name);
                }
            }
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException("OpenAPI document not serialisable", e);
        }
    }

    private static ObjectNode operation(ApiRoute r, ObjectMapper mapper, Map<String, Class<?>> schemas) {
        ObjectNode op = mapper.createObjectNode();
        op.put("operationId", operationId(r));
        op.putArray("tags").add(r.tag());
        op.put("summary", r.summary());
        StringBuilder desc = new StringBuilder();
        switch (r.access()) {
            case PUBLIC -> desc.append("No authentication.");
            case AUTHENTICATED -> desc.append("Any signed-in user, on themselves.");
            case OPERATOR -> {
                desc.append("Platform operators only; any other user (tenant owners and admins included) gets 403. Audited.");
                op.put("x-operator", true);
            }
            case ACCOUNT -> {
                List<String> holders = new ArrayList<>();
                for (Role role : Role.values()) {
                    if (PermissionMatrix.allows(role, r.permission())) {
                        holders.add(role.wire());
                    }
                }
                if (PermissionMatrix.operatorAllows(r.permission())) {
                    holders.add("operator");
                }
                desc.append("Permission `").append(r.permission().wire()).append("`, held by: ").append(String.join(", ", holders))
                        .append(". Other accounts' ids answer 404.");
                op.put("x-permission", r.permission().wire());
            }
        }
        if (r.stepUp()) {
            desc.append(" Needs a step-up not older than 5 minutes (401 step-up-required otherwise).");
            op.put("x-step-up", true);
        }
        op.put("description", desc.toString());
        ArrayNode security = op.putArray("security");
        if (r.access() != ApiRoute.Access.PUBLIC) {
            security.addObject().putArray("bearerAuth");
        }
        ArrayNode params = op.putArray("parameters");
        Matcher m = PATH_PARAM.matcher(r.path());
        while (m.find()) {
            ObjectNode p = params.addObject();
            p.put("name", m.group(1));
            p.put("in", "path");
            p.put("required", true);
            ObjectNode s = p.putObject("schema");
            s.put("type", "string");
            if (m.group(1).endsWith("Id")) {
                s.put("format", "uuid");
            }
        }
        for (ApiRoute.QueryParam q : r.query()) {
            ObjectNode p = params.addObject();
            p.put("name", q.name());
            p.put("in", "query");
            p.put("required", q.required());
            p.put("description", q.description());
            ObjectNode s = p.putObject("schema");
            if (q.type().equals("date-time")) {
                s.put("type", "string");
                s.put("format", "date-time");
            } else {
                s.put("type", q.type());
            }
        }
        if (r.requestBody() != null) {
            ObjectNode body = op.putObject("requestBody");
            body.put("required", !r.optionalBody());
            body.putObject("content").putObject("application/json").putObject("schema").put("$ref", ref(r.requestBody(), schemas));
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject(Integer.toString(r.successStatus()));
        ok.put("description", r.successStatus() == 204 ? "Done, no content" : "Success");
        if (r.responseBody() == CsvWriter.class) {
            ok.putObject("content").putObject("text/csv").putObject("schema").put("type", "string");
        } else if (r.responseBody() == com.ethiq.app.evidence.EvidencePdf.class) {
            ok.putObject("content").putObject("application/pdf").putObject("schema").put("type", "string").put("format", "binary");
        } else if (r.responseBody() != null) {
            ok.putObject("content").putObject("application/json").putObject("schema").put("$ref", ref(r.responseBody(), schemas));
        } else if (r.successStatus() != 204) {
            ok.putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        }
        problem(responses, "400", "Invalid request (the detail names the field)", schemas);
        if (r.access() != ApiRoute.Access.PUBLIC) {
            problem(responses, "401", "Missing, invalid or expired token; or step-up required", schemas);
        } else if (r.rateLimit() == ApiRoute.RateLimit.AUTH) {
            problem(responses, "401", "Credentials or token not accepted (one message for every reason)", schemas);
        }
        if (r.access() == ApiRoute.Access.ACCOUNT) {
            problem(responses, "403", "Your role lacks the permission", schemas);
        }
        if (r.access() == ApiRoute.Access.OPERATOR) {
            problem(responses, "403", "Not a platform operator", schemas);
            problem(responses, "502", "The telephony provider refused or failed (the detail says how)", schemas);
        }
        if (r.access() == ApiRoute.Access.ACCOUNT || r.path().contains("{")) {
            problem(responses, "404", "No such resource, or not yours", schemas);
        }
        if (!r.method().equals("GET")) {
            problem(responses, "409", "Conflicts with the current state", schemas);
        }
        problem(responses, "413", "Body over the size cap", schemas);
        problem(responses, "429", "Too many attempts (Retry-After says when to retry)", schemas);
        problem(responses, "503", "Temporarily unavailable (Retry-After)", schemas);
        return op;
    }

    private static void problem(ObjectNode responses, String status, String description, Map<String, Class<?>> schemas) {
        ObjectNode r = responses.putObject(status);
        r.put("description", description);
        r.putObject("content").putObject("application/problem+json").putObject("schema").put("$ref", ref(Problem.class, schemas));
    }

    static String operationId(ApiRoute r) {
        String[] parts = r.path().replaceAll("[{}]", "").replace(".json", "").split("[/-]");
        StringBuilder sb = new StringBuilder(r.method().toLowerCase(Locale.ROOT));
        for (String p : parts) {
            if (!p.isEmpty() && !p.equals("api")) {
                sb.append(Character.toUpperCase(p.charAt(0))).append(p.substring(1));
            }
        }
        return sb.toString();
    }

    static String schemaName(Class<?> type) {
        String outer = type.getEnclosingClass() == ApiRequests.class ? "Request" : "";
        return type.getSimpleName() + outer;
    }

    private static String ref(Class<?> type, Map<String, Class<?>> schemas) {
        schemas.put(schemaName(type), type);
        return "#/components/schemas/" + schemaName(type);
    }

    private static ObjectNode recordSchema(Class<?> type, ObjectMapper mapper, Map<String, Class<?>> schemas) {
        ObjectNode s = mapper.createObjectNode();
        s.put("type", "object");
        if (type.getEnclosingClass() == ApiRequests.class) {
            s.put("additionalProperties", false);
        }
        ObjectNode props = s.putObject("properties");
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                props.set(c.getName(), typeSchema(c.getGenericType(), mapper, schemas));
            }
        }
        return s;
    }

    private static ObjectNode typeSchema(Type t, ObjectMapper mapper, Map<String, Class<?>> schemas) {
        ObjectNode s = mapper.createObjectNode();
        if (t instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                s.put("type", "array");
                s.set("items", typeSchema(p.getActualTypeArguments()[0], mapper, schemas));
                return s;
            }
            if (Map.class.isAssignableFrom(raw)) {
                s.put("type", "object");
                s.set("additionalProperties", typeSchema(p.getActualTypeArguments()[1], mapper, schemas));
                return s;
            }
        }
        Class<?> c = (Class<?>) t;
        if (c == String.class) {
            s.put("type", "string");
        } else if (c == UUID.class) {
            s.put("type", "string");
            s.put("format", "uuid");
        } else if (c == Instant.class) {
            s.put("type", "string");
            s.put("format", "date-time");
        } else if (c == int.class || c == Integer.class) {
            s.put("type", "integer");
            s.put("format", "int32");
        } else if (c == long.class || c == Long.class) {
            s.put("type", "integer");
            s.put("format", "int64");
        } else if (c == double.class || c == Double.class) {
            s.put("type", "number");
        } else if (c == boolean.class || c == Boolean.class) {
            s.put("type", "boolean");
        } else if (c.isRecord()) {
            s.put("$ref", ref(c, schemas));
        } else {
            throw new IllegalStateException("no OpenAPI mapping for " + c.getName());
        }
        return s;
    }
}
