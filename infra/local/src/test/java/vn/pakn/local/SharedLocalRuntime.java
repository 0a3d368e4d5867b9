package vn.pakn.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import vn.pakn.local.aws.FunctionSpec;
import vn.pakn.local.events.EventSettings;
import vn.pakn.local.events.LocalFunction;

/**
 * One {@link LocalRuntime} with the default test options (embedded services, demo data, every
 * function, fast event sources) for the end-to-end classes that need nothing else: a start costs
 * 10-30 s on two cores, so it happens once per test run, and the root context's store closes the
 * runtime when the run ends. A class gets it as a parameter of its {@code @BeforeAll} method and
 * never closes it:
 *
 * <pre>{@code
 * @ExtendWith(SharedLocalRuntime.class)
 * class SomeEndToEndIT {
 *     @BeforeAll
 *     static void start(LocalRuntime shared) { runtime = shared; }
 * }
 * }</pre>
 *
 * Classes that need other options, close the runtime, or rewrite the reference data others read
 * (LocalRuntimeIT, AgencySignInIT, OpenApiContractIT) start their own.
 *
 * <p>Sharing means the tables are not empty when a class starts, and the order of classes is not
 * fixed: a class finds its own complaints by id or tracking code, compares figures with what they
 * were before it acted (never with absolute numbers), and leaves the reference data as it was.
 * Before handing the runtime over, this waits until the previous class's asynchronous work (stream
 * and queue deliveries, photo checks) has finished, so that a figure read as "before" stays put.
 */
final class SharedLocalRuntime implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedLocalRuntime.class);
    /** Longer than the slowest event source's idle wait (SQS long polls for 1 s). */
    private static final Duration QUIET_FOR = Duration.ofMillis(1500);
    private static final Duration QUIET_WITHIN = Duration.ofSeconds(30);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalRuntime.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root store lives for the whole run and closes what it holds (AutoCloseable) at its end.
        LocalRuntime runtime = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(LocalRuntime.class, key -> start(), LocalRuntime.class);
        awaitQuiet(runtime);
        return runtime;
    }

    private static LocalRuntime start() {
        return LocalRuntime.start(new LocalRuntime.Options().apiPort(0).environment(Map.of())
                .requireAllFunctions(true).eventSettings(EventSettings.fast()).progress(line -> { }));
    }

    /** Until no function runs and none has been invoked for {@link #QUIET_FOR}. */
    private static void awaitQuiet(LocalRuntime runtime) {
        long deadline = System.nanoTime() + QUIET_WITHIN.toNanos();
        long invocations = invocations(runtime);
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < QUIET_FOR.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the shared runtime did not settle within " + QUIET_WITHIN
                        + " after the previous class");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the shared runtime to settle", e);
            }
            long now = invocations(runtime);
            if (now != invocations || running(runtime)) {
                invocations = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private static long invocations(LocalRuntime runtime) {
        long total = 0;
        for (LocalFunction function : functions(runtime)) {
            total += function.invocationCount();
        }
        return total;
    }

    private static boolean running(LocalRuntime runtime) {
        for (LocalFunction function : functions(runtime)) {
            if (function.runningCount() > 0) {
                return true;
            }
        }
        return false;
    }

    private static List<LocalFunction> functions(LocalRuntime runtime) {
        List<LocalFunction> running = new ArrayList<>();
        for (FunctionSpec spec : runtime.deployment().template().functions()) {
            try {
                running.add(runtime.function(spec.logicalId()));
            } catch (IllegalArgumentException notDeployedLocally) {
                // nothing of it to wait for
            }
        }
        return running;
    }
}
