package io.vigil.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.DiagnosticPrinter;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each golden/resolve case checks clean (warnings allowed) and resolves to exactly the rules in its expected
 * file: model defaults applied, schedules, staleness, labels, channels and triggers (language.md §2).
 */
class ResolveGoldenTest {

    static Stream<Path> cases() {
        return GoldenFiles.cases("resolve").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolvesToExpectedRules(Path file) {
        CheckResult result = GoldenFiles.check(GoldenFiles.source(file));
        assertThat(result.hasErrors()).as(DiagnosticPrinter.render(result.diagnostics())).isFalse();
        StringBuilder out = new StringBuilder();
        for (ResolvedRule r : result.rules()) out.append(describe(r)).append('\n');
        GoldenFiles.verify(file, out.toString());
    }

    private static String describe(ResolvedRule r) {
        StringBuilder out = new StringBuilder();
        out.append(r.id()).append(" @").append(r.location()).append('\n');
        line(out, "schedule", r.schedule() instanceof Schedule.Every e ? "every " + Durations.format(e.interval())
                : "cron " + ((Schedule.Cron) r.schedule()).expression() + " in " + ((Schedule.Cron) r.schedule()).zone());
        line(out, "when", r.when().span().text());
        line(out, "for", Durations.format(r.forDuration()));
        line(out, "keep_firing_for", Durations.format(r.keepFiringFor()));
        line(out, "severity", r.severity());
        line(out, "labels", map(r.labels()));
        line(out, "staleness", Durations.format(r.staleness()));
        line(out, "baseline", String.valueOf(r.baseline()));
        line(out, "notify", r.notifications().stream()
                .map(n -> n.channel() + (n.repeat() == null ? "" : " repeat " + Durations.format(n.repeat())))
                .collect(Collectors.joining(", ")));
        line(out, "trigger", r.triggers().stream()
                .map(t -> t.action() + (t.cooldown() == null ? "" : " cooldown " + Durations.format(t.cooldown()))
                        + (t.approvalRequired() ? " approval required" : ""))
                .collect(Collectors.joining(", ")));
        line(out, "summary", String.valueOf(r.summary()));
        line(out, "description", String.valueOf(r.description()));
        line(out, "runbook", String.valueOf(r.runbook()));
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append("  ").append(key).append(": ").append(value).append('\n');
    }

    private static String map(Map<String, String> m) {
        return new java.util.TreeMap<>(m).toString();
    }
}
