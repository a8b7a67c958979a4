package io.vigil.label;

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

    /**
     * The inverse of {@link #quote}: a {@code "..."} string's content with its escapes decoded. Text
     * that is not double-quoted is returned as it is, so {@code model=churn} reads as well.
     */
    public static String unquote(String s) {
        if (s.length() < 2 || !s.startsWith("\"") || !s.endsWith("\"")) return s;
        StringBuilder out = new StringBuilder(s.length());
        int end = s.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= end) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 < end && s.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        out.append('\\').append(e);
                    }
                }
                case '"', '\\' -> out.append(e);
                default -> out.append('\\').append(e);
            }
        }
        return out.toString();
    }

    /** A label set as {@code {a="x", b="y"}}. */
    public static String labels(java.util.Map<String, String> labels) {
        StringBuilder out = new StringBuilder("{");
        labels.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append('=').append(quote(v)));
        return out.append('}').toString();
    }
}
