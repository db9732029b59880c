package io.keyswitch.platform.web;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * A PrimeFaces lazy table over a service's count and page queries (the one lazy table model of the pages; the
 * services build those queries with {@code AccountScopedQuery}): the database counts, filters (the table's global
 * filter, or its columns' filters: {@link #byColumns}), sorts and cuts the page; the table never holds more than one
 * page.
 */
public final class PagedModel<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;
    private static final String GLOBAL = "globalFilter";

    /** How many rows match the filter (null: none). */
    @FunctionalInterface
    public interface Counter extends Serializable {
        long count(String filter);
    }

    /** One page of rows matching the filter, sorted by a field (null: the default order). */
    @FunctionalInterface
    public interface Pager<T> extends Serializable {
        List<T> page(String filter, String sortField, boolean ascending, int first, int size);
    }

    /** The row's key, unique in the table. */
    @FunctionalInterface
    public interface Key<T> extends Serializable {
        Object of(T row);
    }

    /** How many rows match the columns' filters (each column's typed text by its {@code field}). */
    @FunctionalInterface
    public interface ColumnCounter extends Serializable {
        long count(Map<String, String> filters);
    }

    /** One page of rows matching the columns' filters, in the list's own order. */
    @FunctionalInterface
    public interface ColumnPager<T> extends Serializable {
        List<T> page(Map<String, String> filters, int first, int size);
    }

    private final ColumnCounter counter;
    private final Pager<T> pager;
    private final ColumnPager<T> columnPager;
    private final Key<T> key;

    /** A table with a global filter ({@code globalFilter} in its header) and sortable columns. */
    public PagedModel(Counter counter, Pager<T> pager, Key<T> key) {
        this(filters -> counter.count(filters.get(GLOBAL)), pager, null, key);
    }

    private PagedModel(ColumnCounter counter, Pager<T> pager, ColumnPager<T> columnPager, Key<T> key) {
        this.counter = counter;
        this.pager = pager;
        this.columnPager = columnPager;
        this.key = key;
    }

    /** A table filtered column by column ({@code filterBy} with a {@code field}), in the list's own order. */
    public static <T> PagedModel<T> byColumns(ColumnCounter counter, ColumnPager<T> pager, Key<T> key) {
        return new PagedModel<>(counter, null, pager, key);
    }

    @Override
    public int count(Map<String, FilterMeta> filters) {
        return (int) Math.min(Integer.MAX_VALUE, counter.count(texts(filters)));
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sorts, Map<String, FilterMeta> filters) {
        if (columnPager != null) {
            return columnPager.page(texts(filters), first, pageSize);
        }
        SortMeta sort = sorts.values().stream().findFirst().orElse(null);
        return pager.page(filterText(filters), sort == null ? null : sort.getField(),
                sort == null || sort.getOrder() != SortOrder.DESCENDING, first, pageSize);
    }

    /** Each filter's text by its field (the global filter's as {@code globalFilter}); blank ones left out. */
    private static Map<String, String> texts(Map<String, FilterMeta> filters) {
        Map<String, String> texts = new HashMap<>();
        filters.forEach((field, meta) -> {
            if (meta.getFilterValue() != null && !meta.getFilterValue().toString().isBlank()) {
                texts.put(field, meta.getFilterValue().toString());
            }
        });
        return texts;
    }

    @Override
    public String getRowKey(T row) {
        return String.valueOf(key.of(row));
    }

    /** The text of a table's global filter ({@code globalFilter}), or null. */
    private static String filterText(Map<String, FilterMeta> filters) {
        FilterMeta global = filters.get(GLOBAL);
        return global == null || global.getFilterValue() == null ? null : global.getFilterValue().toString();
    }
}
