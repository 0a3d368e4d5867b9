package vn.pakn.aws.http;

import vn.pakn.domain.error.InputError;

/** The {@code limit} query parameter of a paginated listing: how many items one page holds. */
public final class PageLimit {

    private PageLimit() {
    }

    /**
     * @param value the parameter as sent; blank or absent means {@code defaultLimit}
     * @throws InputError 400 {@code out_of_range} (field {@code limit}) unless a whole number from 1 to {@code max}
     */
    public static int parse(String value, int defaultLimit, int max) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw InputError.invalid("out_of_range", "limit",
                "Số phản ánh mỗi trang từ 1 đến " + max + ".",
                "The page size must be from 1 to " + max + ".");
    }
}
