package vn.pakn.local.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterCriteriaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The outbox relay's filter in template.yaml. */
    private static final FilterCriteria OUTBOX = FilterCriteria.of(List.of(
            "{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"Keys\": {\"sk\": {\"S\": [{\"prefix\": \"OUTBOX#\"}]}}}}"));

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode record(String eventName, String sk) {
        return json("{\"eventName\":\"" + eventName + "\",\"eventSource\":\"aws:dynamodb\",\"dynamodb\":{\"Keys\":"
                + "{\"pk\":{\"S\":\"COMPLAINT#1\"},\"sk\":{\"S\":\"" + sk + "\"}},\"SizeBytes\":120}}");
    }

    @Test
    void outboxPattern_matchesOnlyInsertsOfOutboxItems() {
        assertTrue(OUTBOX.matches(record("INSERT", "OUTBOX#0001")));
        assertFalse(OUTBOX.matches(record("MODIFY", "OUTBOX#0001")));
        assertFalse(OUTBOX.matches(record("REMOVE", "OUTBOX#0001")));
        assertFalse(OUTBOX.matches(record("INSERT", "COMPLAINT#1")));
        assertFalse(OUTBOX.matches(record("INSERT", "outbox#0001")), "prefix is case-sensitive");
    }

    @Test
    void anyOfSeveralFilters_isEnough() {
        FilterCriteria either = FilterCriteria.of(List.of("{\"eventName\":[\"REMOVE\"]}",
                "{\"dynamodb\":{\"Keys\":{\"sk\":{\"S\":[\"COMPLAINT#1\"]}}}}"));
        assertTrue(either.matches(record("REMOVE", "x")));
        assertTrue(either.matches(record("INSERT", "COMPLAINT#1")));
        assertFalse(either.matches(record("INSERT", "x")));
    }

    @Test
    void noFilters_matchesEverything() {
        assertTrue(FilterCriteria.none().matches(record("MODIFY", "x")));
        assertTrue(FilterCriteria.fromTemplate(null, "Fn.Events.E").isEmpty());
    }

    @Test
    void exists_anythingBut_suffix_numeric_andOr() {
        JsonNode message = json("{\"body\":{\"kind\":\"complaint\",\"priority\":7,\"tags\":[\"roads\",\"urgent\"],"
                + "\"file\":\"a.jpg\"},\"attributes\":{\"MessageGroupId\":\"g1\"}}");
        assertTrue(matches("{\"body\":{\"kind\":[{\"exists\":true}]}}", message));
        assertTrue(matches("{\"body\":{\"missing\":[{\"exists\":false}]}}", message));
        assertFalse(matches("{\"body\":{\"kind\":[{\"exists\":false}]}}", message));
        assertTrue(matches("{\"body\":{\"kind\":[{\"anything-but\":[\"noise\",\"spam\"]}]}}", message));
        assertFalse(matches("{\"body\":{\"kind\":[{\"anything-but\":\"complaint\"}]}}", message));
        assertFalse(matches("{\"body\":{\"kind\":[{\"anything-but\":{\"prefix\":\"comp\"}}]}}", message));
        assertTrue(matches("{\"body\":{\"file\":[{\"suffix\":\".jpg\"}]}}", message));
        assertTrue(matches("{\"body\":{\"kind\":[{\"equals-ignore-case\":\"COMPLAINT\"}]}}", message));
        assertTrue(matches("{\"body\":{\"priority\":[{\"numeric\":[\">\",5,\"<=\",7]}]}}", message));
        assertFalse(matches("{\"body\":{\"priority\":[{\"numeric\":[\">\",7]}]}}", message));
        assertTrue(matches("{\"body\":{\"priority\":[7]}}", message), "numbers compare as numbers");
        assertTrue(matches("{\"body\":{\"tags\":[\"urgent\"]}}", message), "any array element may match");
        assertTrue(matches("{\"$or\":[{\"body\":{\"kind\":[\"x\"]}},{\"attributes\":{\"MessageGroupId\":[\"g1\"]}}]}",
                message));
        assertFalse(matches("{\"body\":{\"kind\":{\"nested\":[\"x\"]}}}", message));
    }

    @Test
    void nullMatchesOnlyNull() {
        assertTrue(matches("{\"a\":[null]}", json("{\"a\":null}")));
        assertFalse(matches("{\"a\":[null]}", json("{}")));
        assertFalse(matches("{\"a\":[null]}", json("{\"a\":\"\"}")));
    }

    @Test
    void malformedPatterns_areRejectedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> FilterCriteria.of(List.of("not json")));
        assertThrows(IllegalArgumentException.class, () -> FilterCriteria.of(List.of("{\"eventName\":\"INSERT\"}")));
        assertThrows(IllegalArgumentException.class, () -> FilterCriteria.of(List.of("{\"a\":[{\"wildcard\":\"x*\"}]}")));
        assertThrows(IllegalArgumentException.class, () -> FilterCriteria.of(List.of("{\"a\":[{\"numeric\":[\"~\",1]}]}")));
        assertThrows(IllegalArgumentException.class,
                () -> FilterCriteria.fromTemplate(Map.of("Filters", List.of(Map.of())), "Fn.Events.E"));
    }

    private static boolean matches(String pattern, JsonNode event) {
        return FilterCriteria.of(List.of(pattern)).matches(event);
    }
}
