package org.remoteassistance.bench.measure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples the resident memory of the watched processes a few times a second (keeping the peak) and reads their CPU
 * time at the marks a phase sets, so that CPU is reported as a share of one core over exactly that phase.
 */
public final class ResourceSampler implements AutoCloseable {

    /**
     * A process to watch: a JVM by its pid, or a process tree (PostgreSQL: the postmaster and its backends).
     */
    public record Watched(String name, long pid, boolean withChildren) {
    }

    /** CPU ticks of each watched process, the machine's ticks and the wall clock at one moment. */
    public record Mark(Map<String, Long> ticks, long machineTotalTicks, long machineIdleTicks, long nanoTime) {
    }

    /** One phase's CPU use: per process as % of one core, and the machine's busy share of all its cores. */
    public record CpuUse(Map<String, Double> percentOfOneCore, double machineBusyPercent, double seconds) {
    }

    private final List<Watched> watched;
    private final Map<String, Long> peakRssKiB = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    public ResourceSampler(List<Watched> watched) {
        this.watched = List.copyOf(watched);
        this.sampler = new Thread(this::sampleLoop, "resource-sampler");
        sampler.setDaemon(true);
    }

    public List<Watched> watched() {
        return watched;
    }

    public void start() {
        sampler.start();
    }

    /** Resident memory now, in KiB, of each watched process (of a tree, its root). */
    public Map<String, Long> rssNowKiB() {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (Watched w : watched) {
            rss.put(w.name(), rssKiB(w));
        }
        return rss;
    }

    /** The highest resident memory seen since the last {@link #resetPeaks()}, in KiB. */
    public Map<String, Long> peakRssKiB() {
        Map<String, Long> peaks = new LinkedHashMap<>();
        for (Watched w : watched) {
            peaks.put(w.name(), peakRssKiB.getOrDefault(w.name(), 0L));
        }
        return peaks;
    }

    public void resetPeaks() {
        peakRssKiB.clear();
    }

    public Mark mark() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (Watched w : watched) {
            ticks.put(w.name(), cpuTicks(w));
        }
        long[] machine = ProcFs.machineTicks();
        return new Mark(ticks, machine[0], machine[1], System.nanoTime());
    }

    public static CpuUse between(Mark start, Mark end) {
        double seconds = (end.nanoTime() - start.nanoTime()) / 1e9;
        Map<String, Double> percent = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : end.ticks().entrySet()) {
            long before = start.ticks().getOrDefault(entry.getKey(), entry.getValue());
            double cpuSeconds = (entry.getValue() - before) / (double) ProcFs.clockTicks();
            percent.put(entry.getKey(), seconds > 0 ? 100.0 * cpuSeconds / seconds : Double.NaN);
        }
        long total = end.machineTotalTicks() - start.machineTotalTicks();
        long idle = end.machineIdleTicks() - start.machineIdleTicks();
        double busy = total > 0 ? 100.0 * (total - idle) / total : Double.NaN;
        return new CpuUse(percent, busy, seconds);
    }

    private void sampleLoop() {
        while (running) {
            for (Watched w : watched) {
                long rss = rssKiB(w);
                peakRssKiB.merge(w.name(), rss, Math::max);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The root process's resident memory only: the backends of a process tree share PostgreSQL's buffers, so a sum
     * would count them many times (and scanning /proc for them five times a second costs CPU the services need).
     */
    private static long rssKiB(Watched w) {
        return ProcFs.read(w.pid()).map(ProcFs.ProcessReading::rssKiB).orElse(0L);
    }

    /**
     * A process tree's CPU: the root's own and reaped children's time plus each live child's own time. A backend that
     * exits between two marks moves from the second term to the first, so it is counted once.
     */
    private static long cpuTicks(Watched w) {
        if (!w.withChildren()) {
            return ProcFs.read(w.pid()).map(ProcFs.ProcessReading::ownTicks).orElse(0L);
        }
        long ticks = ProcFs.read(w.pid()).map(ProcFs.ProcessReading::ticksWithReapedChildren).orElse(0L);
        for (long child : ProcFs.children(w.pid())) {
            ticks += ProcFs.read(child).map(ProcFs.ProcessReading::ownTicks).orElse(0L);
        }
        return ticks;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
