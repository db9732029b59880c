package io.keyswitch.platform.api;

import java.util.List;

/**
 * One page of a list: every list of the API is paged ({@link PageRequest}).
 *
 * @param page  0-based page number
 * @param size  items per page (1 to {@link #MAX_SIZE})
 * @param total items in the whole list
 */
public record Paged<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    /** The page {@code request} asked for, holding {@code items}, of a list of {@code total}. */
    public static <T> Paged<T> of(List<T> items, PageRequest request, long total) {
        return new Paged<>(items, request.page(), request.size(), total);
    }

    /** One page cut from a whole list that is small by nature (an account's groups, a device's components). */
    public static <T> Paged<T> slice(List<T> all, PageRequest request) {
        int from = Math.min(request.first(), all.size());
        return of(List.copyOf(all.subList(from, Math.min(from + request.size(), all.size()))), request, all.size());
    }
}
