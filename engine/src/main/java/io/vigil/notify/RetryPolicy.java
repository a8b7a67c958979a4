package io.vigil.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff from {@code initialBackoff}, doubling up to
 * {@code maxBackoff}, with "equal jitter" (a random point in the upper half of each step) so receivers
 * that come back are not hit by every sender at once; a receiver's {@code Retry-After} replaces the
 * backoff. A delivery is given up after {@code maxAttempts} attempts or once its next attempt would
 * fall past {@code maxAge} after it was created.
 */
public record RetryPolicy(int maxAttempts, Duration maxAge, Duration initialBackoff, Duration maxBackoff) {
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** 10 attempts within 24 h, backing off from 5 s to 10 min. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_AGE, Duration.ofSeconds(5), Duration.ofMinutes(10));
    }

    public RetryPolicy withLimits(int attempts, Duration age) {
        return new RetryPolicy(attempts, age, initialBackoff, maxBackoff);
    }

    /** The backoff before attempt {@code attempts + 1}, before jitter. */
    Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration d = initialBackoff.multipliedBy(1L << doublings);
        return d.compareTo(maxBackoff) > 0 || d.isNegative() ? maxBackoff : d;
    }

    /**
     * The time of the next attempt after {@code attempts} failed ones, or empty when the delivery is to
     * be given up.
     */
    public Optional<Instant> next(int attempts, Instant createdAt, Instant now, Duration retryAfter,
                                  RandomGenerator random) {
        if (attempts >= maxAttempts) return Optional.empty();
        Duration wait;
        if (retryAfter != null) {
            wait = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
        } else {
            long full = backoff(attempts).toMillis();
            wait = Duration.ofMillis(full / 2 + (full < 2 ? 0 : random.nextLong(full - full / 2 + 1)));
        }
        Instant next = now.plus(wait);
        return next.isAfter(createdAt.plus(maxAge)) ? Optional.empty() : Optional.of(next);
    }

    /** Why a delivery was given up, for the dead letter. */
    String givenUp(int attempts) {
        return attempts >= maxAttempts ? "gave up after " + attempts + " attempt" + (attempts == 1 ? "" : "s")
                : "gave up: not delivered within max_age " + io.vigil.check.Durations.format(maxAge);
    }
}
