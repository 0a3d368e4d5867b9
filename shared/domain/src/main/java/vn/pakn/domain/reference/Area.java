package vn.pakn.domain.reference;

/**
 * An administrative area. Areas form a tree of any depth (province -> commune since the
 * July 2025 reform, but nothing here assumes two levels).
 *
 * @param parentCode null for a root (a province)
 * @param centroidLat null when unknown
 */
public record Area(String code, String name, String level, String parentCode,
                   Double centroidLat, Double centroidLon) {
}
