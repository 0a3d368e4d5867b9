package vn.pakn.aws.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.pakn.aws.json.Json;
import vn.pakn.domain.error.LocalizedText;
import vn.pakn.domain.reference.Agency;
import vn.pakn.domain.reference.Category;

/**
 * Loads reference data from files shaped like infra/seed/categories.json and a province file
 * such as infra/seed/demo-bac-ninh.json. A file is read and checked whole before anything is
 * written (see {@link ProvinceFile}); re-running it writes the same items again, so it is safe to
 * run on every start. It adds and overwrites, never deletes: an entry removed from a file stays in
 * the table until an administrator removes it.
 */
public final class ReferenceImporter {
    private final DynamoDbClient dynamo;
    private final String table;

    public ReferenceImporter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** @return how many categories were written */
    public int importCategories(InputStream categoriesJson) throws IOException {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (JsonNode c : Json.MAPPER.readTree(categoriesJson).path("categories")) {
            items.add(ReferenceItems.categoryItem(new Category(text(c, "code"),
                    new LocalizedText(text(c, "vi"), text(c, "en")),
                    c.path("ackHours").asInt(24), c.path("resolveDays").asInt(10),
                    c.path("photoRequired").asBoolean(false), c.path("publicFeed").asBoolean(true),
                    c.path("escalateWhenOverdue").asBoolean(false))));
        }
        write(items);
        return items.size();
    }

    /**
     * Only the areas of a province file (the whole file is still checked).
     *
     * @return how many areas were written
     */
    public int importAreas(InputStream provinceJson) throws IOException {
        ProvinceFile province = ProvinceFile.parse(provinceJson);
        write(province.areas().stream().map(ReferenceItems::areaItem).toList());
        return province.areas().size();
    }

    /**
     * A whole province file: areas, agencies, routing rules (expanded) and holidays. Agencies'
     * fields are written without touching the queues recorded on them; no queue is created.
     *
     * @throws ProvinceFile.InvalidProvinceFileException before writing anything, when the file is inconsistent
     */
    public ProvinceFile importProvince(InputStream provinceJson) throws IOException {
        DynamoAgencies agencies = new DynamoAgencies(dynamo, table);
        return importProvince(provinceJson, agency -> agencies.save(agency, null));
    }

    /**
     * As {@link #importProvince(InputStream)}, with each agency saved by {@code saveAgency}, e.g.
     * {@code AgencyProvisioning::save}, which creates the queues of enabled agencies. Agencies are
     * saved after the areas they serve and before the rules that name them.
     */
    public ProvinceFile importProvince(InputStream provinceJson, Consumer<Agency> saveAgency) throws IOException {
        ProvinceFile province = ProvinceFile.parse(provinceJson);
        write(province.areas().stream().map(ReferenceItems::areaItem).toList());
        province.agencies().forEach(saveAgency);
        write(province.rules().stream().map(ReferenceItems::ruleItem).toList());
        write(province.holidays().stream().map(h -> ReferenceItems.holidayItem(h.date(), h.name())).toList());
        return province;
    }

    private void write(List<Map<String, AttributeValue>> items) {
        BatchWrites.putAll(dynamo, table, items, 8, "the reference data import");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("Reference data entry lacks \"" + field + "\": " + node);
        }
        return value.asText();
    }
}
