package vn.pakn.local.events;

import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads one function from its deployment artifact (the shaded jar its {@code CodeUri} names),
 * apart from every other function, as each Lambda function has a JVM of its own. Without this,
 * functions sharing one class path see each other's classes: a Micronaut context would build
 * every module's beans, eager ones included, and fail on configuration that belongs to another
 * function.
 *
 * <p>Only the Lambda interfaces and event classes (and Joda-Time, which the events use) come from
 * the runtime, so the events built here are the handler's own types; everything else, JDK
 * excepted, comes from the function's jar.
 */
public final class FunctionClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final List<String> SHARED_PACKAGES = List.of("com.amazonaws.services.lambda.runtime.",
            "org.joda.time.");

    private final ClassLoader runtime;

    public FunctionClassLoader(String functionName, Path codeJar, ClassLoader runtime) {
        super("function-" + functionName, new URL[] {url(codeJar)}, ClassLoader.getPlatformClassLoader());
        this.runtime = runtime;
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (SHARED_PACKAGES.stream().anyMatch(name::startsWith)) {
            try {
                return runtime.loadClass(name);
            } catch (ClassNotFoundException notInTheRuntime) {
                // e.g. the serialisation library, which the runtime does not carry: the function's own copy.
            }
        }
        return super.loadClass(name, resolve);
    }
}
