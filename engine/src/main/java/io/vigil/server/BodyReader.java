package io.vigil.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads request bodies up to the configured limit; a larger body is refused with 413 before it is
 * held in memory, whether or not the client declared its length.
 */
public final class BodyReader {
    private static final int STATUS_TOO_LARGE = 413;
    private final long limit;

    BodyReader(long limit) {
        this.limit = limit;
    }

    public long limit() { return limit; }

    /** The whole body; {@link ApiError} 413 when it exceeds the limit. */
    public byte[] read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) throw tooLarge(declared + " bytes");
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 16));
            if (body.length > limit) throw tooLarge("more than " + limit + " bytes");
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    private ApiError tooLarge(String size) {
        return new ApiError(STATUS_TOO_LARGE, "request body of " + size + " exceeds the limit of " + limit
                + " bytes (server.max_body)");
    }
}
