package io.vigil.store;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * Lets io.zonky.test's embedded PostgreSQL start when the tests run as root (as on this machine and
 * in CI): initdb and postgres refuse to run as root. zonky 2.2 already copes when it may create a
 * user namespace: it runs the programs under {@code unshare -U}, where they see themselves as
 * {@code nobody}. Containers often forbid that (Docker's default seccomp profile does). For that
 * case zonky has no run-as option, but it takes its binaries from a {@link PgBinaryResolver}
 * archive: this one unpacks zonky's own PostgreSQL once, world-readable, and hands zonky an archive
 * of two small scripts, {@code bin/initdb} and {@code bin/pg_ctl}, that give the data directory to
 * the unprivileged {@code nobody} user and run the real program as that user with util-linux's
 * {@code setpriv}. Nothing is installed by hand. Public for the benchmarks (bench/, through the
 * engine's test jar), which start PostgreSQL the same way.
 */
public final class NonRootPostgresBinaries implements PgBinaryResolver {

    /** zonky's own binaries where they can run, this wrapper where only root could start them. */
    public static PgBinaryResolver forCurrentUser() {
        boolean needsWrapper = isRoot() && !LinuxUtils.isUnshareAvailable();
        return needsWrapper ? new NonRootPostgresBinaries() : DefaultPostgresBinaryResolver.INSTANCE;
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    @Override public InputStream getPgBinary(String system, String architecture) throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)) {
            if (in == null) throw new IOException("zonky has no PostgreSQL for " + system + " " + architecture);
            archive = in.readAllBytes();
        }
        Path real = unpackOnce(archive);
        String[] nobody = nobodyIds();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(out, new LZMA2Options()))) {
            for (String program : List.of("initdb", "pg_ctl")) {
                byte[] script = wrapper(real.resolve("bin").resolve(program), nobody).getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry("bin/" + program);
                e.setMode(0755);
                e.setSize(script.length);
                tar.putArchiveEntry(e);
                tar.write(script);
                tar.closeArchiveEntry();
            }
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    private static String wrapper(Path program, String[] nobody) {
        String ids = "--reuid=" + nobody[0] + " --regid=" + nobody[1] + " --clear-groups";
        return "#!/bin/sh\n"
                + "# Written by Vigil's tests (NonRootPostgresBinaries): PostgreSQL will not run as root.\n"
                + "prev=\n"
                + "for arg in \"$@\"; do\n"
                + "  if [ \"$prev\" = \"-D\" ]; then chown -R " + nobody[0] + ":" + nobody[1] + " \"$arg\"; fi\n"
                + "  prev=$arg\n"
                + "done\n"
                + "exec setpriv " + ids + " '" + program + "' \"$@\"\n";
    }

    /** uid and gid of the {@code nobody} user, from /etc/passwd. */
    private static String[] nobodyIds() throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] f = line.split(":");
            if (f.length > 3 && f[0].equals("nobody")) return new String[] {f[2], f[3]};
        }
        throw new IOException("running as root and /etc/passwd has no 'nobody' user to run PostgreSQL as");
    }

    /** Unpacks the archive under the temp directory, once per archive content, readable by every user. */
    private static Path unpackOnce(byte[] archive) throws IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "vigil-embedded-pg");
        Files.createDirectories(base);
        base.toFile().setReadable(true, false);
        base.toFile().setExecutable(true, false);
        Path target = base.resolve(sha256(archive).substring(0, 16));
        if (Files.isDirectory(target)) return target;
        Path partial = Files.createTempDirectory(base, "unpacking-");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path p = partial.resolve(e.getName()).normalize();
                if (!p.startsWith(partial)) throw new IOException("archive entry outside its directory: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(p.getParent());
                    Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                } else {
                    Files.createDirectories(p.getParent());
                    Files.copy(tar, p);
                    boolean executable = (e.getMode() & 0111) != 0 || e.getName().startsWith("bin/");
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (var dirs = Files.walk(partial)) {
            dirs.filter(Files::isDirectory).forEach(d -> {
                try {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
            // Another test JVM unpacked the same archive first; use its copy.
            deleteTree(partial);
        }
        return target;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
