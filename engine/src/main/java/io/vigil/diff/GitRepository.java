package io.vigil.diff;

import io.vigil.ast.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads rule files as a commit has them, by running {@code git} with an argument list (never a shell,
 * so no path or revision is ever interpreted by one). Revisions are checked with {@code rev-parse
 * --verify} before use, and an argument starting with {@code -} is refused so none can pass as an option.
 */
public final class GitRepository {

    /** Git is missing, this is no repository, or a revision does not exist; the message says which. */
    public static final class GitException extends Exception {
        private static final long serialVersionUID = 1L;

        GitException(String message) {
            super(message);
        }
    }

    private final Path root;

    private GitRepository(Path root) {
        this.root = root;
    }

    /** The repository containing {@code dir}. */
    public static GitRepository containing(Path dir) throws GitException {
        Result r = run(dir, List.of("rev-parse", "--show-toplevel"), null);
        if (r.exit != 0) throw new GitException(dir.toAbsolutePath() + " is not in a git repository: " + r.err.strip());
        return new GitRepository(Path.of(r.out.strip()));
    }

    public Path root() { return root; }

    /**
     * The default branch: origin's HEAD when the clone knows it, else {@code main}, else {@code master};
     * CI checkouts of a pull request usually have {@code origin/<base>} rather than a local branch.
     */
    public String defaultBranch() throws GitException {
        Result head = git(List.of("symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"));
        if (head.exit == 0 && !head.out.isBlank()) return head.out.strip();
        for (String b : List.of("main", "master", "origin/main", "origin/master")) {
            if (git(List.of("rev-parse", "--verify", "--quiet", b + "^{commit}")).exit == 0) return b;
        }
        throw new GitException("cannot tell the default branch (no origin/HEAD, main or master): give --base");
    }

    /** The commit where {@code HEAD} branched off {@code branch}. */
    public String mergeBase(String branch) throws GitException {
        Result r = git(List.of("merge-base", "HEAD", checked(branch)));
        if (r.exit != 0) throw new GitException("no merge base of HEAD and " + branch + ": " + r.err.strip());
        return r.out.strip();
    }

    /** The full commit id {@code rev} names. */
    public String commit(String rev) throws GitException {
        Result r = git(List.of("rev-parse", "--verify", "--quiet", checked(rev) + "^{commit}"));
        if (r.exit != 0) throw new GitException("no such revision: " + rev);
        return r.out.strip();
    }

    /**
     * The {@code .vigil} files under {@code paths} (files or directories) as commit {@code commit} has them,
     * sorted by path; each {@link Source} is named {@code <rev>:<path from the repository root>}.
     */
    public List<Source> ruleFiles(String commit, String label, List<Path> paths) throws GitException {
        List<String> args = new ArrayList<>(List.of("ls-tree", "-r", "-z", "--full-tree", "--name-only", checked(commit), "--"));
        for (Path p : paths) args.add(relative(p));
        Result list = git(args);
        if (list.exit != 0) throw new GitException("cannot list " + paths + " at " + label + ": " + list.err.strip());
        List<String> names = new ArrayList<>();
        for (String n : list.out.split("\0")) if (n.endsWith(".vigil")) names.add(n);
        names.sort(null);
        if (names.isEmpty()) return List.of();
        StringBuilder request = new StringBuilder();
        for (String n : names) request.append(commit).append(':').append(n).append('\n');
        byte[] out = runBytes(root, List.of("cat-file", "--batch"), request.toString().getBytes(StandardCharsets.UTF_8));
        List<Source> sources = new ArrayList<>();
        int pos = 0;
        for (String n : names) {
            int eol = indexOf(out, (byte) '\n', pos);
            String header = new String(out, pos, eol - pos, StandardCharsets.UTF_8);
            String[] parts = header.split(" ");
            if (parts.length != 3 || !parts[1].equals("blob")) throw new GitException("cannot read " + n + " at " + label + ": " + header);
            int size = Integer.parseInt(parts[2]);
            sources.add(new Source(label + ":" + n, new String(out, eol + 1, size, StandardCharsets.UTF_8)));
            pos = eol + 1 + size + 1;
        }
        return sources;
    }

    /** {@code p} relative to the repository root, with forward slashes, as git's path specs want it. */
    String relative(Path p) throws GitException {
        Path abs = p.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) abs = abs.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!abs.startsWith(root)) throw new GitException(p + " is outside the repository at " + root);
        String rel = root.relativize(abs).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel;
    }

    private static String checked(String rev) throws GitException {
        if (rev.isEmpty() || rev.startsWith("-") || rev.contains("\0")) throw new GitException("not a revision: " + rev);
        return rev;
    }

    private static int indexOf(byte[] b, byte x, int from) throws GitException {
        for (int i = from; i < b.length; i++) if (b[i] == x) return i;
        throw new GitException("git cat-file: truncated output");
    }

    private Result git(List<String> args) throws GitException {
        return run(root, args, null);
    }

    private record Result(int exit, String out, String err) {}

    private record Raw(int exit, byte[] out, String err) {}

    private static Result run(Path dir, List<String> args, byte[] input) throws GitException {
        Raw r = exec(dir, args, input);
        return new Result(r.exit(), new String(r.out(), StandardCharsets.UTF_8), r.err());
    }

    private static byte[] runBytes(Path dir, List<String> args, byte[] input) throws GitException {
        Raw r = exec(dir, args, input);
        if (r.exit() != 0) throw new GitException("git " + args.get(0) + " failed: " + r.err().strip());
        return r.out();
    }

    private static Raw exec(Path dir, List<String> args, byte[] input) throws GitException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotepath=off"));
        command.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).start();
        } catch (IOException e) {
            throw new GitException("cannot run git (is it installed and on PATH?): " + e.getMessage());
        }
        Thread feeder = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                if (input != null) in.write(input);
            } catch (IOException e) {
                // git exited early; its exit code and stderr say why
            }
        }, "git-stdin");
        Thread drainer = new Thread(() -> copy(p.getErrorStream(), err), "git-stderr");
        feeder.start();
        drainer.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(p.getInputStream(), out);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new GitException("git " + args.get(0) + " took longer than 60 s");
            }
            feeder.join();
            drainer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new GitException("interrupted");
        }
        return new Raw(p.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream to) {
        try (in) {
            in.transferTo(to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
