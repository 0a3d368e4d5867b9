package vn.pakn.domain.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.reference.Agency;

class RoutingTest {
    private final FixedReferenceData reference = new FixedReferenceData();
    private final Routing routing = new Routing(reference);

    @Test
    void ruleForTheCommune_beatsTheProvinceDefault() {
        assertEquals("ubnd-kinh-bac", routing.route("noise", "24-kinh-bac").orElseThrow().agency().id());
        assertEquals("ubnd-tu-son", routing.route("noise", "24-tu-son").orElseThrow().agency().id());
    }

    @Test
    void categoryRuleHigherUp_beatsTriage() {
        assertEquals("so-xay-dung", routing.route("roads", "24-kinh-bac").orElseThrow().agency().id());
    }

    @Test
    void noRuleForTheCategory_goesToTriage() {
        assertEquals("triage", routing.route("pollution", "24-tu-son").orElseThrow().agency().id());
    }

    @Test
    void coordinatesOnly_useRootRules() {
        assertEquals("so-xay-dung", routing.route("roads", null).orElseThrow().agency().id());
        assertEquals("triage", routing.route("noise", null).orElseThrow().agency().id());
    }

    @Test
    void disabledAgency_passesItsShareUpTheTree() {
        reference.agencies.replaceAll(a -> a.id().equals("ubnd-kinh-bac")
                ? new Agency(a.id(), a.name(), a.level(), a.parentId(), a.areaCode(), false) : a);
        assertEquals("triage", routing.route("noise", "24-kinh-bac").orElseThrow().agency().id());
    }

    @Test
    void nothingEnabled_isNoDecision() {
        reference.agencies.replaceAll(a -> new Agency(a.id(), a.name(), a.level(), a.parentId(), a.areaCode(), false));
        assertTrue(routing.route("noise", "24-kinh-bac").isEmpty());
    }
}
