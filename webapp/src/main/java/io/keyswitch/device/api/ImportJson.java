package io.keyswitch.device.api;

import io.keyswitch.device.DeviceImport;
import java.util.List;

/** The answer to an import: what the file holds, whether it was stored, and every bad line (at most 1,000 shown). */
public record ImportJson(long lines, int devices, long components, boolean imported, long problemCount,
                         List<Problem> problems) {

    /** A bad line (0: the file as a whole). */
    public record Problem(long line, String message) {
    }

    static ImportJson of(DeviceImport.Check check, boolean imported) {
        return new ImportJson(check.rows(), check.devices(), check.components(), imported && check.ok(), check.errorCount(),
                check.errors().stream().map(e -> new Problem(e.line(), e.message())).toList());
    }
}
