package io.vigil.compile;

import java.nio.file.Path;

/**
 * How rule sets are compiled.
 *
 * @param cacheDir  where compiled packages are kept across restarts, or null for memory only
 * @param chunkSize at most about this many rules per KieBase; larger groups are split (see {@link Chunk})
 * @param threads   KieBases built in parallel
 */
public record CompileOptions(Path cacheDir, int chunkSize, int threads) {
    public CompileOptions {
        if (chunkSize < 1 || threads < 1) throw new IllegalArgumentException("chunkSize and threads must be >= 1");
    }

    /** Memory-only cache, chunks of 100 rules, one build thread per core. */
    public static CompileOptions defaults() {
        return new CompileOptions(null, 100, Runtime.getRuntime().availableProcessors());
    }

    public CompileOptions withCacheDir(Path dir) { return new CompileOptions(dir, chunkSize, threads); }

    public CompileOptions withChunkSize(int size) { return new CompileOptions(cacheDir, size, threads); }
}
