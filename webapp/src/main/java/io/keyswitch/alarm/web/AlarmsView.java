package io.keyswitch.alarm.web;

import io.keyswitch.alarm.Alarm;
import io.keyswitch.alarm.Alarms;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The alarm history (alarms.xhtml, and the device page's panel with {@code ?deviceId=}): a lazy table of the alarms
 * the person may see, newest first, filtered by severity and state, each with its device's name; acknowledging one
 * with a comment in a dialog.
 */
@Named
@ViewScoped
public class AlarmsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Alarms alarms;

    private Long deviceId;
    private String severity;
    private String state = "active";
    private Long acknowledging;
    private String comment;
    private final Map<Long, String> names = new HashMap<>();

    private final PagedModel<Alarm> model = new PagedModel<>(filter -> alarms.count(actor(), filter()),
            (filter, sortField, ascending, first, size) -> named(alarms.page(actor(), filter(), sortField == null
                    ? "raisedAt" : sortField, sortField != null && ascending, first, size)), Alarm::getId);

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    private Alarms.Filter filter() {
        try {
            return Alarms.Filter.of(deviceId, severity, state);
        } catch (ValidationFailed e) {
            return new Alarms.Filter(deviceId, null, null);
        }
    }

    private List<Alarm> named(List<Alarm> page) {
        names.putAll(alarms.deviceNames(actor(), page.stream().map(Alarm::getDeviceId).collect(Collectors.toSet())));
        return page;
    }

    /** The device's name for a row of the table. */
    public String device(Alarm a) {
        return names.getOrDefault(a.getDeviceId(), "device " + a.getDeviceId());
    }

    public void startAcknowledge(long id) {
        acknowledging = id;
        comment = null;
    }

    public void acknowledge() {
        Long id = acknowledging;
        Pages.attempt("ackForm", "Alarm " + id + " acknowledged.", () -> alarms.acknowledge(actor(), id, comment));
    }

    public PagedModel<Alarm> getModel() {
        return model;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(Long deviceId) {
        this.deviceId = deviceId;
    }

    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
