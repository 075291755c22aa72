package civic.exchange.registry.server;

import java.util.Locale;
import java.util.Optional;

/**
 * Confluent's registry modes. READWRITE is the default. READONLY refuses registrations and deletes (42205) of the
 * subjects it applies to; READONLY_OVERRIDE set globally also wins over subject-level modes. IMPORT (registering
 * schemas with given ids, for migrations) is known so that a topic holding it is read correctly, but cannot be set
 * here: see {@link #settable()}.
 */
enum Mode {
    READWRITE,
    READONLY,
    READONLY_OVERRIDE,
    IMPORT;

    static final Mode DEFAULT = READWRITE;

    boolean readOnly() {
        return this == READONLY || this == READONLY_OVERRIDE;
    }

    boolean settable() {
        return this != IMPORT;
    }

    /** Case-insensitive, as Confluent accepts {@code "readonly"}. */
    static Optional<Mode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
