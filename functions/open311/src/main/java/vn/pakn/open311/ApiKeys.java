package vn.pakn.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Open311 clients allowed to submit, from {@code OPEN311_API_KEYS}: comma-separated
 * {@code <client>:<sha256 of the key, hex>} pairs. Only hashes are configured, so the template,
 * the function's environment and its logs never hold a usable key; the client name is what the
 * complaint and the logs record instead of the key.
 */
public final class ApiKeys {
    private static final Pattern CLIENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    /** Far above any real key; bounds the hashing work an anonymous caller can ask for. */
    private static final int MAX_KEY_LENGTH = 256;

    private record Entry(String client, byte[] hash) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @param configured the variable's value; blank means no client may submit
     * @throws IllegalStateException when malformed: better no start than keys silently ignored
     */
    public static ApiKeys parse(String configured) {
        List<Entry> entries = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            for (String pair : configured.split(",")) {
                String p = pair.trim();
                int colon = p.indexOf(':');
                String client = colon < 0 ? "" : p.substring(0, colon).trim();
                String hash = colon < 0 ? "" : p.substring(colon + 1).trim().toLowerCase(java.util.Locale.ROOT);
                if (!CLIENT.matcher(client).matches() || !HASH.matcher(hash).matches()) {
                    throw new IllegalStateException("OPEN311_API_KEYS must be comma-separated <client>:<sha256 hex>"
                            + " pairs, client in [a-z0-9-], 1-40 characters; entry " + (entries.size() + 1)
                            + " is not");
                }
                entries.add(new Entry(client, HexFormat.of().parseHex(hash)));
            }
        }
        return new ApiKeys(entries);
    }

    /** The client this key belongs to; every configured hash is compared, in constant time each. */
    public Optional<String> clientFor(String apiKey) {
        if (apiKey == null || apiKey.isEmpty() || apiKey.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        byte[] hash = sha256(apiKey);
        String found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(hash, e.hash()) && found == null) {
                found = e.client();
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The configuration entry for a key, as an operator writes it into {@code OPEN311_API_KEYS}. */
    public static String entryFor(String client, String apiKey) {
        return client + ":" + HexFormat.of().formatHex(sha256(apiKey));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
