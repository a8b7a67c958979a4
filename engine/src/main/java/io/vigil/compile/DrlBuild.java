package io.vigil.compile;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;

/**
 * Compiles DRL with Drools' executable model: {@link FixedRulesBuild} takes the compiled kjar at build
 * time, and {@link FixedRules} compiles {@code vigil.drl} at start only when the prebuilt classes are
 * missing or stale. Seconds per call, so neither happens more than once per build or process.
 */
public final class DrlBuild {
    private DrlBuild() {}

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)");

    /** The KieBase of {@code drl}; throws {@link CompileException} if Drools rejects it. */
    public static KieBase kieBase(String drl) {
        KieServices ks = KieServices.Factory.get();
        ReleaseId id = compile(ks, drl).getReleaseId();
        KieBase base = ks.newKieContainer(id).getKieBase();
        // the container keeps what it needs; the global repository would otherwise keep every build
        ks.getRepository().removeKieModule(id);
        return base;
    }

    /** The compiled kjar of {@code drl}: the executable model's classes and descriptors, as jar bytes. */
    static byte[] kjar(String drl) {
        return compile(KieServices.Factory.get(), drl).getBytes();
    }

    private static InternalKieModule compile(KieServices ks, String drl) {
        ReleaseId id = ks.newReleaseId("io.vigil.rules", "kb-" + Integer.toHexString(drl.hashCode()), "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(id);
        KieModuleModel model = ks.newKieModuleModel();
        model.newKieBaseModel("rules").setDefault(true).addPackage("*");
        kfs.writeKModuleXML(model.toXML());
        // in the folder of its package, as Drools expects (it warns otherwise)
        Matcher pkg = PACKAGE.matcher(drl);
        String folder = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
        kfs.write("src/main/resources/" + folder + "rules.drl", drl);
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) throw new CompileException("Drools rejected the DRL: " + errors, drl);
        return (InternalKieModule) builder.getKieModule();
    }
}
