package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.check.RuleSources;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule files that cannot be rule files: bytes that are not UTF-8 are located (line, column, caret) and
 * reported like any rule error, exit 1, as JSON with --format json; a file over the size limit is
 * refused before it is read (a 301 MB file used to end in OutOfMemoryError).
 */
class RuleFileContentTest {
    @TempDir Path dir;

    private Path invalidUtf8() throws IOException {
        byte[] head = "model m {\n  every 5m\n  rule r { when x > 1 } # caf".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\n}\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xE9; // Latin-1 'é'
        System.arraycopy(tail, 0, all, head.length + 1, tail.length);
        return Files.write(dir.resolve("latin1.vigil"), all);
    }

    @Test
    void invalidUtf8IsALocatedErrorExitOne() throws IOException {
        Path file = invalidUtf8();
        CommandRun run = CommandRun.of("check", file.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).startsWith(file + ":3:30: error: not valid UTF-8: byte 0xE9 at byte offset 50")
                .contains("^");
    }

    @Test
    void invalidUtf8AsJson() throws IOException {
        Path file = invalidUtf8();
        CommandRun run = CommandRun.of("check", "--format", "json", file.toString());
        assertThat(run.exit()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.toString()).contains("not valid UTF-8").contains("\"line\":3").contains("\"column\":30");
    }

    @Test
    void tooLargeIsRefusedWithTheLimit() throws IOException {
        Path file = dir.resolve("huge.vigil");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(RuleSources.MAX_FILE_BYTES + 1); // sparse: no disk used
        }
        CommandRun run = CommandRun.of("check", file.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains(file + ":1:1: error: the file is " + (RuleSources.MAX_FILE_BYTES + 1)
                + " bytes; a rule file may have at most 4194304 bytes (4 MiB)");
    }
}
