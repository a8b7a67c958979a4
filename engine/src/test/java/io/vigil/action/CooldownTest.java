package io.vigil.action;

import static io.vigil.notify.OutboxWorld.eventually;
import static io.vigil.notify.OutboxWorld.min;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.notify.Deliveries;
import io.vigil.notify.OutboxWorld;
import io.vigil.notify.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cooldown per (action, model), across the rules that trigger it (language.md §4). */
class CooldownTest {
    static final String RULES = """
            model churn {
              every 5m
              rule a {
                when a < 1
                trigger retrain cooldown 1h
              }
              rule b {
                when b < 1
                trigger retrain cooldown 1h
              }
            }
            """;

    @TempDir Path dir;

    @Test
    void anActionRunsAtMostOncePerCooldownPerModelWhicheverRuleTriggersIt() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            String yaml = "actions:\n  retrain:\n    type: webhook\n    url: \"" + receiver.url("/dags/retrain") + "\"\n"
                    + "    body: '{\"conf\": {\"model\": \"{{model}}\", \"reason\": \"{{rule}}\"}}'\n";
            try (OutboxWorld w = OutboxWorld.open(dir, RULES, yaml)) {
                w.startDispatcher();
                // a fires at 0 (runs), resolves at 5, fires at 10 (cooldown); b fires at 15 (cooldown, other rule);
                // both clear at 20; a fires at 60, one hour after the run at 0 (runs).
                double[][] ab = {{0, 0, 2}, {5, 2, 2}, {10, 0, 2}, {15, 0, 0}, {20, 2, 2}, {60, 0, 2}};
                for (double[] step : ab) {
                    int m = (int) step[0];
                    w.put("churn", "a", "all", min(m), step[1]);
                    w.put("churn", "b", "all", min(m), step[2]);
                    w.evaluate(min(m));
                }
                eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(2));
                List<Deliveries.Row> skipped = w.deliveries("skipped");
                assertThat(skipped).extracting(Deliveries.Row::rule).containsExactly("b", "a");
                assertThat(skipped).extracting(Deliveries.Row::result).containsExactly(
                        "cooldown 1h of retrain for model churn: last triggered at 2026-01-01T00:00:00Z by rule a",
                        "cooldown 1h of retrain for model churn: last triggered at 2026-01-01T00:00:00Z by rule a");
            }
            ObjectMapper json = new ObjectMapper();
            assertThat(receiver.requests()).hasSize(2);
            assertThat(json.readTree(receiver.requests().get(0).body()).toString())
                    .isEqualTo("{\"conf\":{\"model\":\"churn\",\"reason\":\"a\"}}");
            assertThat(receiver.requests().get(0).path()).isEqualTo("/dags/retrain");
            assertThat(receiver.requests().get(0).header("Idempotency-Key")).startsWith("vigil-");
        }
    }
}
