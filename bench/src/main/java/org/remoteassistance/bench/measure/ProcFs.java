package org.remoteassistance.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads what Linux says about a process in /proc: CPU time in clock ticks, resident memory, start time, parent. */
public final class ProcFs {

    private static final Path PROC = Path.of("/proc");
    private static final long CLOCK_TICKS = clockTicksPerSecond();

    private ProcFs() {
    }

    /** One reading of /proc/[pid]/stat and /proc/[pid]/status. */
    public record ProcessReading(long pid, long parentPid, long userTicks, long systemTicks, long childrenUserTicks,
            long childrenSystemTicks, long startTicksAfterBoot, long rssKiB) {

        public long ownTicks() {
            return userTicks + systemTicks;
        }

        public long ticksWithReapedChildren() {
            return userTicks + systemTicks + childrenUserTicks + childrenSystemTicks;
        }
    }

    public static long clockTicks() {
        return CLOCK_TICKS;
    }

    public static boolean available() {
        return Files.isReadable(PROC.resolve("self/stat"));
    }

    public static Optional<ProcessReading> read(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"));
            // the command name (2nd field) is in parentheses and may hold spaces: split after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long rss = 0;
            for (String line : Files.readAllLines(PROC.resolve(pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            // field n of proc(5) is f[n - 3]
            return Optional.of(new ProcessReading(pid, Long.parseLong(f[1]), Long.parseLong(f[11]),
                    Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]), Long.parseLong(f[19]), rss));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The live processes whose parent is {@code pid}. */
    public static List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .forEach(candidate -> read(candidate).filter(r -> r.parentPid() == pid)
                            .ifPresent(r -> children.add(candidate)));
        } catch (IOException e) {
            return children;
        }
        return children;
    }

    /** Seconds since the epoch at which the machine booted ({@code btime} in /proc/stat). */
    public static long bootTimeEpochSeconds() {
        try {
            for (String line : Files.readAllLines(PROC.resolve("stat"))) {
                if (line.startsWith("btime ")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return -1;
    }

    /** The machine's CPU time, {total, idle + iowait}, in clock ticks: the first line of /proc/stat. */
    public static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg has them. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(PROC.resolve("loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    public static long totalMemoryKiB() {
        try {
            for (String line : Files.readAllLines(PROC.resolve("meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return -1;
    }

    public static Optional<Long> readPidFile(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text.split("\\s+")[0]));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
