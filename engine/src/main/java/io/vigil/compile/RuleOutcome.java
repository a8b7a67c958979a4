package io.vigil.compile;

import io.vigil.plan.RulePlan;
import java.util.List;

/**
 * One rule's result of one evaluation: the breaches (alert instances), or the errors that made the
 * evaluation fail, in which case there are no breaches (language.md §4: a failed evaluation changes no state).
 */
public record RuleOutcome(RulePlan plan, List<Breach> breaches, List<String> errors) {
    public RuleOutcome {
        breaches = List.copyOf(breaches);
        errors = List.copyOf(errors);
    }

    public boolean failed() { return !errors.isEmpty(); }
}
