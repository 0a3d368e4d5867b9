package vn.pakn.open311;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysTest {
    private final ApiKeys keys = ApiKeys.parse(ApiKeys.entryFor("fixmystreet-bn", "key-one-123") + ", "
            + ApiKeys.entryFor("hotline-app", "key-two-456"));

    @Test
    void eachKey_identifiesItsClient() {
        assertEquals(Optional.of("fixmystreet-bn"), keys.clientFor("key-one-123"));
        assertEquals(Optional.of("hotline-app"), keys.clientFor("key-two-456"));
    }

    @Test
    void unknownEmptyOrHugeKey_identifiesNoOne() {
        assertTrue(keys.clientFor("key-one-12").isEmpty());
        assertTrue(keys.clientFor("").isEmpty());
        assertTrue(keys.clientFor(null).isEmpty());
        assertTrue(keys.clientFor("k".repeat(10_000)).isEmpty());
    }

    @Test
    void configurationHoldsOnlyHashes() {
        String entry = ApiKeys.entryFor("client", "the-key");
        assertFalse(entry.contains("the-key"));
        assertTrue(entry.matches("client:[0-9a-f]{64}"));
    }

    @Test
    void blankConfiguration_letsNoOneSubmit() {
        assertTrue(ApiKeys.parse("").isEmpty());
        assertTrue(ApiKeys.parse(null).clientFor("anything").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "client:abc", "Client:" + "a", ":0123", "a b:0000"})
    void malformedConfiguration_stopsTheFunctionFromStarting(String configured) {
        assertThrows(IllegalStateException.class, () -> ApiKeys.parse(configured));
    }
}
