package io.vigil.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** A sensitive setting: prints as {@code ***} everywhere; only {@link #reveal()} gives the value. */
public final class Secret implements Text {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) { return new Secret(value); }

    @Override
    public String reveal() { return value; }

    @Override
    public boolean isSecret() { return true; }

    public boolean isEmpty() { return value.isEmpty(); }

    @Override
    public boolean equals(Object o) {
        // Constant-time, since API tokens are compared with this.
        return o instanceof Secret s && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() { return value.hashCode(); }

    @Override
    public String toString() { return "***"; }
}
