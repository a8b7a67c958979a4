package io.vigil.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Source;
import io.vigil.check.Checker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pull-request comment cannot be made to carry markup by what a rule file says. */
class DiffMarkdownTest {

    private static String comment(String before, String after) {
        var a = Checker.check(List.of(new Source("a.vigil", before)), null);
        var b = Checker.check(List.of(new Source("b.vigil", after)), null);
        assertThat(a.hasErrors()).isFalse();
        assertThat(b.hasErrors()).isFalse();
        return DiffMarkdown.render(new DiffReport("main", "head", SemanticDiff.compare(a.rules(), b.rules()), null));
    }

    @Test
    void labelValuesWithHtmlPipesAndBackticksStayText() {
        String md = comment("""
                model shop { every 5m rule r { when accuracy < 0.8 labels { team: "ml" } } }
                """, """
                model shop { every 5m rule r { when accuracy < 0.8 labels { team: "<img src=x onerror=alert(1)> | `x` [a](http://evil)" } } }
                """);

        // outside code spans (which GitHub shows literally) no tag or link survives
        String outsideCode = md.replaceAll("``.*?``", "").replaceAll("`[^`]*`", "");
        assertThat(outsideCode).doesNotContain("<img").doesNotContain("[a](http");
        String row = md.lines().filter(l -> l.startsWith("| `shop/r`")).findFirst().orElseThrow();
        // two cells: every pipe of the value is escaped, so the row keeps the table's shape
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(3);
        assertThat(md).contains("- **labels** `{team: \"ml\"}` → ``{team: \"<img src=x onerror=alert(1)> \\| `x` [a](http://evil)\"}``");
    }

    @Test
    void aPureReformatSaysSo() {
        String md = comment("model shop { every 5m rule r { when accuracy < 0.8 } }",
                "model shop {\n  every 5m\n  # reworded\n  rule r {\n    when (accuracy < 80%)\n  }\n}\n");

        assertThat(md).contains("No semantic change: formatting and comments only.");
    }
}
