package io.vigil.ingest;

import io.vigil.stats.FeatureSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WideCsvReaderTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void numericAndCategoricalColumnsWithNulls() throws Exception {
        Path file = write("ref.csv", "income,region,age\n52000.5,EU,31\n,US,\n-1e3,EU,40\n");
        WideCsv csv = WideCsvReader.read(file);

        assertThat(csv.rows()).isEqualTo(3);
        assertThat(csv.columns()).containsExactly("income", "region", "age");
        FeatureSample.Numeric income = (FeatureSample.Numeric) csv.feature("income");
        assertThat(income.values()).containsExactly(52000.5, -1000.0);
        assertThat(income.nulls()).isEqualTo(1);
        FeatureSample.Categorical region = (FeatureSample.Categorical) csv.feature("region");
        assertThat(region.counts()).containsExactly(Map.entry("EU", 2L), Map.entry("US", 1L));
        assertThat(region.nulls()).isZero();
        assertThat(((FeatureSample.Numeric) csv.feature("age")).values()).containsExactly(31.0, 40.0);
    }

    @Test
    void textAfterNumbersMakesTheWholeColumnCategoricalKeepingTheOriginalSpelling() throws Exception {
        Path file = write("mixed.csv", "code,x\n1.0,1\n1,2\n007,3\nNaN,4\n,5\n");
        WideCsv csv = WideCsvReader.read(file);

        FeatureSample.Categorical code = (FeatureSample.Categorical) csv.feature("code");
        assertThat(code.counts()).containsExactly(
                Map.entry("007", 1L), Map.entry("1", 1L), Map.entry("1.0", 1L), Map.entry("NaN", 1L));
        assertThat(code.nulls()).isEqualTo(1);
        assertThat(csv.feature("x")).isInstanceOf(FeatureSample.Numeric.class);
    }

    @Test
    void notEveryNumberLikeSpellingIsANumber() throws Exception {
        for (String cell : List.of("Infinity", "0x10", "1d", "1e", ".", "-", "1,5", "1.2.3")) {
            Path file = write("c.csv", "v\n\"" + cell + "\"\n");
            assertThat(WideCsvReader.read(file).feature("v")).as(cell).isInstanceOf(FeatureSample.Categorical.class);
        }
        Path numbers = write("n.csv", "v\n+5\n.5\n5.\n-2E-3\n \t3 \n\"4\"\n");
        assertThat(((FeatureSample.Numeric) WideCsvReader.read(numbers).feature("v")).values())
                .containsExactly(5, 0.5, 5, -0.002, 3, 4);
    }

    @Test
    void onlyTheRequestedColumnsAndForcedCategorical() throws Exception {
        Path file = write("ref.csv", "a,b,c\n1,2,3\n4,5,6\n");
        WideCsv csv = WideCsvReader.read(file, List.of("c", "a"), Set.of("c"));

        assertThat(csv.columns()).containsExactly("a", "c");
        assertThat(csv.feature("b")).isNull();
        assertThat(((FeatureSample.Categorical) csv.feature("c")).counts())
                .containsExactly(Map.entry("3", 1L), Map.entry("6", 1L));
    }

    @Test
    void blankLinesAreSkippedAndAByteOrderMarkIsIgnored() throws Exception {
        Path file = write("bom.csv", "\uFEFFa,b\n1,x\n\n2,y\n");
        WideCsv csv = WideCsvReader.read(file);

        assertThat(csv.columns()).containsExactly("a", "b");
        assertThat(csv.rows()).isEqualTo(2);
        assertThat(csv.feature("a").nulls()).isZero();
    }

    @Test
    void inASingleColumnFileAnEmptyLineIsANull() throws Exception {
        WideCsv csv = WideCsvReader.read(write("one.csv", "a\n1\n\n2\n"));
        assertThat(csv.rows()).isEqualTo(3);
        assertThat(csv.feature("a").nulls()).isEqualTo(1);
        assertThat(csv.feature("a").size()).isEqualTo(2);
    }

    @Test
    void aRowWithTooFewCellsNamesFileLineAndCounts() throws Exception {
        Path file = write("ref.csv", "a,b,c,d,e\n1,2,3,4,5\n\"multi\nline\",2,3,4,5\n1,2,3,4\n");
        assertThatThrownBy(() -> WideCsvReader.read(file))
                .isInstanceOf(WideCsvException.class)
                .hasMessage(file + ":5: expected 5 columns, found 4");
    }

    @Test
    void headerProblems() throws Exception {
        Path dup = write("dup.csv", "a,b,a\n1,2,3\n");
        assertThatThrownBy(() -> WideCsvReader.read(dup))
                .hasMessage(dup + ":1: column 3 repeats the name 'a' of column 1");
        Path empty = write("empty.csv", "");
        assertThatThrownBy(() -> WideCsvReader.read(empty))
                .hasMessage(empty + ": file is empty; expected a header row naming the columns");
        Path unnamed = write("unnamed.csv", "a,,c\n1,2,3\n");
        assertThatThrownBy(() -> WideCsvReader.read(unnamed))
                .hasMessage(unnamed + ":1: column 2 has an empty name in the header");
    }

    @Test
    void unknownColumnListsTheHeader() throws Exception {
        Path file = write("ref.csv", "a,b\n1,2\n");
        assertThatThrownBy(() -> WideCsvReader.read(file, List.of("zz"), Set.of()))
                .hasMessage(file + ":1: no column named 'zz'; the header has: a, b");
    }

    @Test
    void missingFileAndBrokenQuoting() throws Exception {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> WideCsvReader.read(missing)).hasMessage(missing + ": no such file");
        Path broken = write("q.csv", "a,b\n1,2\n\"open,3\n");
        assertThatThrownBy(() -> WideCsvReader.read(broken))
                .isInstanceOf(WideCsvException.class)
                .hasMessageStartingWith(broken + ":4:")
                .hasMessageContaining("Missing closing quote");
    }

    @Test
    void headerOnlyFileHasNoRows() throws Exception {
        WideCsv csv = WideCsvReader.read(write("h.csv", "a,b\n"));
        assertThat(csv.rows()).isZero();
        assertThat(csv.feature("a").size()).isZero();
    }
}
