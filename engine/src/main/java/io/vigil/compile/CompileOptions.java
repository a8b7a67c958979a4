package io.vigil.compile;

/**
 * How rule sets are compiled.
 *
 * @param chunkSize at most about this many rules per evaluation session; larger groups are split (see {@link Chunk})
 */
public record CompileOptions(int chunkSize) {
    public CompileOptions {
        if (chunkSize < 1) throw new IllegalArgumentException("chunkSize must be >= 1");
    }

    /** Sessions of up to 500 rules: a typical group is one session. */
    public static CompileOptions defaults() {
        return new CompileOptions(500);
    }

    public CompileOptions withChunkSize(int size) { return new CompileOptions(size); }
}
