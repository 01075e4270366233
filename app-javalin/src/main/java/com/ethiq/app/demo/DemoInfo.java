package com.ethiq.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code <data folder>/demo.json}: what {@code ./ethiq simulate} needs to call the demo account as Twilio would (the
 * server's URL, the demo number, its fake Account SID and auth token, a caller number) and the dashboard login.
 * Written by {@code ./ethiq serve} in simulated mode only, readable by its owner only; the credentials in it are fake
 * and work on this local server only. Immutable.
 */
public record DemoInfo(URI baseUrl, String tenantNumber, String accountSid, String authToken, String callerNumber,
                       String loginEmail, String loginPassword) {
    public static final String FILE = "demo.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public DemoInfo {
        Objects.requireNonNull(baseUrl, "'baseUrl' must not be null");
        Objects.requireNonNull(tenantNumber, "'tenantNumber' must not be null");
        Objects.requireNonNull(accountSid, "'accountSid' must not be null");
        Objects.requireNonNull(authToken, "'authToken' must not be null");
        Objects.requireNonNull(callerNumber, "'callerNumber' must not be null");
        loginEmail = loginEmail == null ? "" : loginEmail;
        loginPassword = loginPassword == null ? "" : loginPassword;
    }

    public static DemoInfo of(URI baseUrl, DemoTenant demo) {
        return new DemoInfo(baseUrl, demo.number(), demo.accountSid(), demo.authToken(), demo.callerNumber(),
                demo.loginEmail(), demo.loginPassword());
    }

    public void write(Path dataFolder) {
        ObjectNode n = JSON.createObjectNode();
        n.put("baseUrl", baseUrl.toString());
        n.put("tenantNumber", tenantNumber);
        n.put("accountSid", accountSid);
        n.put("authToken", authToken);
        n.put("callerNumber", callerNumber);
        n.putObject("login").put("email", loginEmail).put("password", loginPassword);
        try {
            Files.createDirectories(dataFolder);
            LocalSecrets.writePrivate(dataFolder.resolve(FILE), w -> w.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataFolder.resolve(FILE).toAbsolutePath(), e);
        }
    }

    public static DemoInfo read(Path file) {
        JsonNode n;
        try {
            n = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath() + " (is './ethiq serve' running in "
                    + "simulated mode from this folder?): " + e.getMessage(), e);
        }
        return new DemoInfo(URI.create(n.path("baseUrl").asText()), n.path("tenantNumber").asText(), n.path("accountSid").asText(),
                n.path("authToken").asText(), n.path("callerNumber").asText(), n.path("login").path("email").asText(""),
                n.path("login").path("password").asText(""));
    }

    @Override
    public String toString() {
        return "DemoInfo[baseUrl=" + baseUrl + ", tenantNumber=" + tenantNumber + ", accountSid=" + accountSid + ", authToken=****]";
    }
}
