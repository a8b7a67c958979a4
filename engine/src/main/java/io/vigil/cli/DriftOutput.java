package io.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.stats.DriftReport;
import io.vigil.stats.StatValue;
import io.vigil.stats.Statistic;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link DriftCommand.DriftComparison} as the JSON of interfaces.md or as an aligned text table. */
final class DriftOutput {
    /** Statistics in JSON order (interfaces.md); drift and drift_detected follow as drift_score and drift_detected. */
    private static final List<Statistic> JSON_ORDER = List.of(Statistic.PSI, Statistic.KL, Statistic.JS,
            Statistic.HELLINGER, Statistic.WASSERSTEIN, Statistic.KS, Statistic.KS_PVALUE, Statistic.CHI2_PVALUE,
            Statistic.LINF, Statistic.NULL_RATE, Statistic.MEAN, Statistic.UNSEEN_RATE, Statistic.OUT_OF_RANGE_RATE);
    private static final List<Statistic> TABLE_STATS = List.of(Statistic.PSI, Statistic.JS, Statistic.WASSERSTEIN,
            Statistic.KS_PVALUE, Statistic.CHI2_PVALUE, Statistic.NULL_RATE);

    private final DriftCommand.DriftComparison comparison;

    DriftOutput(DriftCommand.DriftComparison comparison) {
        this.comparison = comparison;
    }

    void json(PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("reference_rows", comparison.reference().rows());
        root.put("current_rows", comparison.current().rows());
        ArrayNode features = root.putArray("features");
        comparison.reports().forEach((name, report) -> {
            ObjectNode f = features.addObject();
            f.put("feature", name);
            f.put("type", report.numeric() ? "numeric" : "categorical");
            for (Statistic s : JSON_ORDER) putNumber(f, s.languageName(), report.get(s));
            f.put("drift_method", report.method() == null ? null : report.method().label());
            putNumber(f, "drift_score", report.score());
            if (report.get(Statistic.DRIFT_DETECTED) instanceof StatValue.Value) f.put("drift_detected", report.detected());
            else f.putNull("drift_detected");
            ArrayNode warnings = f.putArray("warnings");
            notes(report).forEach(warnings::add);
        });
        root.put("drifted_features", comparison.drifted());
        root.put("drift_share", comparison.driftShare());
        root.put("dataset_drift", comparison.datasetDrift());
        comparison.onlyInReference().forEach(root.withArray("only_in_reference")::add);
        comparison.onlyInCurrent().forEach(root.withArray("only_in_current")::add);
        try {
            out.println(mapper.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putNumber(ObjectNode node, String field, StatValue value) {
        if (value instanceof StatValue.Value v && Double.isFinite(v.value())) node.put(field, v.value());
        else node.putNull(field);
    }

    /** The report's warnings, then why each applicable statistic is missing. */
    private static List<String> notes(DriftReport report) {
        List<String> notes = new ArrayList<>(report.warnings());
        for (Map.Entry<Statistic, StatValue> e : report.values().entrySet()) {
            if (e.getValue() instanceof StatValue.Unavailable u && e.getKey() != Statistic.DRIFT_DETECTED) {
                String note = e.getKey().languageName() + " unavailable: " + u.reason();
                if (!notes.contains(note)) notes.add(note);
            }
        }
        return notes;
    }

    void text(PrintWriter out) {
        out.printf("reference %s: %d rows%ncurrent   %s: %d rows%n%n", comparison.reference().file(),
                comparison.reference().rows(), comparison.current().file(), comparison.current().rows());
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("feature", "type", "drift", "method", "score"));
        TABLE_STATS.forEach(s -> header.add(s.languageName()));
        rows.add(header.toArray(String[]::new));
        comparison.reports().forEach((name, report) -> {
            List<String> row = new ArrayList<>();
            row.add(name);
            row.add(report.numeric() ? "numeric" : "categorical");
            row.add(report.method() == null ? "n/a" : report.detected() ? "DRIFT" : "no");
            row.add(report.method() == null ? "-" : report.method().label());
            row.add(cell(report.score()));
            TABLE_STATS.forEach(s -> row.add(cell(report.get(s))));
            rows.add(row.toArray(String[]::new));
        });
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) line.append("  ");
                // names and words left-aligned, numbers right-aligned so their digits line up
                line.append(String.format(i < 4 ? "%-" + widths[i] + "s" : "%" + widths[i] + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.printf(Locale.ROOT, "%n%d of %d features drifted (%.0f%%); dataset drift: %s (at %.0f%% or more)%n",
                comparison.drifted(), comparison.reports().size(), 100 * comparison.driftShare(),
                comparison.datasetDrift() ? "YES" : "no", 100 * DriftCommand.DriftComparison.DATASET_SHARE);
        if (!comparison.onlyInReference().isEmpty()) {
            out.println("not compared, only in the reference: " + String.join(", ", comparison.onlyInReference()));
        }
        if (!comparison.onlyInCurrent().isEmpty()) {
            out.println("not compared, only in the current data: " + String.join(", ", comparison.onlyInCurrent()));
        }
        comparison.reports().forEach((name, report) -> notes(report).forEach(n -> out.println(name + ": " + n)));
    }

    /** A number in at most four significant digits; "-" when it does not apply, "n/a" when it could not be computed. */
    static String cell(StatValue value) {
        if (value instanceof StatValue.NotApplicable) return "-";
        if (!(value instanceof StatValue.Value v)) return "n/a";
        double x = v.value();
        if (x == 0) return "0";
        if (!Double.isFinite(x)) return Double.toString(x);
        if (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6) {
            String s = String.format(Locale.ROOT, "%.3e", x);
            String mantissa = s.substring(0, s.indexOf('e')).replaceAll("\\.?0+$", "");
            return mantissa + "e" + Integer.parseInt(s.substring(s.indexOf('e') + 1));
        }
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
