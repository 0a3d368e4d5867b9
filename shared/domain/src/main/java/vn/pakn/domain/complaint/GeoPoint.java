package vn.pakn.domain.complaint;

/** WGS84 coordinates as the phone reported them. */
public record GeoPoint(double lat, double lon) {
    public static boolean isValid(double lat, double lon) {
        return Double.isFinite(lat) && Double.isFinite(lon)
                && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
    }

    /** About 100 m: precise enough to find the street, too coarse to find the house. */
    public GeoPoint rounded() {
        return new GeoPoint(Math.round(lat * 1000) / 1000.0, Math.round(lon * 1000) / 1000.0);
    }
}
