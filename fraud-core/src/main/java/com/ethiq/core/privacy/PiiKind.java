package com.ethiq.core.privacy;

/** The kinds of personal data the {@link PiiRedactor} replaces, each with its typed placeholder. */
public enum PiiKind {
    EMAIL("[EMAIL]"),
    PHONE("[TELEPHONE]"),
    IBAN("[IBAN]"),
    CARD("[CARTE]"),
    ADDRESS("[ADRESSE]"),
    /** A PIN, one-time code or other short identifier (4 to 8 digits, written or spoken). */
    CODE("[CODE]"),
    /** Any other long number (9 digits or more): account, customer, remote-access ids. */
    NUMBER("[NUMERO]"),
    /** A name the caller of the redactor asked to hide (the protected person's, a relative's). */
    NAME("[NOM]");

    private final String placeholder;

    PiiKind(String placeholder) {
        this.placeholder = placeholder;
    }

    /** The text that replaces a value of this kind: upper-case letters in brackets, never a digit. */
    public String placeholder() {
        return placeholder;
    }
}
