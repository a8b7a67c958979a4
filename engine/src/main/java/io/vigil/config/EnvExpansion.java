package io.vigil.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in one scalar from an injected environment map,
 * after the YAML is parsed. {@code $${} writes a literal {@code ${}; any other {@code $} is literal.
 */
final class EnvExpansion {
    private EnvExpansion() {}

    /** A problem at a code-point index of the scalar's text. */
    record Problem(int index, String message) {}

    /**
     * @param usedEnvironment whether any {@code ${...}} was expanded, which makes the value secret
     */
    record Result(String value, boolean usedEnvironment, List<Problem> problems) {}

    static Result expand(String text, Map<String, String> env) {
        int[] cps = text.codePoints().toArray();
        StringBuilder out = new StringBuilder(text.length());
        List<Problem> problems = new ArrayList<>();
        boolean used = false;
        int i = 0;
        while (i < cps.length) {
            if (cps[i] == '$' && i + 2 < cps.length && cps[i + 1] == '$' && cps[i + 2] == '{') {
                out.append("${");
                i += 3;
                continue;
            }
            if (!(cps[i] == '$' && i + 1 < cps.length && cps[i + 1] == '{')) {
                out.appendCodePoint(cps[i++]);
                continue;
            }
            int close = i + 2;
            while (close < cps.length && cps[close] != '}') close++;
            if (close >= cps.length) {
                problems.add(new Problem(i, "unclosed '${' (write $${ for a literal ${)"));
                break;
            }
            String inside = new String(cps, i + 2, close - i - 2);
            int sep = inside.indexOf(":-");
            String name = sep < 0 ? inside : inside.substring(0, sep);
            used = true;
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add(new Problem(i, "invalid environment variable name '" + name
                        + "' in '${...}' (letters, digits and _, not starting with a digit)"));
            } else if (env.get(name) != null) {
                out.append(env.get(name));
            } else if (sep >= 0) {
                out.append(inside.substring(sep + 2));
            } else {
                problems.add(new Problem(i, "environment variable " + name
                        + " is not set (write ${" + name + ":-default} to allow that)"));
            }
            i = close + 1;
        }
        return new Result(out.toString(), used, problems);
    }
}
