package vn.pakn.domain.complaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackingCodeTest {

    @Test
    void generatedCodes_areCanonicalAndAccepted() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = TrackingCode.generate();
            assertTrue(code.matches("[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}"), code);
            assertEquals(code, TrackingCode.normalize(code).orElseThrow());
            seen.add(code);
        }
        assertTrue(seen.size() > 9_990, "codes should practically never repeat in 10k draws");
    }

    @Test
    void typedLoosely_isNormalised() {
        String code = TrackingCode.generate();
        String typed = " " + code.toLowerCase().replace("-", " ") + " ";
        assertEquals(code, TrackingCode.normalize(typed).orElseThrow());
    }

    @Test
    void anySingleCharacterMistyped_isRejected() {
        String code = TrackingCode.generate().replace("-", "");
        for (int pos = 0; pos < code.length(); pos++) {
            for (char c : TrackingCode.ALPHABET.toCharArray()) {
                if (c == code.charAt(pos)) {
                    continue;
                }
                String typo = code.substring(0, pos) + c + code.substring(pos + 1);
                assertTrue(TrackingCode.normalize(typo).isEmpty(), "typo accepted: " + typo);
            }
        }
    }

    @Test
    void neighboursSwapped_isRejected() {
        for (int n = 0; n < 200; n++) {
            String code = TrackingCode.generate().replace("-", "");
            for (int pos = 0; pos + 1 < code.length(); pos++) {
                if (code.charAt(pos) == code.charAt(pos + 1)) {
                    continue;
                }
                String swapped = code.substring(0, pos) + code.charAt(pos + 1) + code.charAt(pos) + code.substring(pos + 2);
                assertTrue(TrackingCode.normalize(swapped).isEmpty(), "swap accepted: " + swapped);
            }
        }
    }

    @Test
    void lookAlikeOrWrongLength_isRejected() {
        assertTrue(TrackingCode.normalize("O0I1-LUV0").isEmpty());
        assertTrue(TrackingCode.normalize("ABC").isEmpty());
        assertTrue(TrackingCode.normalize(null).isEmpty());
    }
}
