package vn.pakn.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.pakn.bench.emulator.LambdaEmulator;

/**
 * Cold starts: each run is a fresh JVM that loads a function's shaded jar, creates its handler
 * and answers one real request ({@link LambdaEmulator}); the time is taken here, from spawning
 * the process to reading the response line. The JVM is launched as Lambda's java21 runtime
 * launches it (serial GC, heap from the function's memory, the template's JAVA_TOOL_OPTIONS), with
 * a clean environment holding only the function's variables.
 */
final class ColdStarts {

    /** One function jar with the environment and requests of one template function. */
    record Target(String name, String handler, Path jar, int memoryMb, Map<String, String> environment,
                  Supplier<Properties> request) {
    }

    /**
     * How the JVM is started. {@code javaToolOptions} replaces the template's value (null: keep it,
     * empty: unset); {@code cds} uses an AppCDS archive made by a training run of the same target.
     */
    record Variant(String name, String javaToolOptions, boolean prime, boolean cds) {
        static final Variant DEPLOYED = new Variant("as deployed", null, false, false);
    }

    record Run(double wallMs, double bootMs, double initMs, double primeMs, double invokeMs, long peakRssKb, int status) {
    }

    /** Classes loaded by one cold start, by where they come from. */
    record ClassCount(int total, int fromArchive, Map<String, Integer> byLibrary) {
    }

    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    private final Path work;
    private final Path emulatorJar;
    private final Map<String, Path> archives = new LinkedHashMap<>();

    ColdStarts(Path work) {
        this.work = work;
        this.emulatorJar = writeEmulatorJar(work.resolve("lambda-emulator.jar"));
    }

    /** The emulator alone in a jar, so a child JVM's class path holds nothing but it and the function. */
    private static Path writeEmulatorJar(Path jar) {
        String entry = LambdaEmulator.class.getName().replace('.', '/') + ".class";
        try (InputStream in = LambdaEmulator.class.getClassLoader().getResourceAsStream(entry);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (in == null) {
                throw new IllegalStateException(entry + " is not on the class path");
            }
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    Run run(Target target, Variant variant) {
        List<String> jvm = new ArrayList<>();
        if (variant.cds()) {
            jvm.add("-XX:SharedArchiveFile=" + archive(target, variant));
        }
        return launch(target, variant, jvm).run;
    }

    /** One extra run with class loading logged, not timed. */
    ClassCount classes(Target target, Variant variant) {
        return loggingClasses(target, variant).classes();
    }

    /** A run and the classes it loaded. */
    record Counted(Run run, ClassCount classes) {
    }

    /**
     * One run with class loading logged. Logging slows a start down, so the full run times other
     * runs; the smoke run, whose times mean nothing, takes both from this one.
     */
    Counted loggingClasses(Target target, Variant variant) {
        Path log = work.resolve("classes-" + target.name() + "-" + System.nanoTime() + ".log");
        List<String> jvm = new ArrayList<>();
        if (variant.cds()) {
            jvm.add("-XX:SharedArchiveFile=" + archive(target, variant));
        }
        jvm.add("-Xlog:class+load=info:file=" + log + ":none");
        Run run = launch(target, variant, jvm).run;
        Map<String, Integer> byLibrary = new TreeMap<>();
        int total = 0;
        int archived = 0;
        try {
            for (String line : Files.readAllLines(log)) {
                int space = line.indexOf(' ');
                if (space < 0) {
                    continue;
                }
                total++;
                if (line.contains("source: shared objects file")) {
                    archived++;
                }
                byLibrary.merge(library(line.substring(0, space)), 1, Integer::sum);
            }
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Counted(run, new ClassCount(total, archived, byLibrary));
    }

    static String library(String className) {
        if (className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")) {
            return "JDK";
        }
        if (className.startsWith("software.amazon.awssdk.services.")) {
            String rest = className.substring("software.amazon.awssdk.services.".length());
            return "AWS SDK " + rest.substring(0, Math.max(0, rest.indexOf('.')));
        }
        if (className.startsWith("software.amazon.awssdk.")) {
            return "AWS SDK core";
        }
        if (className.startsWith("io.micronaut.")) {
            return "Micronaut";
        }
        if (className.startsWith("com.fasterxml.jackson.")) {
            return "Jackson";
        }
        if (className.startsWith("vn.pakn.")) {
            return "pakn";
        }
        if (className.startsWith("com.amazonaws.services.lambda.")) {
            return "Lambda core/events";
        }
        String[] parts = className.split("\\.");
        return parts.length > 2 ? parts[0] + "." + parts[1] : className;
    }

    /** The target's AppCDS archive, made on first need by a training run that dumps what it loaded. */
    private synchronized Path archive(Target target, Variant variant) {
        return archives.computeIfAbsent(target.name() + "|" + variant.javaToolOptions(), key -> {
            Path jsa = work.resolve("appcds-" + target.name() + ".jsa");
            launch(target, new Variant("training", variant.javaToolOptions(), false, false),
                    List.of("-XX:ArchiveClassesAtExit=" + jsa));
            if (!Files.isRegularFile(jsa)) {
                throw new IllegalStateException("The training run of " + target.name() + " made no archive " + jsa);
            }
            return jsa;
        });
    }

    private record Launched(Run run, List<String> output) {
    }

    private Launched launch(Target target, Variant variant, List<String> extraJvm) {
        Path eventFile = work.resolve("event-" + target.name() + "-" + System.nanoTime() + ".properties");
        try (Writer w = Files.newBufferedWriter(eventFile, StandardCharsets.UTF_8)) {
            target.request().get().store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // What Lambda's java21 runtime passes: serial GC, a heap sized from the function's memory.
        command.add("-XX:+UseSerialGC");
        command.add("-XX:MaxHeapSize=" + (target.memoryMb() * 85 / 100) + "m");
        command.addAll(extraJvm);
        command.add("-cp");
        command.add(emulatorJar + java.io.File.pathSeparator + target.jar());
        command.add(LambdaEmulator.class.getName());
        command.add(target.handler());
        command.add(eventFile.toString());
        if (variant.prime()) {
            command.add("--prime");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(target.environment());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LAMBDA_TASK_ROOT", work.toString());
        if (variant.javaToolOptions() != null) {
            if (variant.javaToolOptions().isEmpty()) {
                env.remove("JAVA_TOOL_OPTIONS");
            } else {
                env.put("JAVA_TOOL_OPTIONS", variant.javaToolOptions());
            }
        }
        Deque<String> tail = new ArrayDeque<>();
        long spawnedAtMillis = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
        Thread stderr = drain(process.getErrorStream(), tail);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            Map<String, String> response = null;
            double wallMs = Double.NaN;
            Map<String, String> after = Map.of();
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(LambdaEmulator.RESPONSE_LINE)) {
                    wallMs = (System.nanoTime() - t0) / 1e6;
                    response = fields(line);
                } else if (line.startsWith(LambdaEmulator.AFTER_LINE)) {
                    after = fields(line);
                    remember(tail, line);
                } else {
                    remember(tail, line);
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(target.name() + " did not exit: " + tail);
            }
            stderr.join(5000);
            if (response == null) {
                throw new IllegalStateException(target.name() + " (" + variant.name() + ") gave no response; exit "
                        + process.exitValue() + "; last output:\n  " + String.join("\n  ", tail));
            }
            int status = Integer.parseInt(response.get("status"));
            if (status >= 300) {
                throw new IllegalStateException(target.name() + " (" + variant.name() + ") answered " + status + ": "
                        + after.getOrDefault("body", "") + "\n  " + String.join("\n  ", tail));
            }
            Run run = new Run(wallMs, Long.parseLong(response.get("mainAtMillis")) - spawnedAtMillis,
                    Double.parseDouble(response.get("initMs")), Double.parseDouble(response.get("primeMs")),
                    Double.parseDouble(response.get("invokeMs")), Long.parseLong(after.getOrDefault("vmHwmKb", "-1")),
                    status);
            return new Launched(run, List.copyOf(tail));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted", e);
        } finally {
            try {
                Files.deleteIfExists(eventFile);
            } catch (IOException e) {
                // a temporary file in the run's work directory
            }
        }
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            out.putIfAbsent(m.group(1), m.group(2));
        }
        int body = line.indexOf(" body=");
        if (body >= 0) {
            out.put("body", line.substring(body + 6));
        }
        return out;
    }

    private static void remember(Deque<String> tail, String line) {
        synchronized (tail) {
            tail.addLast(line.length() > 400 ? line.substring(0, 400) : line);
            while (tail.size() > 15) {
                tail.removeFirst();
            }
        }
    }

    private static Thread drain(InputStream in, Deque<String> tail) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.startsWith("Picked up JAVA_TOOL_OPTIONS")) {
                        remember(tail, "stderr: " + line);
                    }
                }
            } catch (IOException e) {
                // the child exited
            }
        }, "bench-cold-start-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static String describe(Run run) {
        return String.format(Locale.ROOT, "%.0f ms (boot %.0f, init %.0f, request %.0f), peak RSS %d MB", run.wallMs(),
                run.bootMs(), run.initMs(), run.invokeMs(), run.peakRssKb() / 1024);
    }
}
