package io.vigil.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The statistics the docs describe are exactly the registry's, with the same properties: a user
 * reading docs/statistics.md's table or language.md §3.3 sees what the checker and engine do.
 */
class StatisticDocsTest {

    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void statisticsTableListsEveryEntryWithItsProperties() throws IOException {
        List<String[]> rows = table(Files.readString(DOCS.resolve("statistics.md")), "## The functions");
        assertThat(rows.stream().map(r -> r[0]).toList())
                .as("function column of docs/statistics.md, in order")
                .containsExactlyElementsOf(StatisticRegistry.all().stream().map(f -> "`" + f.name() + "`").toList());
        for (String[] r : rows) {
            StatisticFunction f = StatisticRegistry.lookup(r[0].replace("`", ""));
            assertThat(r[1]).as(f.name() + " kind").isEqualTo(f.kind().text());
            assertThat(r[2]).as(f.name() + " baseline").isEqualTo(f.needsBaseline() ? "yes" : "no");
            assertThat(r[3].equals("[0, 1]")).as(f.name() + " range " + r[3]).isEqualTo(f.bounded());
        }
    }

    @Test
    void languageReferenceNamesEveryFeatureStatisticAndItsArguments() throws IOException {
        String section = section(Files.readString(DOCS.resolve("language.md")), "### 3.3 ");
        Matcher list = Pattern.compile("((?:`[a-z0-9_]+`,\\s*)+`[a-z0-9_]+`) — all take named arguments").matcher(section);
        assertThat(list.find()).as("the list of names in language.md §3.3").isTrue();
        List<String> names = Arrays.stream(list.group(1).split(",")).map(s -> s.strip().replace("`", "")).toList();
        List<String> registered = StatisticRegistry.all().stream()
                .filter(f -> f.family() == StatisticFamily.FEATURE_DISTRIBUTION).map(StatisticFunction::name).toList();
        assertThat(names).containsExactlyInAnyOrderElementsOf(registered);
        for (NamedArg a : StatisticFamily.FEATURE_DISTRIBUTION.args()) {
            assertThat(section).as("language.md §3.3 describes " + a.text() + "=").contains("- `" + a.text() + "=");
        }
    }

    /** The cells of the first table after {@code heading}, without its header and separator rows. */
    private static List<String[]> table(String doc, String heading) {
        List<String[]> rows = new ArrayList<>();
        boolean in = false;
        for (String line : section(doc, heading).split("\n")) {
            if (line.startsWith("|")) {
                in = true;
                String[] cells = line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1);
                for (int i = 0; i < cells.length; i++) cells[i] = cells[i].strip();
                if (!cells[0].equals("function") && !cells[0].startsWith("---")) rows.add(cells);
            } else if (in) {
                break;
            }
        }
        return rows;
    }

    private static String section(String doc, String heading) {
        int start = doc.indexOf("\n" + heading);
        assertThat(start).as(heading).isNotNegative();
        int end = doc.indexOf("\n#", start + heading.length() + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }
}
