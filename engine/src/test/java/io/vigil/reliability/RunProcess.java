package io.vigil.reliability;

import io.vigil.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code vigil run} in its own JVM, for tests that kill it as an operating system would. */
final class RunProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("vigil: running .* API on (http://\\S+)");

    private final Process process;
    private final Path log;
    final URI api;

    private RunProcess(Process process, Path log, URI api) {
        this.process = process;
        this.log = log;
        this.api = api;
    }

    /** Starts {@code vigil run --config config}, appending its output to {@code log}, and waits until it serves. */
    static RunProcess start(Path config, Path log) throws IOException, InterruptedException {
        long from = Files.exists(log) ? Files.size(log) : 0;
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            String out = read(log, from);
            Matcher m = RUNNING.matcher(out);
            if (m.find()) return new RunProcess(p, log, URI.create(m.group(1)));
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                p.destroyForcibly();
                throw new AssertionError("vigil run did not start:\n" + out);
            }
            Thread.sleep(50);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("vigil run survived SIGKILL");
    }

    long pid() { return process.pid(); }

    String output() { return read(log, 0); }

    private static String read(Path p, long from) {
        try {
            byte[] all = Files.readAllBytes(p);
            return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void close() throws InterruptedException {
        kill();
    }
}
