package io.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.check.Durations;
import io.vigil.testing.BacktestResult;
import io.vigil.testing.LabelText;
import io.vigil.testing.RuleSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a backtest: every transition in time order, then a summary per rule; or the transitions as JSON. */
final class BacktestOutput {
    private record Row(BacktestResult.RuleHistory rule, BacktestResult.Event event) {}

    private final PrintWriter out;

    BacktestOutput(PrintWriter out) {
        this.out = out;
    }

    private static List<Row> rows(BacktestResult r) {
        List<Row> rows = new ArrayList<>();
        for (BacktestResult.RuleHistory h : r.rules()) for (BacktestResult.Event e : h.events()) rows.add(new Row(h, e));
        rows.sort(Comparator.comparing((Row x) -> x.event().at()).thenComparing(x -> x.rule().rule().id()));
        return rows;
    }

    void text(BacktestResult r) {
        out.printf(Locale.ROOT, "backtest of %d rule%s from %s to %s: %,d evaluations in %.1f s%n%n", r.rules().size(),
                r.rules().size() == 1 ? "" : "s", r.from(), r.to(), r.evaluations(), r.elapsed().toMillis() / 1000.0);
        List<Row> rows = rows(r);
        if (rows.isEmpty()) out.println("no transitions");
        for (Row x : rows) {
            BacktestResult.Event e = x.event();
            out.printf("%s  %-9s %s%s  value %s  (was %s)%n", e.at(), e.state(), x.rule().rule().id(),
                    LabelText.of(e.labels()), Durations.formatNumber(e.value()), e.transition().from().status().label());
        }
        out.println();
        for (BacktestResult.RuleHistory h : r.rules()) {
            RuleSummary s = RuleSummary.of(h);
            out.printf("%s: fired %d time%s, %s firing in total, longest episode %s%n", h.rule().id(), s.fired(),
                    s.fired() == 1 ? "" : "s", RuleSummary.duration(s.firing()), RuleSummary.duration(s.longest()));
            out.println("  notifications: " + targets(s.notifications()));
            out.println("  actions: " + targets(s.actions()));
            if (h.failures() > 0) {
                out.printf("  failed evaluations: %d of %d (last: %s)%n", h.failures(), h.evaluations(), h.lastFailure());
            }
        }
    }

    void json(BacktestResult r) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row x : rows(r)) {
            BacktestResult.Event e = x.event();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at().toString());
            m.put("model", x.rule().rule().model());
            m.put("rule", x.rule().rule().name());
            m.put("labels", e.labels());
            m.put("value", Double.isFinite(e.value()) ? e.value() : null);
            m.put("state", e.state());
            m.put("from", e.transition().from().status().label());
            list.add(m);
        }
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String targets(Map<String, String> m) {
        if (m.isEmpty()) return "none";
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(k + " " + v));
        return String.join("; ", out);
    }
}
