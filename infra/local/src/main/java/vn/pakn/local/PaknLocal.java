package vn.pakn.local;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import vn.pakn.local.events.LocalJwtIssuer;

/**
 * {@code java -jar infra/local/target/pakn-local.jar}: starts {@link LocalRuntime} and says
 * where to go. {@code infra/run-local} builds the jar first and runs this.
 */
public final class PaknLocal {

    private static final String USAGE = """
            Usage: infra/run-local [--port N] [--template path/to/template.yaml] [--no-seed] [--param Name=Value]...

              --port N         HTTP API port (default: $PAKN_API_PORT or 8080; 0 = any free port)
              --template PATH  the SAM template to run (default: template.yaml of this checkout)
              --no-seed        do not load the demo province (categories, areas, agencies and their queues, rules, holidays)
              --param K=V      template parameter override, as sam deploy --parameter-overrides

            Environment: AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_DYNAMODB / _SQS / _S3 use those endpoints
            (LocalStack, another emulator, real AWS) instead of starting embedded services.
            PAKN_LOCAL_JWT_KEY moves the local JWT issuer's signing key (default ~/.pakn/local-jwt-key.pem).""";

    private PaknLocal() {}

    public static void main(String[] args) {
        LocalRuntime.Options options = new LocalRuntime.Options();
        Map<String, String> parameters = new LinkedHashMap<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> options.apiPort(port(value(args, ++i, "--port")));
                    case "--template" -> {
                        Path template = Path.of(value(args, ++i, "--template"));
                        if (!Files.isRegularFile(template)) {
                            throw new IllegalArgumentException("--template " + template + ": no such file");
                        }
                        options.template(template);
                    }
                    case "--no-seed" -> options.seedDemoData(false);
                    case "--param" -> {
                        String pair = value(args, ++i, "--param");
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--param needs Name=Value, got " + pair);
                        }
                        parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
        }
        options.parameterOverrides(parameters);
        // Tokens from DevToken verify across restarts only if the runtime signs with the same, kept key.
        options.jwtKeyFile(LocalJwtIssuer.defaultKeyFile(System.getenv()));

        LocalRuntime runtime;
        try {
            runtime = LocalRuntime.start(options);
        } catch (RuntimeException e) {
            System.err.println("\npakn local could not start: " + explain(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "pakn-local-shutdown"));
        System.out.println(StartupSummary.render(runtime, System.getenv()));
        startCommandReader(runtime);
        try {
            new CountDownLatch(1).await(); // until Ctrl+C runs the shutdown hook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port needs a port number (0-65535), got " + text);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    /** The message chain, without stack traces: each layer adds what it was doing. */
    static String explain(Throwable e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage() == null ? e : e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !out.toString().contains(message)) {
                out.append("\n  caused by: ").append(message);
            }
        }
        return out.toString();
    }

    /** A developer can run a schedule at once instead of waiting for it. */
    private static void startCommandReader(LocalRuntime runtime) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] words = line.trim().split("\\s+");
                    if (words.length == 2 && words[0].equals("trigger")) {
                        try {
                            Object result = runtime.triggerSchedule(words[1]);
                            System.out.println(words[1] + " returned " + result);
                        } catch (RuntimeException e) {
                            System.out.println("trigger " + words[1] + " failed: " + e);
                        }
                    } else if (!line.isBlank()) {
                        System.out.println("Commands: trigger <FunctionName>   (Ctrl+C to stop)");
                    }
                }
            } catch (java.io.IOException e) {
                // No usable standard input (started in the background): commands are simply unavailable.
            }
        }, "pakn-local-commands");
        reader.setDaemon(true);
        reader.start();
    }
}
