package vn.pakn.domain.complaint;

import java.util.Locale;
import java.util.Optional;

/**
 * The short code a citizen reads out over the phone or types from a receipt: eight characters
 * shown as {@code XXXX-XXXX}, from an alphabet without look-alikes (no 0/O, 1/I/L, U/V), the last
 * one a check character so a single mistyped character or a swap of neighbours is caught
 * before any look-up.
 */
public final class TrackingCode {
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ";
    private static final int N = ALPHABET.length(); // 29, a prime: swaps of neighbours change the check
    private static final int LENGTH = 8;

    private TrackingCode() {
    }

    public static String generate() {
        StringBuilder body = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH - 1; i++) {
            body.append(ALPHABET.charAt(Ids.random().nextInt(N)));
        }
        body.append(checkCharacter(body));
        return format(body.toString());
    }

    /**
     * The code a seed of at least eight bytes stands for (see IdempotencyKeys): its first eight
     * bytes as an unsigned number, reduced to the 29^7 possible bodies, so every code is about as
     * likely as with {@link #generate()} (the reduction's bias is below one in a billion).
     */
    public static String fromSeed(byte[] seed) {
        if (seed.length < Long.BYTES) {
            throw new IllegalArgumentException("A tracking code's seed has at least 8 bytes");
        }
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (seed[i] & 0xFF);
        }
        long bodies = 1;
        for (int i = 0; i < LENGTH - 1; i++) {
            bodies *= N;
        }
        long rest = Long.remainderUnsigned(value, bodies);
        char[] body = new char[LENGTH - 1];
        for (int i = body.length - 1; i >= 0; i--) {
            body[i] = ALPHABET.charAt((int) (rest % N));
            rest /= N;
        }
        String compact = new String(body);
        return format(compact + checkCharacter(compact));
    }

    /**
     * Accepts what people type: any case, with or without the dash or spaces. Returns the
     * canonical {@code XXXX-XXXX} form, or empty when it cannot be a tracking code.
     */
    public static Optional<String> normalize(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String compact = input.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (compact.length() != LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(compact.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        if (checkCharacter(compact.substring(0, LENGTH - 1)) != compact.charAt(LENGTH - 1)) {
            return Optional.empty();
        }
        return Optional.of(format(compact));
    }

    private static char checkCharacter(CharSequence body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum += (i + 1) * ALPHABET.indexOf(body.charAt(i));
        }
        return ALPHABET.charAt(sum % N);
    }

    private static String format(String compact) {
        return compact.substring(0, 4) + "-" + compact.substring(4);
    }
}
