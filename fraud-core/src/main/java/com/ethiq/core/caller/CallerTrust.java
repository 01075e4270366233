package com.ethiq.core.caller;

import java.util.Objects;

/** What an account's own lists say about a caller, before a word is spoken. */
public sealed interface CallerTrust permits CallerTrust.Stranger, CallerTrust.Trusted, CallerTrust.Blocked {

    Stranger STRANGER = new Stranger();

    /** Not on any list of the account (or an anonymous caller). */
    record Stranger() implements CallerTrust {
    }

    /** An emergency contact or a known caller: still protected, but a scam verdict needs stronger evidence. */
    record Trusted(Source source, String name) implements CallerTrust {
        public Trusted {
            Objects.requireNonNull(source, "'source' must not be null");
            name = name == null ? "" : name;
        }
    }

    /** On the account's block list; {@code reject} is the account's choice (refuse the call, or warn). */
    record Blocked(boolean reject, String name) implements CallerTrust {
        public Blocked {
            name = name == null ? "" : name;
        }
    }

    enum Source {
        EMERGENCY_CONTACT("emergency contact"),
        KNOWN_CALLER("known caller");

        private final String words;

        Source(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }
}
