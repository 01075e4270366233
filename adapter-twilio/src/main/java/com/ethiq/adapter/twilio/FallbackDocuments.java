package com.ethiq.adapter.twilio;

import com.ethiq.core.domain.Tenant;
import com.ethiq.core.port.NumberPool;
import com.ethiq.core.port.Tenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes the {@link FallbackTwiml} document of every provisioned number — each pool number held by an account that
 * has a SIP address — into a directory, one {@code <digits>.xml} per number, for an operator to upload to a static
 * host the nodes do not share (issue 22, item 6). Each file is written to a temporary name and moved into place, so a
 * sync running meanwhile never uploads half a document.
 */
public final class FallbackDocuments {
    private final NumberPool pool;
    private final Tenants tenants;
    private final Optional<String> region;

    public FallbackDocuments(NumberPool pool, Tenants tenants, Optional<String> region) {
        this.pool = Objects.requireNonNull(pool, "'pool' must not be null");
        this.tenants = Objects.requireNonNull(tenants, "'tenants' must not be null");
        this.region = Objects.requireNonNull(region, "'region' must not be null");
    }

    /** Writes the documents; returns the files written, in pool order. */
    public List<Path> writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> written = new ArrayList<>();
            for (NumberPool.PoolEntry e : pool.entries()) {
                if (e.assignedTo() == null) {
                    continue;
                }
                Optional<Tenant> tenant = tenants.findById(e.assignedTo());
                if (tenant.isEmpty() || !e.number().equals(tenant.get().twilioNumber())) {
                    continue; // not provisioned (yet): the node's own webhook is all it has
                }
                Path target = dir.resolve(FallbackTwiml.fileName(e.number()));
                Path tmp = dir.resolve(target.getFileName() + ".tmp");
                Files.writeString(tmp, FallbackTwiml.document(tenant.get().sipAddress(), region), StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(target);
            }
            return List.copyOf(written);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fallback documents to " + dir + ": " + e.getMessage(), e);
        }
    }
}
