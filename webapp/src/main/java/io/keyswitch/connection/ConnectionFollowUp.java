package io.keyswitch.connection;

import java.util.List;
import java.util.Map;

/**
 * Role: what another feature records about connections after they closed (the technician's work report), shown in the
 * connections report next to each connection, so that connections need not know that feature. Implemented by the
 * feature that keeps it; the report asks once per page, for the page's connections, which the report has already
 * scoped to what its reader may see.
 */
public interface ConnectionFollowUp {

    /** The column's heading, e.g. "Work report". */
    String heading();

    /** The follow-up of each of {@code connectionIds} that has one, in words (e.g. "#12 final"), by connection id. */
    Map<Long, String> of(List<Long> connectionIds);
}
