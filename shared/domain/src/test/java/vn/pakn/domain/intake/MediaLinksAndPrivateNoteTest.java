package vn.pakn.domain.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.pakn.domain.error.InputError;
import vn.pakn.domain.fakes.FixedReferenceData;
import vn.pakn.domain.fakes.InMemoryComplaintRepository;
import vn.pakn.domain.fakes.InMemoryUploads;

/** Client-hosted photo links (Open311's media_url) and the channel's note for the agency. */
class MediaLinksAndPrivateNoteTest {
    private final InMemoryUploads uploads = new InMemoryUploads();
    private final InMemoryComplaintRepository complaints = new InMemoryComplaintRepository(uploads);
    private final IntakeService service = new IntakeService(new FixedReferenceData(), complaints, uploads, uploads,
            Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC), Duration.ofMinutes(15));

    private static SubmitRequest roads(List<String> links, String note) {
        return new SubmitRequest("roads", "Ổ gà lớn", 21.18, 106.07, true, "24-kinh-bac", List.of(), null, null, null,
                true, "open311", links, note);
    }

    @Test
    void mediaLink_countsAsThePhotoACategoryRequires_andReachesOnlyThePrivateNote() {
        SubmitReceipt receipt = service.submit(roads(List.of("https://img.example.org/p/1.jpg"),
                "address_string: 12 Nguyễn Trãi"), null, "fp");

        var first = complaints.byId.get(receipt.id()).events().get(0);
        assertEquals("address_string: 12 Nguyễn Trãi\nmedia: https://img.example.org/p/1.jpg", first.privateNote());
        assertNull(first.note(), "nothing of it in the public history");
        assertTrue(complaints.byId.get(receipt.id()).complaint().photos().isEmpty(), "a link is not a checked photo");
    }

    @Test
    void withoutPhotoOrLink_photoRequiredCategoryIsRefused() {
        InputError e = assertThrows(InputError.class, () -> service.submit(roads(List.of(), null), null, "fp"));
        assertEquals("photo_required", e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://img.example.org/1.jpg", "javascript:alert(1)", "/relative/1.jpg", "not a url", " "})
    void linkThatIsNotAnAbsoluteHttpUrl_isRefusedNamingIt(String link) {
        InputError e = assertThrows(InputError.class, () -> service.submit(roads(List.of(link), null), null, "fp"));
        assertEquals("mediaLinks[0]", e.field());
        assertTrue(complaints.byId.isEmpty());
    }

    @Test
    void photosAndLinksTogether_areLimitedToFive() {
        List<String> six = List.of("http://a.vn/1", "http://a.vn/2", "http://a.vn/3", "http://a.vn/4", "http://a.vn/5",
                "http://a.vn/6");
        InputError e = assertThrows(InputError.class, () -> service.submit(roads(six, null), null, "fp"));
        assertEquals("too_many", e.code());
    }

    @Test
    void noNoteAndNoLinks_leaveThePrivateNoteEmpty() {
        SubmitReceipt receipt = service.submit(new SubmitRequest("noise", "Karaoke", null, null, false, "24-kinh-bac",
                List.of(), null, null, null, null, "web"), null, "fp");
        assertNull(complaints.byId.get(receipt.id()).events().get(0).privateNote());
    }
}
