package io.vigil.config;

/**
 * A string setting from vigil.yaml. {@link #reveal()} gives the value to use; {@code toString()} shows it
 * only when it is not sensitive, so printing a config, a record or an error never leaks a secret.
 */
public sealed interface Text permits Text.Plain, Secret {

    /** The real value, for the code that connects, sends or runs with it. Never log it. */
    String reveal();

    /** Whether the value is sensitive: a password, secret, token or header, or from the environment. */
    boolean isSecret();

    static Text plain(String value) { return new Plain(value); }

    /** A value written literally in the file under a key that is not sensitive. */
    record Plain(String value) implements Text {
        public Plain {
            java.util.Objects.requireNonNull(value, "value");
        }

        public String reveal() { return value; }

        public boolean isSecret() { return false; }

        @Override
        public String toString() { return value; }
    }
}
