package com.ethiq.core.fake;

import com.ethiq.core.port.InstitutionDirectories;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** In-memory {@link InstitutionDirectories}. Thread-safe. */
public final class InMemoryInstitutionDirectories implements InstitutionDirectories {
    private final List<Published> versions = new ArrayList<>();

    @Override
    public synchronized Optional<Published> current() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    @Override
    public synchronized boolean publish(Published version) {
        if (versions.stream().anyMatch(v -> v.version().equals(version.version()))) {
            return false;
        }
        versions.add(version);
        return true;
    }
}
