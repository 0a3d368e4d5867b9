package vn.pakn.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.pakn.local.aws.SamTemplate;

/**
 * A well-known Open311 api_key for local runs only: the template's {@value #PARAMETER} is empty by
 * default (no client may submit), so the local runtime configures this one key, as an operator
 * configures real clients' keys in a deployment (docs/open311.md). Anyone can read it here: it opens
 * nothing but this machine's own runtime.
 */
public final class LocalOpen311 {
    /** The template parameter holding {@code <client>:<sha256 hex>} pairs. */
    static final String PARAMETER = "Open311ApiKeys";
    public static final String DEV_CLIENT = "local-dev";
    public static final String DEV_API_KEY = "pakn-local-open311-key";

    private LocalOpen311() {}

    /** The overrides plus the local key, unless the caller configured the parameter or the template lacks it. */
    static Map<String, String> withDevApiKey(SamTemplate template, Map<String, String> overrides) {
        if (!template.parameters().containsKey(PARAMETER) || overrides.containsKey(PARAMETER)) {
            return overrides;
        }
        Map<String, String> out = new LinkedHashMap<>(overrides);
        out.put(PARAMETER, DEV_CLIENT + ":" + sha256Hex(DEV_API_KEY));
        return out;
    }

    /** True when the running deployment accepts {@link #DEV_API_KEY}. */
    static boolean devApiKeyActive(vn.pakn.local.aws.LocalDeployment deployment) {
        return deployment.template().parameters().containsKey(PARAMETER)
                && String.valueOf(deployment.parameter(PARAMETER)).contains(DEV_CLIENT + ":" + sha256Hex(DEV_API_KEY));
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
