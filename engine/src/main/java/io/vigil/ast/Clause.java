package io.vigil.ast;

import java.util.List;

/** One clause of a rule or model block; each kind is a record here. */
public sealed interface Clause {
    Span span();

    /** The keyword that starts the clause, as written in source; used in messages. */
    String keyword();

    record Every(DurationLit interval, Span span) implements Clause {
        public String keyword() { return "every"; }
    }

    record Cron(StringLit expression, Span span) implements Clause {
        public String keyword() { return "cron"; }
    }

    record Timezone(StringLit zone, Span span) implements Clause {
        public String keyword() { return "timezone"; }
    }

    record Baseline(StringLit name, Span span) implements Clause {
        public String keyword() { return "baseline"; }
    }

    record Staleness(DurationLit limit, Span span) implements Clause {
        public String keyword() { return "staleness"; }
    }

    /** {@code notify a, b [repeat d]}; {@code repeat} is null when absent. */
    record Notify(List<Name> channels, DurationLit repeat, Span span) implements Clause {
        public Notify { channels = List.copyOf(channels); }
        public String keyword() { return "notify"; }
    }

    record Labels(List<LabelPair> pairs, Span span) implements Clause {
        public Labels { pairs = List.copyOf(pairs); }
        public String keyword() { return "labels"; }
    }

    /** One {@code key: "value"} entry of a labels clause. */
    record LabelPair(Name key, StringLit value, Span span) {}

    record SeverityClause(Name level, Span span) implements Clause {
        public String keyword() { return "severity"; }
    }

    record When(Expr condition, Span span) implements Clause {
        public String keyword() { return "when"; }
    }

    record For(DurationLit duration, Span span) implements Clause {
        public String keyword() { return "for"; }
    }

    record KeepFiringFor(DurationLit duration, Span span) implements Clause {
        public String keyword() { return "keep_firing_for"; }
    }

    record Summary(StringLit template, Span span) implements Clause {
        public String keyword() { return "summary"; }
    }

    record Description(StringLit template, Span span) implements Clause {
        public String keyword() { return "description"; }
    }

    record Runbook(StringLit url, Span span) implements Clause {
        public String keyword() { return "runbook"; }
    }

    /** {@code trigger action [cooldown d] [approval required]}; {@code cooldown} is null when absent. */
    record Trigger(Name action, DurationLit cooldown, boolean approvalRequired, Span span) implements Clause {
        public String keyword() { return "trigger"; }
    }
}
