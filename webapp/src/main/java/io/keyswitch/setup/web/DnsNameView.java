package io.keyswitch.setup.web;

import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.appliance.ApplianceSettings;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The page "DNS name" (system administrators): the name the appliance is reached by, changed with a reason. */
@Named
@ViewScoped
public class DnsNameView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ApplianceSettings settings;

    private String dnsName;
    private String reason;

    @PostConstruct
    void load() {
        dnsName = settings.dnsName().orElse("");
    }

    public void save() {
        String saved = Pages.attempt("dnsForm", "The DNS name is saved.",
                () -> settings.changeDnsName(Actor.current(Pages.sourceIp()), dnsName, reason));
        if (saved != null) {
            dnsName = saved;
            reason = null;
        }
    }

    public String getDnsName() {
        return dnsName;
    }

    public void setDnsName(String dnsName) {
        this.dnsName = dnsName;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
