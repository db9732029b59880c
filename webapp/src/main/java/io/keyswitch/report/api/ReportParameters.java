package io.keyswitch.report.api;

import io.keyswitch.platform.ValidationFailed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters a report request may have: the filter's ({@code from}, {@code to}, {@code account},
 * {@code project}, {@code device}, {@code user}, read by {@link io.keyswitch.report.ReportFilter#parse}) and the page's
 * ({@code after}, {@code limit}), each at most once. Anything else is refused (400) with the parameter named, so that
 * a typo ({@code devcie=7}) never silently widens a report.
 */
final class ReportParameters {

    static final Set<String> FILTER = Set.of("from", "to", "account", "project", "device", "user");
    static final Set<String> PAGE = Set.of("after", "limit");

    private ReportParameters() {
    }

    /** The filter's parameters, after checking that every parameter is known and given once. */
    static Map<String, String> filter(Map<String, List<String>> query, boolean paged) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> filter = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (!FILTER.contains(name) && !(paged && PAGE.contains(name))) {
                errors.put(name, name + " is not a parameter of this request; it takes " + known(paged) + ".");
            } else if (values.size() > 1) {
                errors.put(name, name + " is given " + values.size() + " times; give it once.");
            } else if (FILTER.contains(name)) {
                filter.put(name, values.isEmpty() ? null : values.get(0));
            }
        });
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return filter;
    }

    private static String known(boolean paged) {
        return paged ? "from, to, account, project, device, user, after and limit" : "from, to, account, project, device and user";
    }
}
