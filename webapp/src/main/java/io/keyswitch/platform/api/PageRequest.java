package io.keyswitch.platform.api;

import io.keyswitch.platform.ValidationFailed;

/**
 * The paging every list of the API takes, from its query parameters {@code page} (0-based) and {@code size} (1 to
 * {@link Paged#MAX_SIZE}). The first item of the page, {@code page × size}, is what the database is asked for, so it
 * must stay an {@code int}: a page beyond that is refused with 400, as is a page or size that is not a whole number
 * (by {@link StrictParameters}, before the list is even asked for).
 *
 * @param first the index of the page's first item in the whole list
 */
public record PageRequest(int page, int size, int first) {

    /** The page asked for; 400 ({@link ValidationFailed}) when it is out of range. */
    public static PageRequest of(Integer page, Integer size) {
        if (page == null || page < 0) {
            throw ValidationFailed.of("page", "page starts at 0.");
        }
        if (size == null || size < 1 || size > Paged.MAX_SIZE) {
            throw ValidationFailed.of("size", "size is 1 to " + Paged.MAX_SIZE + ".");
        }
        long first = (long) page * size;
        if (first > Integer.MAX_VALUE) {
            throw ValidationFailed.of("page", "With size " + size + ", page is at most " + Integer.MAX_VALUE / size + ".");
        }
        return new PageRequest(page, size, (int) first);
    }
}
