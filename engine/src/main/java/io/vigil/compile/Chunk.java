package io.vigil.compile;

import io.vigil.plan.RulePlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * Some rules of a group as one {@link StepProgram}; an evaluation runs one fresh session of the fixed
 * rules per chunk, so a session's working memory stays bounded in large groups.
 */
final class Chunk {
    private final StepProgram program;
    private final int[] groupIndex;
    private final int[][] operandsOfRule;
    private final KieBase kieBase;

    Chunk(StepProgram program, int[] groupIndex, int[][] operandsOfRule, KieBase kieBase) {
        this.program = program;
        this.groupIndex = groupIndex;
        this.operandsOfRule = operandsOfRule;
        this.kieBase = kieBase;
    }

    StepProgram program() { return program; }

    /** Evaluates this chunk's rules and adds their outcomes at their group indexes. */
    void evaluate(Inputs inputs, RuleOutcome[] outcomes) {
        ChunkLayout layout = program.layout();
        List<RulePlan> plans = layout.plans();
        List<List<Breach>> breaches = new ArrayList<>();
        List<Set<String>> errors = new ArrayList<>();
        for (int r = 0; r < plans.size(); r++) {
            breaches.add(new ArrayList<>());
            errors.add(new TreeSet<>());
            for (int operand : operandsOfRule[r]) {
                String failure = inputs.failure(operand);
                if (failure != null) errors.get(r).add(failure);
            }
        }
        KieSession session = kieBase.newKieSession();
        try {
            EvalContext ctx = new EvalContext(program);
            session.setGlobal("ctx", ctx);
            for (int operand = 0; operand < inputs.size(); operand++) {
                for (ChunkLayout.Input in : layout.inputsOf(operand)) {
                    for (Inputs.Element e : inputs.elements(operand)) session.insert(ctx.input(in, e.labels(), e.value()));
                }
            }
            // a level's steps consume only facts of deeper levels, all complete by now
            for (List<Step> level : program.byLevel()) {
                for (Step s : level) session.insert(s);
                session.fireAllRules();
            }
            for (Object o : session.getObjects(o -> o instanceof Breach || o instanceof EvalError)) {
                if (o instanceof Breach b) breaches.get(b.rule()).add(new Breach(groupIndex[b.rule()], b.labels(), b.value()));
                else if (o instanceof EvalError e) errors.get(e.rule()).add(e.message());
            }
        } finally {
            session.dispose();
        }
        for (int r = 0; r < plans.size(); r++) {
            List<Breach> found = errors.get(r).isEmpty() ? breaches.get(r) : new ArrayList<>();
            // ordered by the labels' text, computed once per breach rather than at every comparison
            Map<Breach, String> text = new IdentityHashMap<>();
            for (Breach b : found) text.put(b, b.labels().toString());
            found.sort(Comparator.comparing(text::get));
            outcomes[groupIndex[r]] = new RuleOutcome(plans.get(r), found, List.copyOf(errors.get(r)));
        }
    }
}
