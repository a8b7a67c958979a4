package io.vigil.ingest;

import java.util.regex.Pattern;

/**
 * What models, metrics and labels may be called: names a rule can write without quoting (letters,
 * digits and {@code _}, not starting with a digit), as in the rule language's identifiers.
 */
final class Names {
    static final int MAX_LENGTH = 200;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Names() {}

    /** Checks a model or metric name; {@code what} is "model" or "metric name". */
    static String identifier(String name, String path, String what) throws InvalidInputException {
        if (name.isEmpty()) throw new InvalidInputException(path, what + " is empty");
        if (name.length() > MAX_LENGTH) {
            throw new InvalidInputException(path, what + " is " + name.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed");
        }
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new InvalidInputException(path, quote(name) + " is not a valid " + what
                    + "; use letters, digits and _, not starting with a digit");
        }
        return name;
    }

    /** Checks a label name; {@code model} is reserved because the snapshot's model already is that label. */
    static String label(String name, String path) throws InvalidInputException {
        identifier(name, path, "label name");
        if (name.equals(io.vigil.store.Selector.MODEL_LABEL)) {
            throw new InvalidInputException(path, "the label name 'model' is reserved; the snapshot's model sets it");
        }
        return name;
    }

    /** Checks a feature name: any text of 1 to 200 characters (rules name features in quotes). */
    static String feature(String name, String path) throws InvalidInputException {
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new InvalidInputException(path, "feature name must be 1 to " + MAX_LENGTH + " characters long");
        }
        int control = firstControl(name);
        if (control >= 0) {
            throw new InvalidInputException(path, String.format("feature name contains the control character U+%04X "
                    + "at position %d; names are printable text", (int) name.charAt(control), control + 1));
        }
        return name;
    }

    /**
     * The index of the first control character (U+0000-U+001F, U+007F), or -1. PostgreSQL cannot store
     * NUL in text at all, and no name needs the others; refusing them here gives the same 400 on every store.
     */
    static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) return i;
        }
        return -1;
    }

    static String quote(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return "'" + shown + "'";
    }
}
