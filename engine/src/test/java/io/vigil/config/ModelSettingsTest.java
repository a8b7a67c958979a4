package io.vigil.config;

import static io.vigil.config.ConfigFixture.lines;
import static io.vigil.config.ConfigFixture.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.stats.quality.ModelKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code models.<m>:} kind, positive class, threshold and retention (predictions.md §1, §5). */
class ModelSettingsTest {

    @Test
    void readsEverySettingAndFillsDefaults() {
        Config c = load("""
                models:
                  churn: { kind: binary, positive_class: churn, threshold: 0.7, retention: 30d }
                  digits: { kind: multiclass }
                  price: { kind: regression, baseline: training }
                """).config();
        Config.ModelSettings churn = c.model("churn");
        assertThat(churn.kind()).isEqualTo(ModelKind.BINARY);
        assertThat(churn.positiveClass()).isEqualTo("churn");
        assertThat(churn.threshold()).isEqualTo(0.7);
        assertThat(churn.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(c.model("digits").kind()).isEqualTo(ModelKind.MULTICLASS);
        assertThat(c.model("digits").retention()).isEqualTo(Duration.ofDays(90));
        assertThat(c.model("price").baseline()).isEqualTo("training");
        Config.ModelSettings unknown = c.model("nobody");
        assertThat(unknown.kind()).isNull();
        assertThat(unknown.positiveClass()).isEqualTo("1");
        assertThat(unknown.threshold()).isEqualTo(0.5);
        assertThat(load("models:\n  b: { kind: binary }\n").config().model("b").positiveClass()).isEqualTo("1");
    }

    @Test
    void badValuesAreLocated() {
        assertThat(lines(load("""
                models:
                  churn: { kind: binry, threshold: 1.5, retention: 0d }
                  digits: { kind: multiclass, positive_class: "7" }
                  loose: { threshold: 0.3 }
                  words: { kind: binary, threshold: high }
                """))).containsExactly(
                "vigil.yaml:2:18: error: models.churn.kind: expected binary, multiclass, regression; got 'binry' (did you mean 'binary'?)",
                "vigil.yaml:2:25: error: models.churn.threshold: applies to binary models only; add kind: binary",
                "vigil.yaml:2:36: error: models.churn.threshold: expected a number from 0.0 to 1.0, got '1.5'",
                "vigil.yaml:2:52: error: models.churn.retention: expected a duration such as 30s, 15m, 2h or 7d (greater than 0), got '0d'",
                "vigil.yaml:3:31: error: models.digits.positive_class: applies to binary models only; add kind: binary (this model is multiclass)",
                "vigil.yaml:4:12: error: models.loose.threshold: applies to binary models only; add kind: binary",
                "vigil.yaml:5:37: error: models.words.threshold: expected a number from 0.0 to 1.0, got 'high'");
    }
}
