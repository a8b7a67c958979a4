package io.vigil.stats;

import org.apache.commons.math3.special.Erf;

/**
 * Pooled two-proportion z-test: z = (p̂_ref − p̂_cur)/√(P(1−P)(1/n+1/m)), P pooled, two-sided
 * p = 2Φ(−|z|) computed as erfc(|z|/√2) so it does not underflow at 1e-16 as 2(1 − Φ) does.
 * z = 0 and p = 1 when P is 0 or 1.
 */
public final class TwoProportionZTest {

    /** The test result: z and the two-sided p-value. */
    public record Result(double z, double pValue) {}

    private TwoProportionZTest() {}

    /**
     * Tests {@code successesRef} of {@code n} against {@code successesCur} of {@code m}.
     */
    public static Result test(double successesRef, double n, double successesCur, double m) {
        double pooled = (successesRef + successesCur) / (n + m);
        if (pooled == 0 || pooled == 1) return new Result(0, 1);
        double se = Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m));
        double z = (successesRef / n - successesCur / m) / se;
        return new Result(z, Erf.erfc(Math.abs(z) / Math.sqrt(2)));
    }
}
