package vn.pakn.aws.lambda;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The time every bean reads, as a bean, so that time-dependent behaviour can be tested by moving it. */
@Factory
public class ClockFactory {

    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }
}
