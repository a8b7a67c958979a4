package io.vigil.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff from {@code initialBackoff}, doubling up to
 * {@code maxBackoff}, with "equal jitter" (a random point in the upper half of each step) so receivers
 * that come back are not hit by every sender at once; a receiver's {@code Retry-After} replaces the
 * backoff. A delivery is given up once its next attempt would fall past {@code maxAge} (or its
 * channel's {@code retry_for}) after it was created, or after {@code maxAttempts} attempts when that
 * limit is set: an outage is bridged by time, however often the receiver asks to be tried again.
 */
public record RetryPolicy(int maxAttempts, Duration maxAge, Duration initialBackoff, Duration maxBackoff) {
    /** No limit on attempts: time ({@code maxAge}) bounds retries. */
    public static final int UNLIMITED = Integer.MAX_VALUE;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** Retried for 24 h, backing off from 5 s to at most 10 min between attempts. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(UNLIMITED, DEFAULT_MAX_AGE, Duration.ofSeconds(5), Duration.ofMinutes(10));
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
                                  Duration retryFor, RandomGenerator random) {
        if (attempts >= maxAttempts) return Optional.empty();
        Duration wait;
        if (retryAfter != null) {
            wait = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
        } else {
            long full = backoff(attempts).toMillis();
            wait = Duration.ofMillis(full / 2 + (full < 2 ? 0 : random.nextLong(full - full / 2 + 1)));
        }
        Instant next = now.plus(wait);
        return next.isAfter(createdAt.plus(age(retryFor))) ? Optional.empty() : Optional.of(next);
    }

    private Duration age(Duration retryFor) {
        return retryFor == null ? maxAge : retryFor;
    }

    /** Why a delivery was given up, for the dead letter. */
    String givenUp(int attempts, Duration retryFor) {
        return attempts >= maxAttempts ? "gave up after " + attempts + " attempt" + (attempts == 1 ? "" : "s")
                : "gave up: not delivered within " + (retryFor == null ? "max_age " : "retry_for ")
                + io.vigil.check.Durations.format(age(retryFor));
    }
}
