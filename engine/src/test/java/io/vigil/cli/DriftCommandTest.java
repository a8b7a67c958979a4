package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.stats.ReferenceVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.vigil.stats.Tolerance.absolute;
import static io.vigil.stats.Tolerance.arithmetic;
import static io.vigil.stats.Tolerance.pValue;
import static io.vigil.stats.Tolerance.relative;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vigil drift} end to end: reference cases from the SciPy vectors are written to CSV files (numbers in
 * their shortest round-trip form, so the parsed values are the generator's), the command runs on them, and its
 * JSON is checked against the vectors' expected values.
 */
class DriftCommandTest {
    @TempDir Path dir;

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = VigilCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Writes columns of equal length; a null cell is written empty. */
    private Path csv(String name, List<String> header, List<String[]> columns) throws IOException {
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (int row = 0; row < columns.get(0).length; row++) {
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) text.append(',');
                String cell = columns.get(c)[row];
                text.append(cell == null ? "" : cell);
            }
            text.append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static String[] numbers(JsonNode c, String side) {
        double[] values = ReferenceVectors.doubles(c, side);
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) out[i] = Double.toString(values[i]);
        return out;
    }

    private Path[] writeCases() throws IOException {
        JsonNode income = ReferenceVectors.byId("num_normal_shift05_n1000");
        JsonNode region = ReferenceVectors.byId("cat_shift_n1000");
        JsonNode same = ReferenceVectors.byId("num_identical_n1000");
        List<String> header = List.of("income", "region", "same");
        Path ref = csv("ref.csv", header, List.of(numbers(income, "reference"),
                ReferenceVectors.labels(region, "reference"), numbers(same, "reference")));
        Path cur = csv("cur.csv", header, List.of(numbers(income, "current"),
                ReferenceVectors.labels(region, "current"), numbers(same, "current")));
        return new Path[] {ref, cur};
    }

    @Test
    void jsonReportMatchesTheReferenceValues() throws Exception {
        Path[] files = writeCases();
        Run run = run("drift", "--reference", files[0].toString(), "--current", files[1].toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());

        assertThat(json.path("reference_rows").asLong()).isEqualTo(1000);
        assertThat(json.path("current_rows").asLong()).isEqualTo(1000);
        List<String> names = new ArrayList<>();
        json.path("features").forEach(f -> names.add(f.path("feature").asText()));
        assertThat(names).containsExactly("income", "region", "same");

        JsonNode income = json.path("features").get(0);
        JsonNode e = ReferenceVectors.byId("num_normal_shift05_n1000").path("expected");
        assertThat(income.path("type").asText()).isEqualTo("numeric");
        arithmetic("psi", income.path("psi").asDouble(), e.path("psi").path("value").asDouble());
        arithmetic("kl", income.path("kl").asDouble(), e.path("kl_divergence").path("value").asDouble());
        absolute("js", income.path("js").asDouble(), e.path("jensen_shannon").path("distance_base2").asDouble(), 1e-8);
        absolute("hellinger", income.path("hellinger").asDouble(), e.path("hellinger").path("value").asDouble(), 1e-12);
        arithmetic("wasserstein", income.path("wasserstein").asDouble(), e.path("wasserstein").path("normalized").asDouble());
        arithmetic("ks", income.path("ks").asDouble(), e.path("ks").path("statistic").asDouble());
        relative("ks_pvalue", income.path("ks_pvalue").asDouble(), e.path("ks").path("p_value_exact").asDouble(), 1e-10);
        for (String none : List.of("chi2_pvalue", "linf", "unseen_rate")) {
            assertThat(income.path(none).isNull()).as(none + " is null for a numeric feature").isTrue();
        }
        assertThat(income.path("null_rate").asDouble()).isZero();
        assertThat(income.path("drift_method").asText()).isEqualTo("ks");
        assertThat(income.path("drift_score").asDouble()).isEqualTo(income.path("ks_pvalue").asDouble());
        assertThat(income.path("drift_detected").asBoolean()).isTrue();

        JsonNode region = json.path("features").get(1);
        JsonNode r = ReferenceVectors.byId("cat_shift_n1000").path("expected");
        assertThat(region.path("type").asText()).isEqualTo("categorical");
        arithmetic("psi", region.path("psi").asDouble(), r.path("psi").path("value").asDouble());
        arithmetic("linf", region.path("linf").asDouble(), r.path("l_infinity").path("value").asDouble());
        pValue("chi2", region.path("chi2_pvalue").asDouble(), r.path("chi_square_homogeneity").path("p_value").asDouble());
        for (String none : List.of("ks", "ks_pvalue", "wasserstein", "mean", "out_of_range_rate")) {
            assertThat(region.path(none).isNull()).as(none + " is null for a categorical feature").isTrue();
        }
        assertThat(region.path("drift_method").asText()).isEqualTo("chi2");
        assertThat(region.path("drift_detected").asBoolean()).isTrue();

        JsonNode same = json.path("features").get(2);
        assertThat(same.path("psi").asDouble()).isZero();
        assertThat(same.path("ks_pvalue").asDouble()).isEqualTo(1.0);
        assertThat(same.path("drift_detected").asBoolean()).isFalse();

        assertThat(json.path("drifted_features").asInt()).isEqualTo(2);
        assertThat(json.path("dataset_drift").asBoolean()).isTrue();
    }

    @Test
    void textReportIsATableWithVerdictAndMethodPerFeature() throws Exception {
        Path[] files = writeCases();
        Run run = run("drift", "--reference", files[0].toString(), "--current", files[1].toString(),
                "--features", "same,income");
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("feature")).findFirst().orElseThrow();
        String income = lines.stream().filter(l -> l.startsWith("income ")).findFirst().orElseThrow();
        String same = lines.stream().filter(l -> l.startsWith("same ")).findFirst().orElseThrow();
        assertThat(income.split("\\s+")).startsWith("income", "numeric", "DRIFT", "ks");
        assertThat(same.split("\\s+")).startsWith("same", "numeric", "no", "ks", "1");
        // aligned: every column starts at the same offset in every row
        assertThat(income.indexOf("DRIFT")).isEqualTo(header.indexOf("drift"));
        assertThat(same.indexOf(" no ") + 1).isEqualTo(header.indexOf("drift"));
        assertThat(run.out()).contains("1 of 2 features drifted (50%); dataset drift: YES");
    }

    @Test
    void aColumnNumericInOneFileAndTextInTheOtherIsComparedAsCategories() throws Exception {
        Path ref = csv("ref.csv", List.of("code"), List.<String[]>of(new String[] {"1", "2", "2", null}));
        Path cur = csv("cur.csv", List.of("code"), List.<String[]>of(new String[] {"1", "x", "2", "2"}));
        Run run = run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode code = new ObjectMapper().readTree(run.out()).path("features").get(0);
        assertThat(code.path("type").asText()).isEqualTo("categorical");
        assertThat(code.path("unseen_rate").asDouble()).isEqualTo(0.25);
        assertThat(code.path("null_rate").asDouble()).isZero();
    }

    @Test
    void missingFileUnknownFeatureAndBadRowsExitWithUsageErrors() throws Exception {
        Path[] files = writeCases();
        Run missing = run("drift", "--reference", dir.resolve("nope.csv").toString(), "--current", files[1].toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("vigil drift: " + dir.resolve("nope.csv") + ": no such file");
        assertThat(missing.out()).isEmpty();

        Run unknown = run("drift", "--reference", files[0].toString(), "--current", files[1].toString(),
                "--features", "income,salary");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains(":1: no column named 'salary'; the header has: income, region, same");

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b\n1,2\n3\n");
        Run badRow = run("drift", "--reference", bad.toString(), "--current", files[1].toString());
        assertThat(badRow.exit()).isEqualTo(2);
        assertThat(badRow.err()).contains("vigil drift: " + bad + ":3: expected 2 columns, found 1");

        Run noArgs = run("drift", "--reference", files[0].toString());
        assertThat(noArgs.exit()).isEqualTo(2);
        assertThat(noArgs.err()).contains("Missing required option: '--current=cur.csv'");
    }
}
