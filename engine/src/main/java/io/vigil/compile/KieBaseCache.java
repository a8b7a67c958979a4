package io.vigil.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.KieModule;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns DRL into a KieBase with Drools' executable model, remembering compiled packages by a hash of
 * their DRL: in memory, and as kjar files under a directory, so a later process reloads compiled classes
 * instead of compiling again. A cached file that no longer loads (e.g. written by another engine
 * version) is rebuilt and replaced. {@link FixedRulesBuild} gets its compiled classes this way; the
 * engine only when the prebuilt fixed rules are missing ({@link FixedRules}).
 */
public final class KieBaseCache {

    /** Bump when the fact classes change in a way that makes older compiled packages unusable. */
    private static final String FORMAT = "vigil-kjar-1 drools-10.2.0";
    private static final Logger LOG = LoggerFactory.getLogger(KieBaseCache.class);

    private final Path dir;
    // futures, so a long build does not hold a map lock that parallel builds of other DRL would wait on
    private final Map<String, CompletableFuture<KieBase>> memory = new ConcurrentHashMap<>();
    private final AtomicInteger builds = new AtomicInteger();
    private final AtomicInteger diskLoads = new AtomicInteger();

    /** @param dir where compiled packages are kept, or null for memory only */
    public KieBaseCache(Path dir) {
        this.dir = dir;
    }

    /** The KieBase of {@code drl}, built at most once per process and, with a directory, once per rule set. */
    public KieBase get(String drl) {
        String hash = hash(drl);
        CompletableFuture<KieBase> mine = new CompletableFuture<>();
        CompletableFuture<KieBase> existing = memory.putIfAbsent(hash, mine);
        if (existing != null) {
            try {
                return existing.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        try {
            mine.complete(load(hash, drl));
        } catch (RuntimeException e) {
            memory.remove(hash, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    /** How many KieBases were compiled from DRL (not loaded from memory or disk). */
    public int builds() { return builds.get(); }

    /** How many KieBases were loaded from compiled packages on disk. */
    public int diskLoads() { return diskLoads.get(); }

    private KieBase load(String hash, String drl) {
        KieServices ks = KieServices.Factory.get();
        Path file = dir == null ? null : dir.resolve(hash + ".jar");
        if (file != null && Files.isRegularFile(file)) {
            try {
                KieModule module = ks.getRepository().addKieModule(
                        ks.getResources().newByteArrayResource(Files.readAllBytes(file)));
                KieBase base = containerBase(ks, module.getReleaseId());
                diskLoads.incrementAndGet();
                return base;
            } catch (IOException | RuntimeException | LinkageError stale) {
                // unreadable or incompatible: fall through and rebuild it
            }
        }
        ReleaseId id = ks.newReleaseId("io.vigil.rules", "kb-" + hash, "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(id);
        KieModuleModel model = ks.newKieModuleModel();
        model.newKieBaseModel("rules").setDefault(true).addPackage("*");
        kfs.writeKModuleXML(model.toXML());
        // in the folder of its package, as Drools expects (it warns otherwise)
        java.util.regex.Matcher pkg = java.util.regex.Pattern.compile("(?m)^package\\s+([\\w.]+)").matcher(drl);
        String folder = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
        kfs.write("src/main/resources/" + folder + "rules.drl", drl);
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) throw new CompileException("Drools rejected generated DRL: " + errors, drl);
        builds.incrementAndGet();
        if (file != null) save(file, ((InternalKieModule) builder.getKieModule()).getBytes());
        return containerBase(ks, id);
    }

    private static KieBase containerBase(KieServices ks, ReleaseId id) {
        KieBase base = ks.newKieContainer(id).getKieBase();
        // the container keeps what it needs; the global repository would otherwise grow with every reload
        ks.getRepository().removeKieModule(id);
        return base;
    }

    /** Best effort: an unwritable cache costs the next start a rebuild, not this one its rules. */
    private static void save(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot cache compiled rules in {}: {}", file, e.toString());
        }
    }

    static String hash(String drl) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(FORMAT.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(drl.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
