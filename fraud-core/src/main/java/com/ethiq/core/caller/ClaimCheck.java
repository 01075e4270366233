package com.ethiq.core.caller;

import com.ethiq.core.detection.CueKind;
import com.ethiq.core.detection.FraudCue;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Core step: when detection heard an identity claim, which institution does the caller claim to be, and is the caller
 * ID one of its numbers? It reads the verdict's identity-claim cues (their categories say what kind of institution is
 * claimed) and the caller's words (which name it); it never changes the rules. Works without an attestation.
 * Thread-safe.
 */
public final class ClaimCheck {
    private final Supplier<InstitutionDirectory> directory;

    public ClaimCheck(InstitutionDirectory directory) {
        Objects.requireNonNull(directory, "'directory' must not be null");
        this.directory = () -> directory;
    }

    /** A directory that may change while the node runs ({@link LiveInstitutionDirectory}): read at each check. */
    public ClaimCheck(Supplier<InstitutionDirectory> directory) {
        this.directory = Objects.requireNonNull(directory, "'directory' must not be null");
    }

    public InstitutionDirectory directory() {
        return directory.get();
    }

    /** {@code callerWords} is what the caller said so far (their track only). */
    public Optional<ClaimFinding> check(Verdict rules, String callerWords, CallerContext caller) {
        Set<ScamCategory> claimed = EnumSet.noneOf(ScamCategory.class);
        for (FraudCue c : rules.cues()) {
            if (c.kind() == CueKind.IDENTITY_CLAIM) {
                claimed.add(c.category());
            }
        }
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        return directory.get().named(callerWords, claimed).map(institution -> new ClaimFinding(institution,
                caller.number().map(institution::owns).orElse(false), caller.number().isEmpty(), caller.attestation()));
    }
}
