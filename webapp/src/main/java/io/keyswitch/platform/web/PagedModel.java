package io.keyswitch.platform.web;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * A PrimeFaces lazy table over a service's count and page queries: the database counts, filters
 * (the table's global filter), sorts and cuts the page; the table never holds more than one page.
 */
public final class PagedModel<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;

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

    private final Counter counter;
    private final Pager<T> pager;
    private final Key<T> key;

    public PagedModel(Counter counter, Pager<T> pager, Key<T> key) {
        this.counter = counter;
        this.pager = pager;
        this.key = key;
    }

    @Override
    public int count(Map<String, FilterMeta> filters) {
        return (int) Math.min(Integer.MAX_VALUE, counter.count(filterText(filters)));
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sorts, Map<String, FilterMeta> filters) {
        SortMeta sort = sorts.values().stream().findFirst().orElse(null);
        return pager.page(filterText(filters), sort == null ? null : sort.getField(),
                sort == null || sort.getOrder() != SortOrder.DESCENDING, first, pageSize);
    }

    @Override
    public String getRowKey(T row) {
        return String.valueOf(key.of(row));
    }

    /** The text of a table's global filter ({@code globalFilter}), or null. */
    public static String filterText(Map<String, FilterMeta> filters) {
        FilterMeta global = filters.get("globalFilter");
        return global == null || global.getFilterValue() == null ? null : global.getFilterValue().toString();
    }
}
