package io.vigil.check;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.DiagnosticPrinter;
import io.vigil.ast.Source;
import io.vigil.ast.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
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

    /**
     * The largest rule file read: far beyond any hand-written rule set (the biggest example is a few
     * KiB), and small enough that checking it cannot exhaust the heap.
     */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    /**
     * A path that cannot be read (the CLI reports it and exits 2), or a file whose content cannot be a
     * rule file (not UTF-8, too large): then {@link #diagnostic()} locates the problem and the CLI
     * reports it like any rule error (exit 1).
     */
    public static final class LoadException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Diagnostic diagnostic;

        public LoadException(String message) {
            this(message, null);
        }

        LoadException(String message, Diagnostic diagnostic) {
            super(message);
            this.diagnostic = diagnostic;
        }

        LoadException(Diagnostic diagnostic) {
            this(DiagnosticPrinter.render(diagnostic).strip(), diagnostic);
        }

        /** Where the file's content went wrong, or null when the file could not be read at all. */
        public Diagnostic diagnostic() { return diagnostic; }
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
            long size = Files.size(f);
            if (size > MAX_FILE_BYTES) {
                throw new LoadException(Diagnostic.error(Span.at(new Source(f.toString(), ""), 0), "the file is "
                        + size + " bytes; a rule file may have at most " + MAX_FILE_BYTES + " bytes (4 MiB)"));
            }
            byte[] bytes = Files.readAllBytes(f);
            CharBuffer decoded = CharBuffer.allocate(bytes.length);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CoderResult result = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in, decoded, true);
            if (result.isError()) throw notUtf8(f, bytes, decoded.flip().toString(), in.position());
            return new Source(f.toString(), decoded.flip().toString());
        } catch (IOException e) {
            throw new LoadException(f + ": cannot read: " + e.getMessage());
        }
    }

    /** Points at the first byte that is not UTF-8, in the file shown with U+FFFD for bad bytes. */
    private static LoadException notUtf8(Path f, byte[] bytes, String good, int bytePosition) {
        String shown = new String(bytes, StandardCharsets.UTF_8);
        Source source = new Source(f.toString(), shown);
        int offset = good.codePointCount(0, good.length());
        return new LoadException(Diagnostic.error(Span.at(source, offset), String.format(
                "not valid UTF-8: byte 0x%02X at byte offset %d; rule files must be UTF-8 text",
                bytes[bytePosition] & 0xFF, bytePosition)));
    }
}
