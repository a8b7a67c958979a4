package io.vigil.compile;

import java.nio.file.Path;

/**
 * How rule sets are compiled.
 *
 * @param cacheDir  where compiled packages are kept across restarts, or null for memory only
 * @param chunkSize at most about this many rules per KieBase; larger groups are split (see {@link Chunk})
 * @param threads   KieBases built in parallel
 * @param engine    how Drools builds (the executable model unless measuring)
 */
public record CompileOptions(Path cacheDir, int chunkSize, int threads, KieBaseCache.Engine engine) {
    public CompileOptions {
        if (chunkSize < 1 || threads < 1) throw new IllegalArgumentException("chunkSize and threads must be >= 1");
    }

    /**
     * Memory-only cache, chunks of up to 500 rules, one build thread per core. Each KieBase costs a
     * fixed overhead (1,000 rules as 16 KieBases took twice as long to build as 1 KieBase, bench/kiebase.sh),
     * so chunks are large: a typical group is one KieBase.
     */
    public static CompileOptions defaults() {
        return new CompileOptions(null, 500, Runtime.getRuntime().availableProcessors(),
                KieBaseCache.Engine.EXECUTABLE_MODEL);
    }

    public CompileOptions withCacheDir(Path dir) { return new CompileOptions(dir, chunkSize, threads, engine); }

    public CompileOptions withChunkSize(int size) { return new CompileOptions(cacheDir, size, threads, engine); }
}
