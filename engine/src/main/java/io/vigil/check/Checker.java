package io.vigil.check;

import io.vigil.ast.*;
import java.time.Duration;
import java.time.ZoneId;
import java.util.*;

/**
 * Checks a whole rule set (language.md §3.7 and §6): parses every file, applies model-block defaults,
 * type-checks conditions, validates schedules, regexes, templates and references to the config, and
 * collects every problem of every file in one sorted list. Nothing is thrown at the caller.
 */
public final class Checker {

    private static final Set<String> MODEL_CLAUSES = Set.of("every", "cron", "timezone", "baseline", "notify",
            "labels", "severity", "staleness");
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

    private final References references;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, RuleDecl> seenRules = new HashMap<>();
    private int counted;
    private int errors;

    private Checker(References references) {
        this.references = references;
    }

    /**
     * Checks the given files as one rule set.
     *
     * @param references what the config defines, or null when there is no config (references are then not checked)
     */
    public static CheckResult check(List<Source> sources, References references) {
        return new Checker(references).run(sources);
    }

    private CheckResult run(List<Source> sources) {
        List<ResolvedRule> rules = new ArrayList<>();
        for (Source source : sources) {
            RuleParser.Result parsed = RuleParser.parse(source);
            diagnostics.addAll(parsed.diagnostics());
            if (parsed.file() == null) continue;
            for (ModelBlock block : parsed.file().models()) {
                Defaults defaults = defaults(block);
                for (RuleDecl rule : block.rules()) {
                    ResolvedRule r = resolve(block, defaults, rule);
                    if (r != null) rules.add(r);
                }
            }
        }
        diagnostics.sort(Diagnostic.ORDER);
        boolean errors = diagnostics.stream().anyMatch(Diagnostic::isError);
        return new CheckResult(errors ? List.of() : rules, diagnostics);
    }

    /** The clauses of one block or rule, each kind at most once (notify may repeat). */
    private final class Clauses {
        final Map<String, Clause> byKeyword = new LinkedHashMap<>();
        final List<Clause.Notify> notifies = new ArrayList<>();
        final List<Clause.Trigger> triggers = new ArrayList<>();

        Clauses(List<Clause> clauses) {
            for (Clause c : clauses) {
                if (c instanceof Clause.Notify n) {
                    notifies.add(n);
                    continue;
                }
                Clause first = byKeyword.putIfAbsent(c.keyword(), c);
                if (first != null) {
                    diagnostics.add(Diagnostic.error(c.span(), Messages.duplicateClause(c.keyword()))
                            .withNote(first.span(), Messages.FIRST_HERE));
                } else if (c instanceof Clause.Trigger t) {
                    triggers.add(t);
                }
            }
            Clause every = byKeyword.get("every");
            Clause cron = byKeyword.get("cron");
            if (every != null && cron != null) {
                Clause later = every.span().start() > cron.span().start() ? every : cron;
                diagnostics.add(Diagnostic.error(later.span(), Messages.EVERY_AND_CRON));
            }
        }

        @SuppressWarnings("unchecked")
        <T extends Clause> T get(String keyword) { return (T) byKeyword.get(keyword); }
    }

    /** A model block's defaults after validation. */
    private record Defaults(Clauses clauses, Map<String, String> labels) {}

    private Defaults defaults(ModelBlock block) {
        for (Clause c : block.defaults()) {
            if (!MODEL_CLAUSES.contains(c.keyword())) {
                diagnostics.add(Diagnostic.error(c.span(), Messages.clauseNotInModel(c.keyword())));
            }
        }
        List<Clause> allowed = block.defaults().stream().filter(c -> MODEL_CLAUSES.contains(c.keyword())).toList();
        Clauses clauses = new Clauses(allowed);
        validateCommon(clauses);
        return new Defaults(clauses, labels(clauses.get("labels")));
    }

    /** Checks that are the same for block defaults and rules: cron, zone, severity, channels. */
    private void validateCommon(Clauses c) {
        Clause.Timezone tz = c.get("timezone");
        ZoneId zone = tz == null ? null : zone(tz.zone());
        Clause.Cron cron = c.get("cron");
        if (cron != null) CronCheck.check(cron.expression(), zone, diagnostics);
        Clause.SeverityClause sev = c.get("severity");
        if (sev != null && !SEVERITIES.contains(sev.level().text())) {
            diagnostics.add(Diagnostic.error(sev.level().span(), Messages.badSeverity(sev.level().text())));
        }
        Map<String, Name> channels = new HashMap<>();
        for (Clause.Notify n : c.notifies) {
            for (Name ch : n.channels()) {
                Name first = channels.putIfAbsent(ch.text(), ch);
                // Named twice, an alert would be sent twice, possibly on two repeat intervals.
                if (first != null) {
                    diagnostics.add(Diagnostic.error(ch.span(), Messages.duplicateChannel(ch.text()))
                            .withNote(first.span(), Messages.FIRST_HERE));
                }
            }
        }
        if (references != null) {
            for (Clause.Notify n : c.notifies) {
                for (Name ch : n.channels()) {
                    if (!references.channels().contains(ch.text())) {
                        diagnostics.add(Diagnostic.error(ch.span(),
                                Messages.unknownChannel(ch.text(), new TreeSet<>(references.channels()))));
                    }
                }
            }
            for (Clause.Trigger t : c.triggers) {
                if (!references.actions().contains(t.action().text())) {
                    diagnostics.add(Diagnostic.error(t.action().span(),
                            Messages.unknownAction(t.action().text(), new TreeSet<>(references.actions()))));
                }
            }
        }
    }

    private ZoneId zone(StringLit zone) {
        ZoneId id = parseZone(zone.value());
        if (id == null) diagnostics.add(Diagnostic.error(zone.span(), Messages.badZone(zone.value())));
        return id;
    }

    /** The zone, or null; {@code ZoneId.of} never falls back to GMT the way {@code TimeZone} does. */
    private static ZoneId parseZone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private Map<String, String> labels(Clause.Labels clause) {
        Map<String, String> out = new TreeMap<>();
        if (clause == null) return out;
        Map<String, Clause.LabelPair> first = new HashMap<>();
        for (Clause.LabelPair p : clause.pairs()) {
            Clause.LabelPair prev = first.putIfAbsent(p.key().text(), p);
            if (prev != null) {
                diagnostics.add(Diagnostic.error(p.key().span(), Messages.duplicateLabel(p.key().text()))
                        .withNote(prev.key().span(), Messages.FIRST_HERE));
            }
            out.put(p.key().text(), p.value().value());
        }
        return out;
    }

    private ResolvedRule resolve(ModelBlock block, Defaults defaults, RuleDecl rule) {
        String model = block.name().text();
        String name = rule.name().text();
        RuleDecl first = seenRules.putIfAbsent(model + "/" + name, rule);
        if (first != null) {
            diagnostics.add(Diagnostic.error(rule.name().span(), Messages.duplicateRule(model, name))
                    .withNote(first.name().span(), Messages.FIRST_HERE));
        }
        Clauses own = new Clauses(rule.clauses());
        validateCommon(own);
        int errorsBefore = errorCount();

        Schedule schedule = schedule(rule, own, defaults.clauses());
        Clause.When when = own.get("when");
        if (when == null) diagnostics.add(Diagnostic.error(rule.keywordSpan(), Messages.missingWhen(name)));

        String baseline = stringOf(own.get("baseline"), defaults.clauses().get("baseline"));
        boolean baselineKnown = baseline != null
                || (references != null && references.modelBaselines().containsKey(model));
        if (baseline == null && references != null) baseline = references.modelBaselines().get(model);
        if (when != null) {
            ExprChecker.Context ctx = new ExprChecker.Context(model, schedule instanceof Schedule.Cron,
                    baselineKnown, references != null, references == null ? null : references.modelKinds().get(model));
            Type t = new ExprChecker(ctx, diagnostics).check(when.condition());
            if (t == Type.DURATION || t == Type.STRING) {
                diagnostics.add(Diagnostic.error(when.condition().span(), Messages.whenType(t)));
            }
            Warnings.thresholds(when.condition(), diagnostics);
        }
        TemplateCheck.check(own.get("summary"), diagnostics);
        TemplateCheck.check(own.get("description"), diagnostics);

        Duration forDur = durationOf(own.get("for"));
        Duration keep = durationOf(own.get("keep_firing_for"));
        Clause.For f = own.get("for");
        if (schedule instanceof Schedule.Every every && forDur.compareTo(every.interval()) < 0 && !forDur.isZero()
                && !hasErrorAt(f.duration().span())) {
            diagnostics.add(Diagnostic.warning(f.duration().span(),
                    Messages.forShorterThanInterval(forDur, every.interval())));
        }
        List<Clause.Notify> notifies = own.notifies.isEmpty() ? defaults.clauses().notifies : own.notifies;
        List<ResolvedRule.NotifySpec> channels = new ArrayList<>();
        for (Clause.Notify n : notifies) {
            for (Name ch : n.channels()) {
                channels.add(new ResolvedRule.NotifySpec(ch.text(), n.repeat() == null ? null : n.repeat().value()));
            }
        }
        if (channels.isEmpty() && own.triggers.isEmpty()) {
            diagnostics.add(Diagnostic.warning(rule.keywordSpan(), Messages.cannotNotify(name)));
        }
        if (errorCount() > errorsBefore || schedule == null || when == null) return null;

        Map<String, String> labels = new TreeMap<>(defaults.labels());
        labels.putAll(labels(own.get("labels")));
        Clause.SeverityClause sev = own.get("severity");
        if (sev == null) sev = defaults.clauses().get("severity");
        Clause.Staleness stale = own.get("staleness");
        if (stale == null) stale = defaults.clauses().get("staleness");
        Duration staleness = stale != null ? stale.limit().value()
                : schedule instanceof Schedule.Every e ? e.interval().multipliedBy(3) : Duration.ofDays(1);
        List<ResolvedRule.TriggerSpec> triggers = own.triggers.stream()
                .map(t -> new ResolvedRule.TriggerSpec(t.action().text(),
                        t.cooldown() == null ? null : t.cooldown().value(), t.approvalRequired()))
                .toList();
        return new ResolvedRule(model, name, rule.span(), schedule, when.condition(), forDur, keep,
                sev == null ? "warning" : sev.level().text(), labels,
                stringOf(own.get("summary"), null), stringOf(own.get("description"), null),
                stringOf(own.get("runbook"), null), channels, triggers, staleness, baseline);
    }

    private Schedule schedule(RuleDecl rule, Clauses own, Clauses block) {
        Clause.Timezone ownTz = own.get("timezone");
        Clause.Every every = own.get("every");
        Clause.Cron cron = own.get("cron");
        if (every == null && cron == null) {
            every = block.get("every");
            cron = block.get("cron");
        }
        if (every != null && cron != null) return null; // reported by Clauses
        if (every != null) {
            if (ownTz != null) diagnostics.add(Diagnostic.error(ownTz.span(), Messages.TIMEZONE_WITHOUT_CRON));
            return new Schedule.Every(every.interval().value());
        }
        if (cron != null) {
            Clause.Timezone tz = ownTz != null ? ownTz : block.get("timezone");
            // An invalid zone was reported where it is written, once, by validateCommon.
            ZoneId zone = tz == null ? ZoneId.of("UTC") : parseZone(tz.zone().value());
            return zone == null ? null : new Schedule.Cron(cron.expression().value(), zone);
        }
        if (ownTz != null) diagnostics.add(Diagnostic.error(ownTz.span(), Messages.TIMEZONE_WITHOUT_CRON));
        diagnostics.add(Diagnostic.error(rule.keywordSpan(), Messages.missingSchedule(rule.name().text())));
        return null;
    }

    private static String stringOf(Clause own, Clause fallback) {
        Clause c = own != null ? own : fallback;
        if (c == null) return null;
        if (c instanceof Clause.Baseline b) return b.name().value();
        if (c instanceof Clause.Summary s) return s.template().value();
        if (c instanceof Clause.Description d) return d.template().value();
        if (c instanceof Clause.Runbook r) return r.url().value();
        throw new IllegalArgumentException(c.keyword());
    }

    private static Duration durationOf(Clause c) {
        if (c instanceof Clause.For f) return f.duration().value();
        if (c instanceof Clause.KeepFiringFor k) return k.duration().value();
        return Duration.ZERO;
    }

    /** Whether an error was reported on exactly this span (e.g. a bad duration whose value is a placeholder). */
    private boolean hasErrorAt(Span span) {
        return diagnostics.stream().anyMatch(d -> d.isError() && d.span().source() == span.source()
                && d.span().start() >= span.start() && d.span().end() <= span.end());
    }

    /** Errors so far; counts only what was added since the last call, so checking n rules stays linear. */
    private int errorCount() {
        for (; counted < diagnostics.size(); counted++) if (diagnostics.get(counted).isError()) errors++;
        return errors;
    }
}
