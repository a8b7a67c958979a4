package io.vigil.ingest;

/** Builds field paths in the form the API reports them: {@code [2].metrics[0].labels.segment}. */
final class FieldPaths {
    private FieldPaths() {}

    static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** Turns Jackson's JSON pointer ({@code /metrics/3/value}) into a field path ({@code metrics[3].value}). */
    static String fromPointer(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) continue;
            part = part.replace("~1", "/").replace("~0", "~");
            if (part.chars().allMatch(Character::isDigit)) {
                out.append('[').append(part).append(']');
            } else {
                if (out.length() > 0) out.append('.');
                out.append(part);
            }
        }
        return out.toString();
    }
}
