package io.vigil.check;

import io.vigil.ast.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Finds and reads rule files: a directory means every {@code .vigil} file below it, in sorted order. */
public final class RuleSources {
    private RuleSources() {}

    /** A path that cannot be read; the CLI reports it and exits 2. */
    public static final class LoadException extends Exception {
        private static final long serialVersionUID = 1L;
        public LoadException(String message) { super(message); }
    }

    /** Reads every rule file named by {@code paths}; a file named twice is loaded once. */
    public static List<Source> load(List<Path> paths) throws LoadException {
        Set<Path> seen = new LinkedHashSet<>();
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) throw new LoadException(p + ": no such file or directory");
            List<Path> found;
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    found = walk.filter(f -> f.toString().endsWith(".vigil") && Files.isRegularFile(f)).sorted().toList();
                } catch (IOException | UncheckedIOException e) {
                    throw new LoadException(p + ": cannot list directory: " + e.getMessage());
                }
            } else {
                found = List.of(p);
            }
            for (Path f : found) {
                if (seen.add(f.toAbsolutePath().normalize())) files.add(f);
            }
        }
        List<Source> sources = new ArrayList<>();
        for (Path f : files) sources.add(read(f));
        return sources;
    }

    private static Source read(Path f) throws LoadException {
        try {
            byte[] bytes = Files.readAllBytes(f);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return new Source(f.toString(), text);
        } catch (CharacterCodingException e) {
            throw new LoadException(f + ": not valid UTF-8");
        } catch (IOException e) {
            throw new LoadException(f + ": cannot read: " + e.getMessage());
        }
    }
}
