package io.vigil.action;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program with an argv list through {@link ProcessBuilder} — never a shell, so no argument is
 * ever parsed for {@code ;}, {@code $( )} or quotes — with a timeout, keeping the exit code and the
 * tail of its combined output. On timeout the program and its children get SIGTERM, then SIGKILL.
 */
public final class CommandRunner {
    private static final int TAIL_CHARS = 2000;
    private static final Duration TERM_GRACE = Duration.ofSeconds(5);

    /**
     * How a run ended.
     *
     * @param exitCode the exit status; -1 when it was stopped for running too long
     * @param tail     the last lines of stdout and stderr, interleaved as written
     */
    public record Result(int exitCode, boolean timedOut, String tail, Duration took) {}

    /** Runs {@code argv} in {@code directory} with {@code env} added; IOException when it cannot start. */
    public Result run(List<String> argv, Path directory, Map<String, String> env, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        if (directory != null) pb.directory(directory.toFile());
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        Tail tail = new Tail(p.getInputStream());
        Thread reader = new Thread(tail, "vigil-command-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) stop(p);
            // Children that inherited the pipe can keep it open after the program exits: don't wait for them.
            reader.join(2000);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + argv.get(0), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Result(finished ? p.exitValue() : -1, !finished, tail.text(), took);
    }

    private static void stop(Process p) throws InterruptedException {
        // The program first, so a script cannot carry on after its child is stopped (and print more);
        // its children are listed before, as they are re-parented and out of reach once it is gone.
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!p.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Reads the output to the end, keeping only the last characters. */
    private static final class Tail implements Runnable {
        private final InputStream in;
        private final StringBuilder buffer = new StringBuilder();

        Tail(InputStream in) { this.in = in; }

        @Override
        public void run() {
            char[] chunk = new char[4096];
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                int n;
                while ((n = r.read(chunk)) >= 0) {
                    synchronized (buffer) {
                        buffer.append(chunk, 0, n);
                        if (buffer.length() > 4 * TAIL_CHARS) buffer.delete(0, buffer.length() - TAIL_CHARS);
                    }
                }
            } catch (IOException e) {
                // The process ended or was killed; what was read so far is the tail.
            }
        }

        String text() {
            synchronized (buffer) {
                String s = buffer.length() <= TAIL_CHARS ? buffer.toString()
                        : buffer.substring(buffer.length() - TAIL_CHARS);
                return s.strip();
            }
        }
    }
}
