package vn.pakn.local.aws;

import java.util.Map;

/**
 * One entry of a function's {@code Events}.
 *
 * @param properties unresolved, as in the template
 */
public record EventSpec(String name, String type, Map<String, Object> properties) {}
