package io.vigil.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A time-series line chart as inline SVG: one line per series, a dashed threshold line, shaded pending
 * and firing periods, date axis and value axis with round tick values. No scripts, no external assets.
 */
public final class SvgChart {

    /** One point of a series. */
    public record Point(Instant t, double value) {}

    /** One line: the operand values of one alert instance. */
    public record Line(String label, List<Point> points) {}

    /** A shaded period; {@code kind} is "pending" or "firing". */
    public record Band(Instant from, Instant to, String kind) {}

    private static final int WIDTH = 960;
    private static final int HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 40; // room for half of the last time label, centred on the right edge
    private static final int TOP = 20;
    private static final int BOTTOM = 50;
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
            "#17becf", "#7f7f7f"};

    private SvgChart() {}

    /**
     * @param thresholds the rule's thresholds (one per side of an {@code or}), each drawn as a dashed red line
     * @param yLabel    what the values are (the operand expression), shown on the value axis
     */
    public static String render(List<Line> lines, List<Double> thresholds, List<Band> bands, Instant from, Instant to,
                                String yLabel) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (Point p : l.points()) {
                if (Double.isFinite(p.value())) {
                    lo = Math.min(lo, p.value());
                    hi = Math.max(hi, p.value());
                }
            }
        }
        for (double threshold : thresholds) {
            if (!Double.isFinite(threshold)) continue;
            lo = Math.min(lo, threshold);
            hi = Math.max(hi, threshold);
        }
        if (!Double.isFinite(lo)) {
            lo = 0;
            hi = 1;
        }
        if (hi - lo < 1e-12) {
            hi = hi + Math.max(Math.abs(hi) * 0.1, 0.5);
            lo = lo - Math.max(Math.abs(lo) * 0.1, 0.5);
        }
        double[] ticks = niceTicks(lo, hi, 5);
        lo = Math.min(lo, ticks[0]);
        hi = Math.max(hi, ticks[ticks.length - 1]);
        Scale s = new Scale(from, to, lo, hi);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT, Html.escape(yLabel)));
        svg.append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        for (Band b : bands) {
            double x1 = s.x(b.from().isBefore(from) ? from : b.from());
            double x2 = s.x(b.to() == null || b.to().isAfter(to) ? to : b.to());
            String fill = b.kind().equals("firing") ? "#d62728" : "#ffbf00";
            svg.append(String.format(Locale.ROOT, "<rect class=\"band %s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
                    + "height=\"%d\" fill=\"%s\" fill-opacity=\"0.15\"><title>%s</title></rect>%n",
                    b.kind(), x1, TOP, Math.max(1, x2 - x1), HEIGHT - TOP - BOTTOM, fill, b.kind()));
        }
        for (double v : ticks) {
            double y = s.y(v);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#444\">%s</text>%n",
                    LEFT, WIDTH - RIGHT, y, y, LEFT - 6, y + 4, formatValue(v)));
        }
        for (Instant t : timeTicks(from, to)) {
            double x = s.x(t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#f0f0f0\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">%s</text>%n",
                    x, x, TOP, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 16, Html.escape(formatTime(t, from, to))));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#444\"/>"
                + "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n",
                LEFT, LEFT, TOP, HEIGHT - BOTTOM, LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#444\">time (UTC)</text>%n",
                WIDTH - RIGHT - 60, HEIGHT - 8));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(14,%d) rotate(-90)\" font-size=\"11\" "
                + "text-anchor=\"middle\" fill=\"#444\">%s</text>%n", (HEIGHT - BOTTOM + TOP) / 2,
                Html.escape(shorten(yLabel, 40))));
        for (double threshold : thresholds) {
            if (!Double.isFinite(threshold)) continue;
            double y = s.y(threshold);
            svg.append(String.format(Locale.ROOT, "<line class=\"threshold\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" "
                    + "y2=\"%.1f\" stroke=\"#d62728\" stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"#d62728\" text-anchor=\"end\">threshold %s"
                    + "</text>%n", LEFT, WIDTH - RIGHT, y, y, WIDTH - RIGHT - 4, y - 4, formatValue(threshold)));
        }
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            String color = COLORS[i % COLORS.length];
            // A non-finite value (e.g. no data at that evaluation) breaks the line instead of bridging the gap.
            svg.append("<path class=\"series\" fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(color)
                    .append("\" d=\"");
            boolean pen = false;
            for (Point p : l.points()) {
                if (!Double.isFinite(p.value())) {
                    pen = false;
                    continue;
                }
                svg.append(String.format(Locale.ROOT, "%s%.1f,%.1f ", pen ? "L" : "M", s.x(p.t()), s.y(p.value())));
                pen = true;
            }
            svg.append("\"><title>").append(Html.escape(l.label())).append("</title></path>\n");
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#222\">%s</text>%n",
                    LEFT + 10 + (i % 4) * 220, HEIGHT - 24 + (i / 4) * 0, color, LEFT + 24 + (i % 4) * 220,
                    HEIGHT - 15, Html.escape(shorten(l.label().isEmpty() ? "{}" : l.label(), 32))));
            if (i == 7) break; // legend space; every line is still drawn above with its title
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private record Scale(Instant from, Instant to, double lo, double hi) {
        double x(Instant t) {
            double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
            return LEFT + (t.toEpochMilli() - from.toEpochMilli()) / span * (WIDTH - LEFT - RIGHT);
        }

        double y(double v) {
            return HEIGHT - BOTTOM - (v - lo) / (hi - lo) * (HEIGHT - TOP - BOTTOM);
        }
    }

    /** Round tick values (1, 2, 5 × 10^k steps) covering [lo, hi]. */
    static double[] niceTicks(double lo, double hi, int target) {
        double raw = (hi - lo) / target;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (raw <= m * mag) {
                step = m * mag;
                break;
            }
        }
        double start = Math.floor(lo / step) * step;
        List<Double> out = new ArrayList<>();
        for (double v = start; v <= hi + step * 0.5 && out.size() < 50; v += step) out.add(Math.round(v / step) * step);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Instant> timeTicks(Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMillis());
        if (span > 60 * 86_400_000L) return monthTicks(from, to);
        long[] steps = {60_000L, 300_000L, 900_000L, 3_600_000L, 6 * 3_600_000L, 86_400_000L, 7 * 86_400_000L};
        long step = steps[steps.length - 1];
        for (long s : steps) {
            if (span / s <= 8) {
                step = s;
                break;
            }
        }
        List<Instant> out = new ArrayList<>();
        long t = Math.floorDiv(from.toEpochMilli(), step) * step + step;
        for (; t < to.toEpochMilli() && out.size() < 20; t += step) out.add(Instant.ofEpochMilli(t));
        return out;
    }

    /** Ticks on the first of every 1, 2, 3, 6 or 12 months (UTC), at most about eight. */
    private static List<Instant> monthTicks(Instant from, Instant to) {
        java.time.YearMonth first = java.time.YearMonth.from(from.atZone(ZoneOffset.UTC)).plusMonths(1);
        java.time.YearMonth last = java.time.YearMonth.from(to.atZone(ZoneOffset.UTC));
        long months = java.time.temporal.ChronoUnit.MONTHS.between(first, last) + 1;
        int step = 12;
        for (int m : new int[] {1, 2, 3, 6, 12}) {
            if (months / m <= 8) {
                step = m;
                break;
            }
        }
        List<Instant> out = new ArrayList<>();
        for (java.time.YearMonth m = first; !m.isAfter(last) && out.size() < 20; m = m.plusMonths(1)) {
            if ((m.getMonthValue() - 1) % step == 0) out.add(m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        return out;
    }

    private static String formatTime(Instant t, Instant from, Instant to) {
        Duration span = Duration.between(from, to);
        if (span.compareTo(Duration.ofDays(60)) > 0) {
            return DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC).format(t);
        }
        String pattern = span.compareTo(Duration.ofDays(2)) <= 0 ? "MM-dd HH:mm" : "yyyy-MM-dd";
        return DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC).format(t);
    }

    public static String formatValue(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
