package vn.pakn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * DynamoDB write request units of one item write, by the rules AWS bills on-demand writes with,
 * from the item as stored before and after the write (DynamoDB JSON). DynamoDB Local reports
 * capacity too, but not per item for transactions, which pakn uses for nearly every write; these
 * rules are applied instead, and DynamoDB Local's own figure is kept beside as a cross-check.
 *
 * <ul>
 *   <li>the table: one unit per started KiB of the larger of the two images (a delete: the old
 *       one; nothing to delete still costs one), twice that in a transaction;</li>
 *   <li>each global secondary index: nothing when the item is in the index neither before nor
 *       after, or when no projected attribute changed; a put when it enters the index or a projected
 *       attribute changes; a delete when it leaves it; both when an index key changes. Each costs
 *       one unit per started KiB of the index entry (its projected attributes). Index writes are
 *       counted once, not doubled in transactions: an assumption, see docs/performance.md.</li>
 * </ul>
 */
final class WriteUnits {

    /** A table's keys and indexes, as DescribeTable gives them. */
    record Schema(List<String> tableKeys, List<Index> indexes) {
    }

    /** @param include the projected non-key attributes for INCLUDE; null for ALL, empty for KEYS_ONLY */
    record Index(String name, List<String> keys, List<String> include) {
    }

    /** Units for the table and for each index name. */
    record Units(double table, Map<String, Double> indexes) {
    }

    private WriteUnits() {
    }

    static Schema schema(JsonNode describeTable) {
        JsonNode table = describeTable.path("Table");
        List<String> keys = keys(table.path("KeySchema"));
        List<Index> indexes = new ArrayList<>();
        for (JsonNode gsi : table.path("GlobalSecondaryIndexes")) {
            JsonNode projection = gsi.path("Projection");
            String type = projection.path("ProjectionType").asText("ALL");
            List<String> include = null;
            if (!type.equals("ALL")) {
                include = new ArrayList<>();
                for (JsonNode a : projection.path("NonKeyAttributes")) {
                    include.add(a.asText());
                }
            }
            indexes.add(new Index(gsi.path("IndexName").asText(), keys(gsi.path("KeySchema")), include));
        }
        return new Schema(keys, indexes);
    }

    private static List<String> keys(JsonNode keySchema) {
        List<String> out = new ArrayList<>();
        for (JsonNode k : keySchema) {
            out.add(k.path("AttributeName").asText());
        }
        return out;
    }

    /** @param before the item before the write, null if there was none; after likewise */
    static Units of(JsonNode before, JsonNode after, Schema schema, boolean transactional) {
        long size = Math.max(size(before), size(after));
        double table = Math.max(1, kib(size)) * (transactional ? 2 : 1);
        Map<String, Double> indexes = new java.util.LinkedHashMap<>();
        for (Index index : schema.indexes()) {
            boolean was = hasAll(before, index.keys());
            boolean is = hasAll(after, index.keys());
            double units = 0;
            if (was && is) {
                if (!sameValues(before, after, index.keys())) {
                    units = kib(entrySize(before, index, schema)) + kib(entrySize(after, index, schema));
                } else if (!sameValues(before, after, projected(after, index, schema))
                        || !sameValues(before, after, projected(before, index, schema))) {
                    units = kib(entrySize(after, index, schema));
                }
            } else if (is) {
                units = kib(entrySize(after, index, schema));
            } else if (was) {
                units = kib(entrySize(before, index, schema));
            }
            if (units > 0) {
                indexes.put(index.name(), units);
            }
        }
        return new Units(table, indexes);
    }

    private static long kib(long bytes) {
        return (bytes + 1023) / 1024;
    }

    private static boolean hasAll(JsonNode item, List<String> attributes) {
        if (item == null) {
            return false;
        }
        for (String a : attributes) {
            if (!item.has(a)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValues(JsonNode a, JsonNode b, List<String> attributes) {
        for (String name : attributes) {
            if (!Objects.equals(a.get(name), b.get(name))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> projected(JsonNode item, Index index, Schema schema) {
        List<String> names = new ArrayList<>(schema.tableKeys());
        names.addAll(index.keys());
        if (index.include() == null) {
            item.fieldNames().forEachRemaining(names::add);
        } else {
            names.addAll(index.include());
        }
        return names;
    }

    private static long entrySize(JsonNode item, Index index, Schema schema) {
        long size = 0;
        for (String name : new java.util.LinkedHashSet<>(projected(item, index, schema))) {
            JsonNode value = item.get(name);
            if (value != null) {
                size += utf8(name) + valueSize(value);
            }
        }
        return size;
    }

    /** An item's size as DynamoDB counts it: attribute names plus values. */
    static long size(JsonNode item) {
        if (item == null) {
            return 0;
        }
        long size = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            size += utf8(f.getKey()) + valueSize(f.getValue());
        }
        return size;
    }

    private static long valueSize(JsonNode typed) {
        Map.Entry<String, JsonNode> only = typed.fields().next();
        JsonNode v = only.getValue();
        switch (only.getKey()) {
            case "S":
                return utf8(v.asText());
            case "N":
                return numberSize(v.asText());
            case "B":
                return (long) Math.ceil(v.asText().length() * 3 / 4.0);
            case "BOOL":
            case "NULL":
                return 1;
            case "SS": {
                long s = 0;
                for (JsonNode e : v) {
                    s += utf8(e.asText());
                }
                return s;
            }
            case "NS": {
                long s = 0;
                for (JsonNode e : v) {
                    s += numberSize(e.asText());
                }
                return s;
            }
            case "L": {
                long s = 3;
                for (JsonNode e : v) {
                    s += 1 + valueSize(e);
                }
                return s;
            }
            case "M": {
                long s = 3;
                Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    s += 1 + utf8(f.getKey()) + valueSize(f.getValue());
                }
                return s;
            }
            default:
                return utf8(v.toString());
        }
    }

    /** About one byte per two significant digits, plus one. */
    private static long numberSize(String number) {
        String digits = number.replaceAll("[^0-9]", "").replaceAll("^0+", "").replaceAll("0+$", "");
        return Math.max(1, (digits.length() + 1) / 2) + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
