package io.vigil.template;

/** How inserted values are escaped for the place the rendered text goes. Literal text is never escaped. */
public enum Escape {
    /** Plain text (email subjects and bodies, summaries, command arguments). */
    NONE,
    /** Inside a JSON string literal the template author wrote: {@code "model": "{{model}}"}. */
    JSON,
    /** Inside HTML text or a quoted attribute. */
    HTML;

    /** The value escaped for this destination. */
    public String apply(String value) {
        return switch (this) {
            case NONE -> value;
            case JSON -> json(value);
            case HTML -> html(value);
        };
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // U+2028/2029 are legal JSON but end a line in JavaScript, so they are escaped too.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String html(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
