package vn.pakn.local.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import vn.pakn.local.aws.FunctionSpec;
import vn.pakn.local.aws.LocalDeployment;

/**
 * One function of the template with its handler instance: what Lambda calls an execution
 * environment. Invocations are serialised, because one Lambda execution environment never runs
 * two invocations at once and handlers may rely on that. {@link #maxConcurrency(int)} lets the
 * function scale out as Lambda does under concurrent requests: more environments, each a handler
 * of its own, created on demand (each creation is a cold start) and each still one at a time.
 */
public final class LocalFunction implements AutoCloseable {

    private final FunctionSpec spec;
    private final RequestHandler<Object, Object> handler;
    private final Class<?> inputType;
    private final String arn;
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong invocationNanos = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    /** Environments not running an invocation, the most recently used first (Lambda reuses the warmest). */
    private final ConcurrentLinkedDeque<RequestHandler<Object, Object>> idle = new ConcurrentLinkedDeque<>();
    /** One permit per idle environment; fair, so waiting invocations are served in arrival order. */
    private final Semaphore idlePermits = new Semaphore(1, true);
    private final AtomicInteger created = new AtomicInteger(1);
    /** Environments beyond the first, to close. */
    private final java.util.List<RequestHandler<Object, Object>> extra = new CopyOnWriteArrayList<>();
    /** Makes one more environment's handler; null when this function cannot scale out. */
    private volatile Supplier<RequestHandler<?, ?>> newEnvironment;
    private volatile int maxConcurrency = 1;
    private volatile PrintStream out = System.out;
    /** The loader this object created for the function's code and must close; null when the code is shared. */
    private FunctionClassLoader ownLoader;

    @SuppressWarnings("unchecked")
    LocalFunction(FunctionSpec spec, RequestHandler<?, ?> handler, String region, String accountId) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.handler = (RequestHandler<Object, Object>) Objects.requireNonNull(handler, "handler");
        this.inputType = inputTypeOf(handler.getClass());
        this.arn = "arn:aws:lambda:" + region + ":" + accountId + ":function:" + spec.logicalId();
        this.idle.add(this.handler);
    }

    /** Wraps a handler the caller built (tests pass small handlers, or a real one built with its environment). */
    public static LocalFunction of(LocalDeployment deployment, FunctionSpec spec, RequestHandler<?, ?> handler) {
        return new LocalFunction(spec, handler, deployment.services().region(), deployment.services().accountId());
    }

    /** {@link #of(LocalDeployment, FunctionSpec, RequestHandler)} for the template's function {@code logicalId}. */
    public static LocalFunction of(LocalDeployment deployment, String logicalId, RequestHandler<?, ?> handler) {
        return of(deployment, deployment.template().function(logicalId), handler);
    }

    /** Instantiates the template's function {@code logicalId}; see {@link #instantiate(LocalDeployment, FunctionSpec)}. */
    public static LocalFunction instantiate(LocalDeployment deployment, String logicalId) {
        return instantiate(deployment, deployment.template().function(logicalId));
    }

    /**
     * Creates the handler named by the function's {@code Handler} through its public
     * {@code (Map<String,String> environment)} constructor, passing the environment the function
     * has in this deployment (several functions share this JVM, so none may read the process
     * environment).
     *
     * @throws FunctionInitException saying what to do when the class is missing or its
     *     initialisation fails
     */
    public static LocalFunction instantiate(LocalDeployment deployment, FunctionSpec spec) {
        Map<String, String> environment = deployment.functionEnvironment(spec);
        ClassLoader loader = LocalFunction.class.getClassLoader();
        return of(deployment, spec, newHandler(spec, environment, loader))
                .scalableWith(() -> newHandler(spec, environment, loader));
    }

    /**
     * As {@link #instantiate(LocalDeployment, FunctionSpec)}, but from the function's own artifact
     * (the jar its {@code CodeUri} names), isolated from other functions by a
     * {@link FunctionClassLoader}, which {@link #close()} closes.
     */
    public static LocalFunction instantiate(LocalDeployment deployment, FunctionSpec spec, Path codeJar) {
        FunctionClassLoader loader = new FunctionClassLoader(spec.logicalId(), codeJar,
                LocalFunction.class.getClassLoader());
        try {
            Map<String, String> environment = deployment.functionEnvironment(spec);
            LocalFunction function = of(deployment, spec, newHandler(spec, environment, loader));
            function.ownLoader = loader;
            // Further environments share the code (class loader), not the handler's state.
            return function.scalableWith(() -> newHandler(spec, environment, loader));
        } catch (RuntimeException | Error e) {
            closeQuietly(loader);
            throw e;
        }
    }

    static RequestHandler<?, ?> newHandler(FunctionSpec spec, Map<String, String> environment, ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Libraries that look up services through the context loader must find the function's, as in Lambda.
        thread.setContextClassLoader(loader);
        try {
            return createHandler(spec, environment, loader);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static RequestHandler<?, ?> createHandler(FunctionSpec spec, Map<String, String> environment,
            ClassLoader loader) {
        String className = handlerClassName(spec);
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new FunctionInitException(spec.logicalId() + ": handler class " + className
                    + " (template.yaml Handler) is not " + (loader instanceof FunctionClassLoader
                    ? "in its CodeUri jar " + spec.codeUri() : "on the class path") + "; build its module (mvn install)", e);
        } catch (LinkageError e) {
            throw new FunctionInitException(spec.logicalId() + ": handler class " + className + " cannot be loaded: "
                    + e, e);
        }
        if (!RequestHandler.class.isAssignableFrom(type)) {
            throw new FunctionInitException(spec.logicalId() + ": " + className + " does not implement "
                    + RequestHandler.class.getName() + " (extend vn.pakn.aws.lambda.PaknHandler)", null);
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(Map.class);
        } catch (NoSuchMethodException e) {
            throw new FunctionInitException(spec.logicalId() + ": " + className
                    + " needs a public constructor taking Map<String,String> environment (see PaknHandler)", e);
        }
        try {
            return (RequestHandler<?, ?>) constructor.newInstance(environment);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new FunctionInitException(spec.logicalId() + ": " + className + " failed to initialise: " + cause,
                    cause);
        } catch (ReflectiveOperationException e) {
            throw new FunctionInitException(spec.logicalId() + ": cannot create " + className + ": " + e, e);
        }
    }

    /** {@code pkg.Class} or {@code pkg.Class::method}; only the class matters for a RequestHandler. */
    static String handlerClassName(FunctionSpec spec) {
        String handler = spec.handler();
        if (handler == null || handler.isBlank()) {
            throw new FunctionInitException(spec.logicalId() + " has no Handler in template.yaml", null);
        }
        int method = handler.indexOf("::");
        return (method < 0 ? handler : handler.substring(0, method)).trim();
    }

    public String logicalId() {
        return spec.logicalId();
    }

    public FunctionSpec spec() {
        return spec;
    }

    /** The handler instance, for tests that want to look inside it. */
    public Object handler() {
        return handler;
    }

    public String arn() {
        return arn;
    }

    /** The event class the handler declares (Object when it cannot be told from its generics). */
    public Class<?> inputType() {
        return inputType;
    }

    public long invocationCount() {
        return invocations.get();
    }

    /** Invocations running now. */
    public int runningCount() {
        return running.get();
    }

    /** Time spent inside the handler over all finished invocations (what Lambda bills as duration), in nanoseconds. */
    public long invocationNanos() {
        return invocationNanos.get();
    }

    /**
     * Up to {@code environments} invocations may run at once, each in an execution environment of
     * its own (a handler instance made on first need), as Lambda scales a function out. 1, the
     * default, keeps one environment. Only functions this class instantiated can scale out.
     */
    public LocalFunction maxConcurrency(int environments) {
        if (environments < 1) {
            throw new IllegalArgumentException("environments must be at least 1, got " + environments);
        }
        if (environments > 1 && newEnvironment == null) {
            throw new IllegalStateException(spec.logicalId() + " was given its handler, so it cannot make more");
        }
        this.maxConcurrency = environments;
        return this;
    }

    /** How to make one more environment's handler, for {@link #maxConcurrency(int)}. */
    LocalFunction scalableWith(Supplier<RequestHandler<?, ?>> environmentFactory) {
        this.newEnvironment = Objects.requireNonNull(environmentFactory, "environmentFactory");
        return this;
    }

    /** Execution environments made so far. */
    public int environments() {
        return created.get();
    }

    /** Where {@link Context#getLogger()} writes; the console by default. */
    public LocalFunction logTo(PrintStream stream) {
        this.out = Objects.requireNonNull(stream, "stream");
        return this;
    }

    /** Fails early, when wiring an event source, rather than at the first event. */
    void requireAccepts(Class<?> eventType, String source) {
        if (!inputType.isAssignableFrom(eventType)) {
            throw new IllegalStateException(spec.logicalId() + ": " + source + " delivers " + eventType.getSimpleName()
                    + " but the handler " + handler.getClass().getName() + " takes " + inputType.getName());
        }
    }

    /**
     * Invokes the handler once with a new {@link LocalContext}, waiting for any invocation already
     * running in this environment to finish. Whatever the handler throws is thrown here.
     */
    public Object invoke(Object event) {
        RequestHandler<Object, Object> environment = acquireEnvironment();
        try {
            return invokeIn(environment, event);
        } finally {
            idle.offerFirst(environment);
            idlePermits.release();
        }
    }

    private Object invokeIn(RequestHandler<Object, Object> environment, Object event) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(environment.getClass().getClassLoader());
        long t0 = System.nanoTime();
        running.incrementAndGet();
        try {
            invocations.incrementAndGet();
            LocalContext context = new LocalContext(spec.logicalId(), arn, spec.memorySize(), spec.timeoutSeconds(), out);
            return environment.handleRequest(event, context);
        } finally {
            invocationNanos.addAndGet(System.nanoTime() - t0);
            running.decrementAndGet();
            thread.setContextClassLoader(previous);
        }
    }

    /** An idle environment if one is free and nobody waits, else a new one while under the limit, else the next freed. */
    @SuppressWarnings("unchecked")
    private RequestHandler<Object, Object> acquireEnvironment() {
        try {
            if (idlePermits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return idle.pollFirst();
            }
            for (int n = created.get(); n < maxConcurrency; n = created.get()) {
                if (created.compareAndSet(n, n + 1)) {
                    try {
                        RequestHandler<Object, Object> made = (RequestHandler<Object, Object>) newEnvironment.get();
                        extra.add(made);
                        return made;
                    } catch (RuntimeException | Error e) {
                        created.decrementAndGet();
                        throw e;
                    }
                }
            }
            idlePermits.acquire();
            return idle.pollFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(spec.logicalId() + ": interrupted while waiting for its execution environment", e);
        }
    }

    /** Closes the handler if it holds resources (a Micronaut handler closes its application context). */
    @Override
    public void close() {
        if (handler instanceof AutoCloseable closeable) {
            closeQuietly(closeable);
        }
        for (RequestHandler<Object, Object> environment : extra) {
            if (environment instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        }
        if (ownLoader != null) {
            closeQuietly(ownLoader);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing only releases this JVM's resources; nothing for the caller to act on.
        }
    }

    /** Resolves {@code I} of {@code RequestHandler<I, O>} through generic superclasses and interfaces. */
    static Class<?> inputTypeOf(Class<?> handlerClass) {
        Type found = find(handlerClass, new HashMap<>());
        return found instanceof Class<?> c ? c
                : found instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw ? raw
                : Object.class;
    }

    private static Type find(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        if (type instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                Type argument = arguments[i];
                bindings.put(variables[i], argument instanceof TypeVariable<?> v && bindings.containsKey(v)
                        ? bindings.get(v) : argument);
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
        } else {
            return null;
        }
        if (raw == RequestHandler.class) {
            Type input = bindings.get(RequestHandler.class.getTypeParameters()[0]);
            return input == null ? Object.class : input;
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type found = find(parent, bindings);
            if (found != null) {
                return found;
            }
        }
        return raw.getGenericSuperclass() == null ? null : find(raw.getGenericSuperclass(), bindings);
    }

    @Override
    public String toString() {
        return "LocalFunction[" + spec.logicalId() + ", " + handler.getClass().getName() + "]";
    }
}
