package io.keyswitch.workreport.api;

import io.keyswitch.workreport.ExtraField;
import io.keyswitch.workreport.FieldValue;
import io.keyswitch.workreport.WorkReport;
import io.keyswitch.workreport.WorkReportVersion;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Work reports as the API shows and takes them; times are UTC ISO-8601, times worked in minutes. */
public final class WorkReportJson {

    private WorkReportJson() {
    }

    /**
     * What the author writes (PUT): all of it each time, as the form sends it; {@code fields} the values of the
     * account's own fields by name, as text (a number {@code "12.5"}, a date {@code "2026-12-03"}, one of a choice's
     * choices).
     */
    public record ReportIn(String whatWasDone, String orderNumber, Integer setupMinutes, Integer travelMinutes,
                           Integer workingMinutes, List<FieldIn> fields) {

        Map<String, String> fieldMap() {
            Map<String, String> map = new LinkedHashMap<>();
            if (fields != null) {
                fields.forEach(f -> map.put(f.name() == null ? "" : f.name(), f.value()));
            }
            return map;
        }
    }

    /** One field's value as the author gives it. */
    public record FieldIn(String name, String value) {
    }

    /** A field's value in a report, with the field's kind when it was written. */
    public record FieldOut(String name, String kind, String value) {
        static List<FieldOut> of(List<FieldValue> values) {
            return values.stream().map(v -> new FieldOut(v.name(), v.kind().name(), v.value())).toList();
        }
    }

    /**
     * A work report: {@code state} OPEN (not written) or WRITTEN; {@code finalized} once its author's window
     * ({@code editUntil}) has passed; the connection's technician, device, project and times as they were.
     */
    public record ReportOut(long id, long connectionId, Long userId, String technician, Long deviceId, String device,
                            Long projectId, String project, String connectedAt, String closedAt, String state,
                            boolean finalized, String editUntil, String whatWasDone, String orderNumber, Integer setupMinutes,
                            Integer travelMinutes, Integer workingMinutes, List<FieldOut> fields, String writtenAt,
                            String updatedAt, int versions) {
        static ReportOut of(WorkReport r, Instant now) {
            return new ReportOut(r.getId(), r.getConnectionId(), r.getUserId(), r.getUserName(), r.getDeviceId(),
                    r.getDeviceName(), r.getProjectId(), r.getProjectName(), text(r.getOpenedAt()), text(r.getClosedAt()),
                    r.getState().name(), r.isFinal(now), text(r.getEditUntil()), r.getWhatWasDone(), r.getOrderNumber(),
                    r.getSetupMinutes(), r.getTravelMinutes(), r.getWorkingMinutes(), FieldOut.of(r.fieldValues()),
                    text(r.getWrittenAt()), text(r.getUpdatedAt()), r.getVersions());
        }
    }

    /** One version of a report, as its author wrote it. */
    public record VersionOut(int number, String writtenAt, Long authorId, String author, String whatWasDone,
                             String orderNumber, Integer setupMinutes, Integer travelMinutes, Integer workingMinutes,
                             List<FieldOut> fields) {
        static VersionOut of(WorkReportVersion v) {
            return new VersionOut(v.getNumber(), text(v.getWrittenAt()), v.getAuthorId(), v.getAuthorName(),
                    v.getWhatWasDone(), v.getOrderNumber(), v.getSetupMinutes(), v.getTravelMinutes(),
                    v.getWorkingMinutes(), FieldOut.of(v.fieldValues()));
        }
    }

    /** A field of the account's own: its name, kind (TEXT, NUMBER, DATE, CHOICE), choices and whether it is required. */
    public record FieldDefinitionOut(String name, String kind, List<String> choices, boolean required) {
        static FieldDefinitionOut of(ExtraField f) {
            return new FieldDefinitionOut(f.getName(), f.getKind().name(), f.choiceList(), f.isRequired());
        }
    }

    static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
