package io.keyswitch.platform.web;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.component.UIComponent;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.primefaces.component.columntoggler.ColumnToggler;
import org.primefaces.event.ColumnToggleEvent;
import org.primefaces.model.Visibility;

/**
 * The columns a person chose to hide in the big tables (a {@code p:columnToggler} per table), remembered for the
 * session: a column is {@code visible="#{tableColumns.visible('devices', 'serialNumber')}"}, and the toggler's
 * {@code toggle} event calls {@link #toggled}. Tables and columns are named by their component ids.
 */
@Named
@SessionScoped
public class TableColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, Set<String>> hidden = new ConcurrentHashMap<>();

    /** Whether the column {@code column} of the table {@code table} is shown (all are, until hidden). */
    public boolean visible(String table, String column) {
        return !hidden.getOrDefault(table, Set.of()).contains(column);
    }

    /** A column was shown or hidden with the table's column chooser. */
    public void toggled(ColumnToggleEvent event) {
        String table = ((ColumnToggler) event.getComponent()).getDataSourceComponent().getId();
        String column = ((UIComponent) event.getColumn()).getId();
        Set<String> columns = hidden.computeIfAbsent(table, t -> ConcurrentHashMap.newKeySet());
        if (event.getVisibility() == Visibility.HIDDEN) {
            columns.add(column);
        } else {
            columns.remove(column);
        }
    }
}
