package io.vigil;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that starts processes, a database server or a browser, or waits on the wall clock: surefire
 * skips it and failsafe runs it in {@code verify}, so {@code mvn test} stays a quick loop (docs/architecture.md#tests).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
public @interface Slow {}
