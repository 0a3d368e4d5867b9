package vn.pakn.domain.reference;

/**
 * A body that works complaints: a commune People's Committee, a provincial department, a utility.
 *
 * @param level    "commune", "province", "utility", ... (free text: provinces organise differently)
 * @param parentId the agency complaints escalate to; null for the top (the province's triage team)
 * @param areaCode the area it serves
 * @param enabled  a disabled agency keeps its history but receives nothing new
 */
public record Agency(String id, String name, String level, String parentId, String areaCode, boolean enabled) {
}
