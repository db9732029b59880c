package io.keyswitch.report.web;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the report page is in a keyed list: the key each page shown so far started after (the first: none), and the
 * key the next page starts after (none on the last page). Next pushes that key, Previous pops one: no offset and no
 * count is ever asked for, so page 1,000 of ten million rows costs what page 1 does.
 */
final class KeyedPages implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ArrayList<String> starts = new ArrayList<>(List.of(""));
    private String following;

    /** The key the page shown starts after; null for the first page. */
    String after() {
        String key = starts.get(starts.size() - 1);
        return key.isEmpty() ? null : key;
    }

    /** 0 for the first page. */
    int index() {
        return starts.size() - 1;
    }

    /** The page shown was read: {@code next} is the key its following page starts after (null: it was the last). */
    void seen(String next) {
        following = next;
    }

    /** The key the following page starts after, null on the last page. */
    String following() {
        return following;
    }

    /** Goes to the following page; false on the last page. */
    boolean next() {
        if (following == null) {
            return false;
        }
        starts.add(following);
        following = null;
        return true;
    }

    /** Back one page (stays on the first). */
    void previous() {
        if (starts.size() > 1) {
            starts.remove(starts.size() - 1);
        }
        following = null;
    }

    /** Back to the newest rows. */
    void first() {
        starts.subList(1, starts.size()).clear();
        following = null;
    }

    /** "Rows 51–100, more follow" for page {@code index} of {@code size} rows showing {@code shown}; "No rows match." */
    static String position(int index, int size, int shown, boolean more) {
        if (shown == 0) {
            return index == 0 ? "No rows match." : "No more rows.";
        }
        long first = (long) index * size + 1;
        return "Rows " + first + "–" + (first + shown - 1) + (more ? ", more follow" : ", the last");
    }
}
