package io.keyswitch.vpn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks read off the machine and off the portal's JVM: heap after a full GC, RSS, load, a free port. */
public final class PortalProbe {

    private PortalProbe() {
    }

    /** Heap in use after a full GC of the portal's JVM, from {@code jcmd}: young + old generation "used". */
    public static String heapAfterGc(long pid) throws Exception {
        return String.format("%.1f MiB", heapAfterGcMiB(pid));
    }

    /** The same in MiB. */
    public static double heapAfterGcMiB(long pid) throws Exception {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long usedK = 0;
        Matcher m = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K").matcher(info);
        while (m.find()) {
            usedK += Long.parseLong(m.group(1));
        }
        return usedK / 1024.0;
    }

    public static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** The resident set of a process, from /proc. */
    public static String rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return String.format("%.1f MiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
            }
        }
        return "?";
    }

    /** User + system CPU time of a process so far, in clock ticks ({@code /proc/<pid>/stat} fields 14 and 15). */
    public static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Clock ticks a second ({@code getconf CLK_TCK}; 100 on Linux). */
    public static long ticksPerSecond() {
        return 100;
    }

    public static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

}
