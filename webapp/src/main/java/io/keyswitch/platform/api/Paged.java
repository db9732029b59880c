package io.keyswitch.platform.api;

import io.keyswitch.platform.ValidationFailed;
import java.util.List;

/**
 * One page of a list: every list of the API is paged.
 *
 * @param page  0-based page number
 * @param size  items per page (1 to {@link #MAX_SIZE})
 * @param total items in the whole list
 */
public record Paged<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    /** One page cut from a whole list that is small by nature (an account's groups or grants). */
    public static <T> Paged<T> slice(List<T> all, int page, int size) {
        check(page, size);
        int from = (int) Math.min((long) page * size, all.size());
        return new Paged<>(List.copyOf(all.subList(from, Math.min(from + size, all.size()))), page, size, all.size());
    }

    /** Checks the paging parameters; 400 with a message when they are out of range. */
    public static void check(int page, int size) {
        if (page < 0) {
            throw ValidationFailed.of("page", "page starts at 0.");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ValidationFailed.of("size", "size is 1 to " + MAX_SIZE + ".");
        }
    }
}
