package io.vigil.compile;

import io.vigil.plan.Projection;
import io.vigil.plan.RulePlan;
import java.util.List;

/**
 * The text form of a {@link StepProgram} that {@code vigil compile} prints and the golden files hold:
 * the projection table, the input fact nodes, then per rule its steps with their insertion level.
 * Rule-file text (paths, names, the condition excerpt) goes through {@link ListingText}.
 */
final class StepListing {
    private StepListing() {}

    static String of(StepProgram program) {
        ChunkLayout layout = program.layout();
        StringBuilder out = new StringBuilder();
        List<Projection> projections = layout.projections();
        for (int i = 0; i < projections.size(); i++) {
            out.append("projection ").append(i).append(" = ").append(projections.get(i).describe()).append('\n');
        }
        for (ChunkLayout.Input in : layout.inputs()) {
            out.append("input node ").append(in.node()).append(" = operand ").append(in.operand()).append(": ")
                    .append(ListingText.line(in.source().describe())).append(", keyed ").append(in.key().describe())
                    .append(", for ").append(in.consumer().name().toLowerCase())
                    .append(in.relation() == Relation.NONE ? "" : " " + in.relation().symbol).append('\n');
        }
        List<List<Step>> byRule = new java.util.ArrayList<>();
        for (int r = 0; r < layout.plans().size(); r++) byRule.add(new java.util.ArrayList<>());
        for (Step s : program.steps()) byRule.get(program.detail(s).rule()).add(s);
        for (int r = 0; r < layout.plans().size(); r++) {
            RulePlan plan = layout.plans().get(r);
            out.append("\nrule ").append(r).append(": ").append(ListingText.line(plan.id()))
                    .append(" (").append(ListingText.line(plan.rule().location())).append(")\n");
            out.append("  when ").append(ListingText.line(plan.rule().when().span().text().replaceAll("\\s+", " ")))
                    .append('\n');
            if (byRule.get(r).isEmpty()) out.append("  the condition is constant and never holds: no steps\n");
            for (Step s : byRule.get(r)) {
                StepProgram.Detail d = program.detail(s);
                out.append(String.format("  level %2d  %s", d.level(), describe(program, s, d))).append('\n');
            }
        }
        return out.toString();
    }

    private static String describe(StepProgram program, Step s, StepProgram.Detail d) {
        List<Projection> projections = program.layout().projections();
        String what = switch (s.kind()) {
            case FILTER -> "filter " + s.relation().symbol + " " + ListingText.number(s.number());
            case SCALE -> {
                var n = (io.vigil.plan.Node.Scale) d.node();
                String scalar = ListingText.number(n.scalar());
                yield "scale " + (n.scalarLeft() ? scalar + " " + n.op().symbol + " x" : "x " + n.op().symbol + " " + scalar);
            }
            case APPLY -> {
                var n = (io.vigil.plan.Node.Apply) d.node();
                yield "apply " + n.function().text() + (n.function().takesBound() ? " " + ListingText.number(n.bound()) : "");
            }
            case VECTOR -> "vector " + (s.relation() == Relation.NONE ? program.arithmetic(s).symbol : s.relation().symbol);
            case AND, OR, UNLESS -> s.kind().name().toLowerCase();
            case COUNT, SUM, AVG, MAX, MIN -> s.kind().name().toLowerCase() + "_of";
            case BREACH -> "breach";
            case CONSTANT -> "constant " + ListingText.number(s.number());
        };
        StringBuilder out = new StringBuilder(String.format("%-16s", what));
        if (s.kind() == StepKind.CONSTANT) return out.toString().strip();
        out.append(" node ").append(s.input());
        if (s.right() >= 0) out.append(", node ").append(s.right());
        if (s.out() >= 0) out.append(" -> node ").append(s.out());
        if (d.labels() >= 0) out.append(", labels ").append(projections.get(d.labels()).describe());
        if (d.key() >= 0) out.append(", key ").append(projections.get(d.key()).describe());
        if (d.node() != null) out.append("   (node #").append(d.node().id()).append(')');
        return out.toString();
    }
}
