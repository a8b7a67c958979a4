package io.vigil.check;

import io.vigil.ast.Expr;
import io.vigil.ast.Span;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A checked rule with its model block's defaults applied: everything later phases (plan, compile,
 * runtime, notify) need, and nothing they would have to re-derive from the AST's clause lists.
 *
 * @param labels     model-block labels merged with the rule's own (the rule's keys win), sorted by key
 * @param baseline   the default baseline name for distribution functions (rule block, else config), or null
 * @param staleness  how old a sample may be and still count for a selector
 * @param summary    template text, or null for the generated one-line summary
 * @param notifications channels to notify (the rule's own notify clauses, else the block's)
 */
public record ResolvedRule(
        String model,
        String name,
        Span span,
        Schedule schedule,
        Expr when,
        Duration forDuration,
        Duration keepFiringFor,
        String severity,
        Map<String, String> labels,
        String summary,
        String description,
        String runbook,
        List<NotifySpec> notifications,
        List<TriggerSpec> triggers,
        Duration staleness,
        String baseline) {

    public ResolvedRule {
        labels = Map.copyOf(labels);
        notifications = List.copyOf(notifications);
        triggers = List.copyOf(triggers);
    }

    /** {@code model/rule}, the identity used in APIs, tests and generated rule names. */
    public String id() { return model + "/" + name; }

    /** {@code file:line} of the rule keyword, so generated Drools names point back to the source. */
    public String location() { return span.source().path() + ":" + span.line(); }

    /** One channel of a {@code notify} clause; {@code repeat} is the re-send interval while firing, or null. */
    public record NotifySpec(String channel, Duration repeat) {}

    /** One {@code trigger} clause: an action run when the alert starts firing. */
    public record TriggerSpec(String action, Duration cooldown, boolean approvalRequired) {}
}
