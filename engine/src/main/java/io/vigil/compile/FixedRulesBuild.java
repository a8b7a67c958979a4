package io.vigil.compile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Run by Maven after compiling (engine/pom.xml): builds {@code vigil.drl} with Drools' executable model
 * once, and puts the compiled rule classes and a descriptor into the class output, so a started
 * engine builds its KieBase from classes instead of compiling DRL (docs/compiler.md).
 */
public final class FixedRulesBuild {
    private FixedRulesBuild() {}

    /** @param args the class output directory, e.g. target/classes */
    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        if (upToDate(classes)) {
            System.out.println("vigil.drl, its fact classes and Drools unchanged since the rules were last built");
            return;
        }
        String model = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(DrlBuild.kjar(FixedRules.drl())))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.isDirectory()) continue;
                if (e.getName().endsWith("/drools-model")) model = modelClass(zip);
                else if (e.getName().endsWith(".class")) copy(zip, classes.resolve(e.getName()));
            }
        }
        if (model == null) throw new IllegalStateException("the compiled vigil.drl has no drools-model entry");
        Properties p = new Properties();
        p.setProperty(FixedRules.MODEL_CLASS, model);
        p.setProperty(FixedRules.FINGERPRINT, FixedRules.fingerprint());
        Path descriptor = classes.resolve(FixedRules.DESCRIPTOR);
        Files.createDirectories(descriptor.getParent());
        try (OutputStream out = Files.newOutputStream(descriptor)) {
            p.store(out, "written by FixedRulesBuild at build time");
        }
        System.out.println("vigil.drl compiled to " + model);
    }

    /** Whether the class output already holds rules built from this vigil.drl, these fact classes and this Drools. */
    private static boolean upToDate(Path classes) throws IOException {
        Path descriptor = classes.resolve(FixedRules.DESCRIPTOR);
        if (!Files.isRegularFile(descriptor)) return false;
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(descriptor)) {
            p.load(in);
        }
        String model = p.getProperty(FixedRules.MODEL_CLASS, "");
        return FixedRules.fingerprint().equals(p.getProperty(FixedRules.FINGERPRINT))
                && Files.isRegularFile(classes.resolve(model.replace('.', '/') + ".class"));
    }

    /** The model class named in a kjar's drools-model entry (a version line, then class names). */
    private static String modelClass(InputStream in) throws IOException {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
            if (!line.isBlank() && !line.contains(":")) return line.strip();
        }
        throw new IllegalStateException("drools-model names no class");
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.write(target, in.readAllBytes());
    }
}
