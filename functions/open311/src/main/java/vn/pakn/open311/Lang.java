package vn.pakn.open311;

import java.util.Locale;
import vn.pakn.domain.error.LocalizedText;

/**
 * The language of names and messages: Vietnamese unless the client asks for English, with a
 * {@code locale} parameter ({@code vi}, {@code en}, {@code en_US}, ...) or an Accept-Language header
 * preferring English over Vietnamese. GeoReport v2 has no language mechanism of its own.
 */
public enum Lang {
    VI, EN;

    public String pick(LocalizedText text) {
        return this == EN ? text.en() : text.vi();
    }

    public String pick(String vi, String en) {
        return this == EN ? en : vi;
    }

    /** @param localeParameter the {@code locale} query parameter, may be null; it wins over the header */
    public static Lang of(String localeParameter, String acceptLanguage) {
        if (localeParameter != null && !localeParameter.isBlank()) {
            return primary(localeParameter).equals("en") ? EN : VI;
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return VI;
        }
        double vi = -1;
        double en = -1;
        for (String range : acceptLanguage.split(",")) {
            String[] parts = range.trim().split(";");
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String tag = primary(parts[0]);
            if (tag.equals("vi")) {
                vi = Math.max(vi, q);
            } else if (tag.equals("en")) {
                en = Math.max(en, q);
            }
        }
        return en > 0 && en > vi ? EN : VI;
    }

    private static String primary(String tag) {
        String t = tag.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        int dash = t.indexOf('-');
        return dash < 0 ? t : t.substring(0, dash);
    }
}
