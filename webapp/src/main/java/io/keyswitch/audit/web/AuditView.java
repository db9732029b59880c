package io.keyswitch.audit.web;

import io.keyswitch.audit.AuditEvent;
import io.keyswitch.audit.AuditQuery;
import io.keyswitch.audit.ChainVerification;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.AdminRights;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Map;

/**
 * The account's audit trail: a lazy table filtered by action and actor, and a check of the hash chain;
 * system administrators may switch to the appliance's trail (events outside any account).
 */
@Named
@ViewScoped
public class AuditView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AuditQuery audit;

    private AuditQuery.Trail trail = AuditQuery.Trail.ACCOUNT;

    private final PagedModel<AuditEvent> model = PagedModel.byColumns(filters -> audit.count(actor(), filter(filters)),
            (filters, first, size) -> audit.page(actor(), filter(filters), first, size), AuditEvent::getId);

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public void verify() {
        ChainVerification v = audit.verify(actor(), trail);
        FacesMessage message = v.intact()
                ? new FacesMessage(FacesMessage.SEVERITY_INFO, "The audit trail is intact: " + v.eventsChecked()
                        + " events checked, every link matches.", null)
                : new FacesMessage(FacesMessage.SEVERITY_ERROR, "The audit trail is broken at event "
                        + v.firstBrokenEventId() + ": " + v.problem() + ".", null);
        FacesContext.getCurrentInstance().addMessage(null, message);
    }

    private AuditQuery.Filter filter(Map<String, String> filters) {
        return new AuditQuery.Filter(filters.get("action"), filters.get("actor"), trail);
    }

    /** Whether the person may read the appliance's trail (system administrators). */
    public boolean isApplianceTrailAllowed() {
        return AdminRights.applianceAdmin();
    }

    public AuditQuery.Trail getTrail() {
        return trail;
    }

    public void setTrail(AuditQuery.Trail trail) {
        this.trail = trail == AuditQuery.Trail.APPLIANCE && isApplianceTrailAllowed() ? trail : AuditQuery.Trail.ACCOUNT;
    }

    public PagedModel<AuditEvent> getModel() {
        return model;
    }
}
