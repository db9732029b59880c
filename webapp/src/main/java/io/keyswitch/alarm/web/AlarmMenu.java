package io.keyswitch.alarm.web;

import io.keyswitch.alarm.Alarms;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.web.Pages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The menu's and the home page's "Alarms (n)": how many of the alarms the person sees are active, once per request. */
@Named
@RequestScoped
public class AlarmMenu {

    @Inject
    Alarms alarms;

    private Long active;

    public boolean isShown() {
        return Actor.current(Pages.sourceIp()).rights().test(Rights.ALARM_VIEW);
    }

    public long getActive() {
        if (active == null) {
            active = alarms.countActive(Actor.current(Pages.sourceIp()));
        }
        return active;
    }

    /** How many alarms are active on one device (the device page). */
    public long activeOn(long deviceId) {
        return alarms.count(Actor.current(Pages.sourceIp()), new Alarms.Filter(deviceId, null, "active"));
    }

    public String getLabel() {
        return getActive() == 0 ? "Alarms" : "Alarms (" + getActive() + ")";
    }
}
