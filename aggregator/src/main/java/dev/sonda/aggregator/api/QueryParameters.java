package dev.sonda.aggregator.api;

import java.util.regex.Pattern;

/**
 * Parses query parameters that resources take as strings. A parameter declared as a number would be
 * converted by JAX-RS, which returns 404 with an empty body when the conversion fails. Parsing here
 * returns the documented 400 with a JSON error body instead.
 */
final class QueryParameters {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    /** Maximum number of characters of a rejected value that an error message repeats. */
    private static final int MAX_QUOTED_CHARS = 64;

    private QueryParameters() {
    }

    /**
     * Parses a {@code limit} parameter.
     *
     * @return the limit, or {@code null} when the parameter is absent or blank
     * @throws ApiException with status 400 when the value is not an integer from 1 to
     *     {@link Integer#MAX_VALUE}
     */
    static Integer limit(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (!INTEGER.matcher(text).matches()) {
            throw ApiException.badRequest("limit " + quote(text) + " is not a whole number; use an integer from 1 to "
                    + Integer.MAX_VALUE);
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit " + quote(text) + " is out of range; use an integer from 1 to "
                    + Integer.MAX_VALUE);
        }
        if (limit < 1) {
            throw ApiException.badRequest("limit must be at least 1, was " + limit);
        }
        return limit;
    }

    private static String quote(String value) {
        return value.length() > MAX_QUOTED_CHARS ? value.substring(0, MAX_QUOTED_CHARS) + "..." : value;
    }
}
