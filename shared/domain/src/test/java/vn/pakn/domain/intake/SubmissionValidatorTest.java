package vn.pakn.domain.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.fakes.FixedReferenceData;

class SubmissionValidatorTest {
    private final SubmissionValidator validator = new SubmissionValidator(new FixedReferenceData());

    static List<Arguments> badRequests() {
        return List.of(
                bad("category missing", d -> d.category = null, "required", "category"),
                bad("unknown category", d -> d.category = "karaoke", "unknown_category", "category"),
                bad("blank description", d -> d.description = "   ", "required", "description"),
                bad("description too long", d -> d.description = "x".repeat(4001), "too_long", "description"),
                bad("latitude impossible", d -> d.lat = 91.0, "out_of_range", "location.lat"),
                bad("longitude impossible", d -> d.lon = -181.0, "out_of_range", "location.lon"),
                bad("latitude missing", d -> d.lat = null, "required", "location.lat"),
                bad("unknown area", d -> d.areaCode = "99-nowhere", "unknown_area", "areaCode"),
                bad("no place at all", d -> { d.locationGiven = false; d.areaCode = null; }, "location_required", "location"),
                bad("six photos", d -> d.photos = List.of("a", "b", "c", "d", "e", "f"), "too_many", "photos"),
                bad("same photo twice", d -> d.photos = List.of("a", "a"), "duplicate", "photos[1]"),
                bad("photo required", d -> { d.category = "roads"; d.photos = List.of(); }, "photo_required", "photos"),
                bad("bad phone", d -> d.phone = "call me", "invalid_format", "reporter.phone"),
                bad("bad email", d -> d.email = "not-an-email", "invalid_format", "reporter.email"),
                bad("name too long", d -> d.name = "n".repeat(201), "too_long", "reporter.name"),
                bad("unknown channel", d -> d.channel = "pigeon", "unknown_channel", "channel"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequest_namesFieldAndReasonInBothLanguages(String name, Consumer<IntakeServiceTest.Draft> change,
                                                       String code, String field) {
        InputError e = assertThrows(InputError.class, () -> validator.validate(IntakeServiceTest.request(change)));
        assertEquals(code, e.code());
        assertEquals(field, e.field());
        assertFalse(e.text().vi().isBlank());
        assertFalse(e.text().en().isBlank());
    }

    @Test
    void descriptionOf4000Characters_withVietnameseDiacritics_isAccepted() {
        String text = "ả".repeat(4000);
        assertEquals(4000, validator.validate(IntakeServiceTest.request(d -> d.description = text)).description().length());
    }

    @Test
    void areaOnly_orPointOnly_isEnough() {
        var areaOnly = validator.validate(IntakeServiceTest.request(d -> { d.locationGiven = false; d.lat = null; d.lon = null; }));
        assertNull(areaOnly.location());
        var pointOnly = validator.validate(IntakeServiceTest.request(d -> d.areaCode = null));
        assertNull(pointOnly.areaCode());
    }

    @Test
    void channelDefaultsToWeb_andBlankReporterFieldsAreDropped() {
        var valid = validator.validate(IntakeServiceTest.request(d -> { d.channel = null; d.name = " "; d.phone = null; d.email = null; }));
        assertEquals(Channel.WEB, valid.channel());
        assertEquals(true, valid.reporter().isEmpty());
    }

    private static Arguments bad(String name, Consumer<IntakeServiceTest.Draft> change, String code, String field) {
        return Arguments.of(name, change, code, field);
    }
}
