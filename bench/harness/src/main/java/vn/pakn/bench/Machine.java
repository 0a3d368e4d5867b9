package vn.pakn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures came from: they mean little without the machine. */
record Machine(int cpus, String cpuModel, long memoryMb, String javaVersion, String os, String load) {

    static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryMb(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                loadAverage());
    }

    private static String readCpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static long readMemoryMb() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    static String loadAverage() {
        List<String> lines = lines("/proc/loadavg");
        return lines.isEmpty() ? "unknown" : String.join(" ", List.of(lines.get(0).split(" ")).subList(0, 3));
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d CPUs (%s), %,d MB RAM, %s, %s, load average %s", cpus, cpuModel,
                memoryMb, javaVersion, os, load);
    }
}
