package io.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The malformed-snapshot corpus in {@code src/test/resources/ingest/bad-snapshots}: {@code NAME.json}
 * is the input, {@code NAME.expected} the hand-written API error body for it.
 */
record BadSnapshotCorpus(String name, byte[] input, JsonNode expected) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The expected error as the parser reports it. */
    InputError expectedError() {
        return new InputError(expected.path("path").asText(""), expected.get("error").asText());
    }

    @Override public String toString() { return name; }

    static Stream<BadSnapshotCorpus> cases() {
        return cases("/ingest/bad-snapshots");
    }

    /** The corpus in another resource folder of the same layout (e.g. bad predictions). */
    static Stream<BadSnapshotCorpus> cases(String folder) {
        try {
            Path dir = Path.of(BadSnapshotCorpus.class.getResource(folder).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.toString().endsWith(".json")).sorted().map(BadSnapshotCorpus::load).toList().stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BadSnapshotCorpus load(Path json) {
        String name = json.getFileName().toString().replaceFirst("\\.json$", "");
        try {
            return new BadSnapshotCorpus(name, Files.readAllBytes(json),
                    JSON.readTree(json.resolveSibling(name + ".expected").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
