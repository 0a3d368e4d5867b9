package vn.pakn.aws.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Area;
import vn.pakn.domain.reference.RoutingRule;

/**
 * A province's reference data as a file states it (shaped like infra/seed/demo-bac-ninh.json),
 * checked as a whole and with its shorthand expanded, so that what gets written is consistent:
 * every parent, area and agency named exists, and neither areas nor agencies form a cycle.
 *
 * <p>Shorthand: a rule on area {@code "<code>-*"} stands for one rule on each child area of
 * {@code <code>}; agency {@value #COMMUNE_AGENCY} stands for the enabled agency serving that
 * area (its People's Committee).
 *
 * @param rules    expanded: one per (category, area)
 * @param holidays from every {@code holidaysYYYY} key, in date order
 */
public record ProvinceFile(String province, List<Area> areas, List<Agency> agencies, List<RoutingRule> rules,
                           List<Holiday> holidays) {
    public static final String COMMUNE_AGENCY = "UBND of the commune";
    /** Agency ids name queues ({@code <prefix><id>-dlq}, at most 80 characters with the prefix). */
    static final Pattern AGENCY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
    private static final String CHILDREN_SUFFIX = "-*";
    private static final Pattern HOLIDAYS_KEY = Pattern.compile("holidays(\\d{4})");

    /** @param name null when the file gives only the date */
    public record Holiday(LocalDate date, String name) {
    }

    public ProvinceFile {
        areas = List.copyOf(areas);
        agencies = List.copyOf(agencies);
        rules = List.copyOf(rules);
        holidays = List.copyOf(holidays);
    }

    /** @throws InvalidProvinceFileException listing every problem found, when there is any */
    public static ProvinceFile parse(InputStream json) throws IOException {
        return parse(Json.MAPPER.readTree(json));
    }

    /** @throws InvalidProvinceFileException listing every problem found, when there is any */
    public static ProvinceFile parse(JsonNode root) {
        return new Parser().parse(root);
    }

    /** The file is inconsistent; each problem names the entry at fault. */
    public static final class InvalidProvinceFileException extends IllegalArgumentException {
        private final List<String> problems;

        InvalidProvinceFileException(List<String> problems) {
            super("Province file rejected, nothing imported (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static final class Parser {
        private final List<String> problems = new ArrayList<>();
        private final Map<String, Area> areas = new LinkedHashMap<>();
        private final Map<String, Agency> agencies = new LinkedHashMap<>();

        ProvinceFile parse(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw new InvalidProvinceFileException(List.of("the file is not a JSON object"));
            }
            readAreas(root.path("areas"));
            String province = text(root, "province", "the file", false);
            if (province != null && !areas.containsKey(province)) {
                problems.add("province " + province + " is not one of the file's areas");
            }
            readAgencies(root.path("agencies"));
            List<RoutingRule> rules = readRules(root.path("rules"));
            List<Holiday> holidays = readHolidays(root);
            if (!problems.isEmpty()) {
                throw new InvalidProvinceFileException(problems);
            }
            return new ProvinceFile(province, List.copyOf(areas.values()), List.copyOf(agencies.values()), rules,
                    holidays);
        }

        private void readAreas(JsonNode list) {
            if (!list.isArray() || list.isEmpty()) {
                problems.add("\"areas\" must be a non-empty list");
                return;
            }
            for (JsonNode a : list) {
                String where = "area " + (a.hasNonNull("code") ? a.get("code").asText() : "#" + (areas.size() + 1));
                String code = text(a, "code", where, true);
                String name = text(a, "name", where, true);
                String level = text(a, "level", where, true);
                String parent = text(a, "parent", where, false);
                Double lat = null;
                Double lon = null;
                JsonNode centroid = a.path("centroid");
                if (!centroid.isMissingNode() && !centroid.isNull()) {
                    if (centroid.isArray() && centroid.size() == 2 && centroid.get(0).isNumber()
                            && centroid.get(1).isNumber()) {
                        lat = centroid.get(0).asDouble();
                        lon = centroid.get(1).asDouble();
                    } else {
                        problems.add(where + ": \"centroid\" must be [lat, lon]");
                    }
                }
                if (code == null) {
                    continue;
                }
                if (areas.putIfAbsent(code, new Area(code, name, level, parent, lat, lon)) != null) {
                    problems.add(where + " is listed twice");
                }
            }
            for (Area area : areas.values()) {
                if (area.parentCode() != null && !areas.containsKey(area.parentCode())) {
                    problems.add("area " + area.code() + ": parent " + area.parentCode()
                            + " is not an area of this file");
                }
            }
            reportCycles("area", areas.keySet(), code -> areas.get(code).parentCode());
        }

        private void readAgencies(JsonNode list) {
            if (list.isMissingNode() || list.isNull()) {
                return;
            }
            if (!list.isArray()) {
                problems.add("\"agencies\" must be a list");
                return;
            }
            for (JsonNode a : list) {
                String where = "agency " + (a.hasNonNull("id") ? a.get("id").asText() : "#" + (agencies.size() + 1));
                String id = text(a, "id", where, true);
                String name = text(a, "name", where, true);
                String level = text(a, "level", where, true);
                String parent = text(a, "parent", where, false);
                String area = text(a, "area", where, true);
                boolean enabled = true;
                if (a.has("enabled")) {
                    if (a.get("enabled").isBoolean()) {
                        enabled = a.get("enabled").asBoolean();
                    } else {
                        problems.add(where + ": \"enabled\" must be true or false");
                    }
                }
                if (id == null) {
                    continue;
                }
                if (!AGENCY_ID.matcher(id).matches()) {
                    problems.add(where + ": the id must be 1-48 lower-case letters, digits and hyphens"
                            + " (it names the agency's queues)");
                }
                if (area != null && !areas.containsKey(area)) {
                    problems.add(where + ": area " + area + " is not an area of this file");
                }
                if (agencies.putIfAbsent(id, new Agency(id, name, level, parent, area, enabled)) != null) {
                    problems.add(where + " is listed twice");
                }
            }
            for (Agency agency : agencies.values()) {
                if (agency.parentId() != null && !agencies.containsKey(agency.parentId())) {
                    problems.add("agency " + agency.id() + ": parent " + agency.parentId()
                            + " is not an agency of this file");
                }
            }
            reportCycles("agency", agencies.keySet(), id -> agencies.get(id).parentId());
        }

        private List<RoutingRule> readRules(JsonNode list) {
            Map<String, RoutingRule> rules = new LinkedHashMap<>();
            if (list.isMissingNode() || list.isNull()) {
                return List.of();
            }
            if (!list.isArray()) {
                problems.add("\"rules\" must be a list");
                return List.of();
            }
            int index = 0;
            for (JsonNode r : list) {
                index++;
                String category = text(r, "category", "rule #" + index, true);
                String area = text(r, "area", "rule #" + index, true);
                String agency = text(r, "agency", "rule #" + index, true);
                if (category == null || area == null || agency == null) {
                    continue;
                }
                String where = "rule #" + index + " (" + category + " in " + area + " -> " + agency + ")";
                for (String areaCode : areasOf(area, where)) {
                    String agencyId = agency.equals(COMMUNE_AGENCY) ? agencyServing(areaCode, where) : agency;
                    if (agencyId == null) {
                        continue;
                    }
                    if (!agencies.containsKey(agencyId)) {
                        problems.add(where + ": agency " + agencyId + " is not an agency of this file");
                        continue;
                    }
                    RoutingRule rule = new RoutingRule(category, areaCode, agencyId);
                    RoutingRule earlier = rules.putIfAbsent(ReferenceItems.ruleSk(category, areaCode), rule);
                    if (earlier != null) {
                        problems.add(where + ": " + category + " in " + areaCode + " already goes to "
                                + earlier.agencyId() + " by an earlier rule");
                    }
                }
            }
            return List.copyOf(rules.values());
        }

        /** The area itself, or each child of {@code <code>} for {@code <code>-*}. */
        private List<String> areasOf(String area, String where) {
            if (areas.containsKey(area)) {
                return List.of(area);
            }
            if (area.endsWith(CHILDREN_SUFFIX)) {
                String parent = area.substring(0, area.length() - CHILDREN_SUFFIX.length());
                if (!areas.containsKey(parent)) {
                    problems.add(where + ": " + parent + " is not an area of this file");
                    return List.of();
                }
                List<String> children = areas.values().stream()
                        .filter(a -> parent.equals(a.parentCode())).map(Area::code).toList();
                if (children.isEmpty()) {
                    problems.add(where + ": area " + parent + " has no child areas");
                }
                return children;
            }
            problems.add(where + ": area " + area + " is not an area of this file");
            return List.of();
        }

        private String agencyServing(String areaCode, String where) {
            List<String> serving = agencies.values().stream()
                    .filter(a -> a.enabled() && areaCode.equals(a.areaCode())).map(Agency::id).toList();
            if (serving.size() == 1) {
                return serving.get(0);
            }
            problems.add(where + ": " + (serving.isEmpty() ? "no enabled agency serves area " + areaCode
                    : "several enabled agencies serve area " + areaCode + " " + serving)
                    + ", so \"" + COMMUNE_AGENCY + "\" names none: name the agency in a rule of its own");
            return null;
        }

        private List<Holiday> readHolidays(JsonNode root) {
            Map<LocalDate, Holiday> holidays = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                Matcher key = HOLIDAYS_KEY.matcher(field.getKey());
                if (!key.matches()) {
                    continue;
                }
                int year = Integer.parseInt(key.group(1));
                if (!field.getValue().isArray()) {
                    problems.add("\"" + field.getKey() + "\" must be a list of dates");
                    continue;
                }
                for (JsonNode entry : field.getValue()) {
                    String where = field.getKey() + " entry " + entry;
                    String date = entry.isTextual() ? entry.asText() : text(entry, "date", where, true);
                    String name = entry.isObject() ? text(entry, "name", where, false) : null;
                    if (date == null) {
                        continue;
                    }
                    try {
                        LocalDate day = LocalDate.parse(date);
                        if (day.getYear() != year) {
                            problems.add(where + ": " + date + " is not in " + year);
                        } else {
                            holidays.put(day, new Holiday(day, name));
                        }
                    } catch (DateTimeException e) {
                        problems.add(where + ": " + date + " is not a date (YYYY-MM-DD)");
                    }
                }
            }
            return List.copyOf(holidays.values());
        }

        /** Walks each chain of parents; one that comes back to where it has been is a cycle. */
        private void reportCycles(String kind, Set<String> ids, java.util.function.Function<String, String> parentOf) {
            Set<String> reported = new LinkedHashSet<>();
            for (String start : ids) {
                List<String> path = new ArrayList<>();
                String current = start;
                while (current != null && ids.contains(current) && !path.contains(current)) {
                    path.add(current);
                    current = parentOf.apply(current);
                }
                if (current != null && path.contains(current)) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
                    if (reported.addAll(cycle)) {
                        cycle.add(current);
                        problems.add(kind + " parents form a cycle: " + String.join(" -> ", cycle));
                    }
                }
            }
        }

        /** A text field; {@code required} ones that are missing or blank are a problem, and null. */
        private String text(JsonNode node, String field, String where, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    problems.add(where + ": \"" + field + "\" is missing");
                }
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                problems.add(where + ": \"" + field + "\" must be a non-blank string");
                return null;
            }
            return value.asText();
        }
    }
}
