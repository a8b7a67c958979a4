package io.vigil.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * Wall time and this process's CPU time over a measured stretch. On a shared machine the wall-clock
 * rate depends on what else runs; CPU time per item, and the rate it allows on idle cores, does much
 * less, so both are reported (with the load average, which says how shared the machine was).
 */
final class CpuClock {
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long wall0 = System.nanoTime();
    private final long cpu0 = OS.getProcessCpuTime();

    static CpuClock start() { return new CpuClock(); }

    String report(String what, long items, String unit) {
        double seconds = (System.nanoTime() - wall0) / 1e9;
        double cpuSeconds = (OS.getProcessCpuTime() - cpu0) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format("%s: %,d %s in %.2f s wall = %,.0f %s/s; CPU %.1f us per %s (%.2f cores busy),"
                        + " i.e. %,.0f %s/s if %d cores were ours alone; load average %.1f",
                what, items, unit, seconds, items / seconds, unit, cpuSeconds * 1e6 / items,
                unit.replaceAll("s$", ""), cpuSeconds / seconds, items * cores / cpuSeconds, unit, cores,
                OS.getSystemLoadAverage());
    }
}
