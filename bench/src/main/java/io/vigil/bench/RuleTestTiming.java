package io.vigil.bench;

import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.ConfigLoader;
import io.vigil.testing.RuleTestRunner;
import io.vigil.testing.TestFileReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Time of one rule test file after JVM start, in-process: the first run (reads, checks, loads the
 * fixed rules' KieBase, creates the in-memory store, replays, compares) and warm runs (the same file
 * again: everything but the KieBase is redone). Wall and this thread's CPU time, which other processes
 * on a shared machine do not inflate. Arguments: test file, warm runs.
 */
public final class RuleTestTiming {
    private RuleTestTiming() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        RuleTestRunner runner = new RuleTestRunner(new RuleCompiler(CompileOptions.defaults()),
                ConfigLoader.fromProcessEnvironment());
        long[] wall = new long[runs + 1];
        long[] cpuMs = new long[runs + 1];
        long tests = 0;
        for (int i = 0; i <= runs; i++) {
            long w = System.nanoTime();
            long c = cpu.getCurrentThreadCpuTime();
            TestFileReader.Result read = TestFileReader.read(file, Files.readString(file));
            if (!read.ok()) throw new IllegalStateException("malformed: " + read.diagnostics());
            RuleTestRunner.FileResult r = runner.run(read.file());
            if (r.failed() > 0) throw new IllegalStateException(r.failed() + " tests failed");
            tests = r.passed();
            wall[i] = (System.nanoTime() - w) / 1_000_000;
            cpuMs[i] = (cpu.getCurrentThreadCpuTime() - c) / 1_000_000;
        }
        long[] warmWall = Arrays.copyOfRange(wall, 1, wall.length);
        long[] warmCpu = Arrays.copyOfRange(cpuMs, 1, cpuMs.length);
        Arrays.sort(warmWall);
        Arrays.sort(warmCpu);
        System.out.printf("%d tests: first run %d ms wall (%d ms cpu); warm median %d ms wall (%d ms cpu) over %d runs%n",
                tests, wall[0], cpuMs[0], warmWall[runs / 2], warmCpu[runs / 2], runs);
    }
}
