package io.vigil.plan;

/** Writes a string back in rule-file syntax, so plan descriptions read like the source. */
public final class Quoting {
    private Quoting() {}

    /** {@code "..."} with the language's escapes (language.md §1). */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) out.append(String.format("\\u%04x", cp));
                    else out.appendCodePoint(cp);
                }
            }
        });
        return out.append('"').toString();
    }

    /** A label set as {@code {a="x", b="y"}}. */
    public static String labels(java.util.Map<String, String> labels) {
        StringBuilder out = new StringBuilder("{");
        labels.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append('=').append(quote(v)));
        return out.append('}').toString();
    }
}
