package io.vigil.compile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vigil.drl}, the one fixed set of Drools rules that evaluates every rule set, and its KieBase:
 * built once per process from the classes {@link FixedRulesBuild} compiled at build time, or, when
 * those are missing or stale (their {@link #fingerprint()} differs, e.g. the DRL or a fact class was
 * edited without a Maven build), compiled from the DRL.
 */
public final class FixedRules {
    private FixedRules() {}

    static final String DESCRIPTOR = "io/vigil/compile/fixed-rules.properties";
    static final String MODEL_CLASS = "model.class";
    static final String FINGERPRINT = "fingerprint";
    private static final Logger LOG = LoggerFactory.getLogger(FixedRules.class);
    private static final String DRL = read();

    public static String drl() { return DRL; }

    private static KieBase compiled;

    /**
     * The KieBase of the fixed rules, one per process: from the prebuilt classes when they match the
     * DRL, else compiled from it once.
     */
    public static KieBase kieBase() {
        KieBase prebuilt = Prebuilt.BASE;
        return prebuilt != null ? prebuilt : compiled();
    }

    private static synchronized KieBase compiled() {
        if (compiled == null) compiled = DrlBuild.kieBase(DRL);
        return compiled;
    }

    /**
     * Starts making the prebuilt KieBase on a background thread, so it overlaps a command's other
     * start-up work (reading and checking files, opening the store) on another core.
     */
    public static void preload() {
        Thread t = new Thread(() -> {
            KieBase ignored = Prebuilt.BASE;
        }, "vigil-rules-preload");
        t.setDaemon(true);
        t.start();
    }

    /** Whether the prebuilt classes are used (false means every process compiles the DRL). */
    public static boolean prebuilt() { return Prebuilt.BASE != null; }

    /** Holder: the prebuilt KieBase is made on first use, once. */
    private static final class Prebuilt {
        static final KieBase BASE = load();

        private static KieBase load() {
            try (InputStream in = FixedRules.class.getClassLoader().getResourceAsStream(DESCRIPTOR)) {
                if (in == null) {
                    LOG.warn("no prebuilt rules on the class path ({}): compiling vigil.drl, which takes seconds", DESCRIPTOR);
                    return null;
                }
                Properties p = new Properties();
                p.load(in);
                if (!fingerprint().equals(p.getProperty(FINGERPRINT))) {
                    LOG.warn("prebuilt rules were built from another vigil.drl, fact classes or Drools version:"
                            + " compiling vigil.drl; rebuild with Maven");
                    return null;
                }
                Model model = (Model) Class.forName(p.getProperty(MODEL_CLASS)).getDeclaredConstructor().newInstance();
                return KieBaseBuilder.createKieBaseFromModel(model);
            } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
                LOG.warn("prebuilt rules do not load ({}): compiling vigil.drl", e.toString());
                return null;
            }
        }
    }

    /** The classes the rules of vigil.drl call; a change to any of them makes compiled rules stale. */
    private static final List<Class<?>> FACT_CLASSES = List.of(Value.class, Step.class, StepKind.class, Relation.class,
            EvalContext.class, Breach.class, EvalError.class);

    /**
     * What compiled rules depend on: the DRL, the bytecode of the classes it calls, and the Drools
     * version. Compiled classes with another fingerprint may fail only when a rule fires (e.g. a
     * NoSuchMethodError after a field changed type), so they are never used.
     */
    static String fingerprint() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(DRL.getBytes(StandardCharsets.UTF_8));
            for (Class<?> c : FACT_CLASSES) {
                try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                    if (in == null) throw new IllegalStateException("no class file for " + c.getName());
                    sha.update(in.readAllBytes());
                }
            }
            sha.update(String.valueOf(Model.class.getPackage().getImplementationVersion()).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read() {
        try (InputStream in = FixedRules.class.getResourceAsStream("vigil.drl")) {
            if (in == null) throw new IllegalStateException("vigil.drl is missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
