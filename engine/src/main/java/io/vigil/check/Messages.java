package io.vigil.check;

import io.vigil.ast.Suggestions;
import io.vigil.stats.quality.ModelKind;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Every checker message in one place, so wording stays consistent and reviewable. */
final class Messages {
    private Messages() {}

    static String unknownFunction(String name, Collection<String> known) {
        return "unknown function '" + name + "'" + Suggestions.hint(name, known);
    }

    static String arity(String fn, int expected, int got, String signature) {
        return fn + " takes " + expected + " argument" + (expected == 1 ? "" : "s") + " (" + signature + "), got " + got;
    }

    static String signature(String fn) {
        return switch (fn) {
            case "quantile" -> "quantile(q, selector, duration)";
            case "last" -> "last(selector)";
            case "max_of", "min_of", "avg_of", "sum_of", "count_of" -> fn + "(expression) [by (label, ...)]";
            case "prior" -> "prior(duration)";
            default -> {
                ElementFunction f = ElementFunction.byText(fn);
                if (f == null) yield fn + "(selector, duration)";
                yield f.takesBound() ? fn + "(expression, number)" : fn + "(expression)";
            }
        };
    }

    static String needsSelector(String fn) {
        return fn + " needs a metric selector here, such as accuracy or accuracy{segment=\"EU\"}";
    }

    static String expected(String what, String fn, Type got) {
        return fn + " needs " + what + " here, got " + got.describe();
    }

    static String noNamedArgs(String fn) {
        return fn + " takes positional arguments only: " + signature(fn);
    }

    static String onlyNamedArgs(StatisticFunction f) {
        return f.name() + " takes named arguments only: " + f.name() + "("
                + f.args().stream().sorted().map(NamedArg::usage).collect(Collectors.joining(", ")) + ")";
    }

    static String unknownArg(StatisticFunction f, String arg) {
        List<String> accepted = f.args().stream().sorted().map(NamedArg::text).toList();
        return "unknown argument '" + arg + "' for " + f.name() + Suggestions.hint(arg, accepted)
                + " (accepted: " + String.join(", ", accepted) + ")";
    }

    static String duplicateArg(String arg) {
        return "argument '" + arg + "' given twice";
    }

    static String featureValue(String fn) {
        return fn + "'s feature must be a string such as \"income\", a list such as [\"a\", \"b\"], "
                + "a regex such as =~\"temp_.*\", or *";
    }

    static String emptyFeatureList(String fn) {
        return fn + "'s feature list is empty: name at least one feature";
    }

    static String featureListedTwice(String feature) {
        return "feature \"" + feature + "\" is listed twice";
    }

    static String missingArg(String fn, NamedArg arg) {
        return fn + " needs " + arg.usage().replace(" | ", " or ");
    }

    static String missingBaseline(String fn, String model) {
        return fn + " needs a baseline: pass baseline=\"name\" or baseline=prior(7d), set 'baseline' in model "
                + model + "'s block, or models." + model + ".baseline in the config";
    }

    static String missingWindow(String fn) {
        return fn + " needs window=<duration> in a cron rule (there is no interval to default to)";
    }

    static String boundRefused(String fn, List<String> bounded) {
        return fn + " has no confidence interval, so no bound=; these have one: " + String.join(", ", bounded);
    }

    static String argValue(String fn, NamedArg arg, String expected) {
        return fn + "'s " + arg.text() + " must be " + expected + ": " + arg.usage().replace(" | ", " or ");
    }

    static String argRange(String fn, NamedArg arg, String range, double got) {
        return fn + "'s " + arg.text() + " must be " + range + ", got " + Durations.formatNumber(got);
    }

    static String wrongModelKind(String fn, String model, ModelKind kind, Collection<ModelKind> kinds) {
        return fn + " does not apply to model " + model + ", a " + kind.yamlName() + " model (models." + model
                + ".kind); it applies to " + kinds.stream().map(ModelKind::yamlName).sorted().collect(Collectors.joining(", "))
                + " models";
    }

    static String confidenceWithoutBound(String fn) {
        return fn + "'s confidence= has no effect without bound=lower or bound=upper: the point value is used";
    }

    static String classRequired(String fn, String model) {
        return fn + " needs class=\"...\" for model " + model + ", a multiclass model: which class is positive?";
    }

    static final String LABEL_SET_ONLY_LABELS = "a label set {...} is only allowed as labels={...} of a model-quality function";
    static final String WILDCARD_ONLY_FEATURE = "'*' is only allowed as feature=*";
    static final String LIST_OR_REGEX_ONLY_FEATURE =
            "a list [\"a\", \"b\"] or a regex =~\"...\" is only allowed as the feature= of a distribution function";
    static final String PRIOR_ONLY_BASELINE = "prior(d) is only allowed as baseline=prior(d) of a distribution function or reference=prior(d) of an estimate";
    static final String FEATURE_IN_BY = "every element of a distribution function is labelled 'feature' already;"
            + " 'by (...)' names the labels the distributions carry (e.g. by (origin))";
    static final String GROUPING_ONLY_AGGREGATION = "'by (...)' is only allowed after an aggregation such as sum_of(...), a model-quality function such as accuracy(...) or a distribution function such as psi(...)";

    static String negate(Type t) {
        return "unary '-' needs a number or a series set, got " + t.describe();
    }

    static String notNeedsBool(Type t) {
        return "'not' takes a boolean (a comparison of two numbers), got " + t.describe()
                + "; to exclude series use 'unless'";
    }

    static String operandType(String op, Type t) {
        return "'" + op + "' needs numbers or series sets, got " + t.describe();
    }

    static String setOperands(String op, Type left, Type right) {
        return "'" + op + "' needs series sets on both sides (or booleans on both), got " + left.describe()
                + " and " + right.describe();
    }

    static String matchingNeedsSeries(String op) {
        return "on(...)/ignoring(...) after '" + op + "' needs series sets on both sides";
    }

    static String betweenBound(Type t) {
        return "the bounds of 'between' must be numbers, got " + t.describe();
    }

    static String whenType(Type t) {
        return "'when' must be a condition (a comparison, a series set or a boolean), got " + t.describe();
    }

    static String quantileRange(double q) {
        return "quantile's q must be between 0 and 1, got " + q;
    }

    static String clauseNotInModel(String keyword) {
        return "'" + keyword + "' is not allowed in a model block; put it inside a rule";
    }

    static String duplicateClause(String keyword) {
        return "duplicate '" + keyword + "' clause";
    }

    static final String FIRST_HERE = "first defined here";

    static String missingWhen(String rule) {
        return "rule '" + rule + "' has no 'when' clause";
    }

    static String missingSchedule(String rule) {
        return "rule '" + rule + "' has no schedule: add 'every <duration>' or 'cron \"...\"' to the rule or its "
                + "model block";
    }

    static final String EVERY_AND_CRON = "'every' and 'cron' in the same block: choose one schedule";
    static final String TIMEZONE_WITHOUT_CRON = "'timezone' needs a 'cron' schedule";

    static String duplicateRule(String model, String rule) {
        return "duplicate rule '" + rule + "' in model '" + model + "'";
    }

    static String badSeverity(String s) {
        return "unknown severity '" + s + "'; use info, warning or critical"
                + Suggestions.hint(s, java.util.List.of("info", "warning", "critical"));
    }

    static String duplicateChannel(String channel) {
        return "channel '" + channel + "' given twice";
    }

    static String duplicateLabel(String key) {
        return "label '" + key + "' given twice";
    }

    static String badCron(String detail) {
        return "invalid cron expression: " + detail;
    }

    static String cronFieldCount(int n) {
        return "invalid cron expression: Quartz cron has 6 or 7 fields (seconds minutes hours day-of-month month "
                + "day-of-week [year]), got " + n + (n == 5 ? "; prepend the seconds, e.g. \"0 */5 * * * ?\"" : "");
    }

    static final String CRON_BOTH_DAYS = "invalid cron expression: Quartz needs '?' in day-of-month or day-of-week "
            + "(both are set)";

    static String cronNeverFires(String cron) {
        return "cron expression \"" + cron + "\" never fires";
    }

    static String badZone(String zone) {
        return "unknown time zone '" + zone + "' (use an IANA name such as Europe/Paris or UTC)";
    }

    static String badRegex(String detail) {
        return "invalid regular expression: " + detail;
    }

    static String unknownChannel(String name, Collection<String> known) {
        return "unknown channel '" + name + "'" + Suggestions.hint(name, known) + known(known);
    }

    static String unknownAction(String name, Collection<String> known) {
        return "unknown action '" + name + "'" + Suggestions.hint(name, known) + known(known);
    }

    private static String known(Collection<String> known) {
        return known.isEmpty() ? " (the config defines none)" : " (defined: " + String.join(", ", known) + ")";
    }

    static String forShorterThanInterval(Duration forDur, Duration interval) {
        return "'for' " + Durations.format(forDur) + " is shorter than the evaluation interval "
                + Durations.format(interval) + ", so it waits one interval anyway";
    }

    static String pValueGreater(String fn, String threshold) {
        return fn + " is a p-value (lower means more drift); '> " + threshold
                + "' holds for data that has not drifted — did you mean '<'?";
    }

    static String boundedThreshold(String fn, String threshold) {
        return fn + " is always between 0 and 1, so comparing it with " + threshold
                + " is always true or always false";
    }

    private static final String CANNOT_NOTIFY = "' can never notify or trigger: neither it nor its model block has "
            + "'notify' or 'trigger' (its alerts are still recorded)";

    static String cannotNotify(String rule) {
        return "rule '" + rule + CANNOT_NOTIFY;
    }

    static boolean isCannotNotify(String message) {
        return message.startsWith("rule '") && message.endsWith(CANNOT_NOTIFY);
    }

    static String cannotNotifyRule(String message) {
        return message.substring("rule '".length(), message.length() - CANNOT_NOTIFY.length());
    }

    /** One warning for several rules: named up to {@code named} of them, else the first and a count. */
    static String cannotNotify(java.util.List<String> rules, int named) {
        String which = rules.size() <= named
                ? "rules " + String.join(", ", rules.stream().map(r -> "'" + r + "'").toList())
                : "rule '" + rules.get(0) + "' and " + (rules.size() - 1) + " other rules";
        return which + " can never notify or trigger: neither they nor their model blocks have 'notify' or "
                + "'trigger' (their alerts are still recorded)" + (rules.size() <= named ? "" : "; --verbose lists each");
    }

    static String templateError(String detail) {
        return detail;
    }
}
