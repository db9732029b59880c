package io.keyswitch.audit.web;

import io.keyswitch.audit.AuditEvent;
import io.keyswitch.audit.AuditQuery;
import io.keyswitch.audit.ChainVerification;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.AdminRights;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

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

    private final LazyDataModel<AuditEvent> model = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filters) {
            return (int) audit.count(Actor.current(Pages.sourceIp()), filter(filters));
        }

        @Override
        public List<AuditEvent> load(int first, int size, Map<String, SortMeta> sorts, Map<String, FilterMeta> filters) {
            return audit.page(Actor.current(Pages.sourceIp()), filter(filters), first, size);
        }

        @Override
        public String getRowKey(AuditEvent event) {
            return String.valueOf(event.getId());
        }
    };

    public void verify() {
        ChainVerification v = audit.verify(Actor.current(Pages.sourceIp()), trail);
        FacesMessage message = v.intact()
                ? new FacesMessage(FacesMessage.SEVERITY_INFO, "The audit trail is intact: " + v.eventsChecked()
                        + " events checked, every link matches.", null)
                : new FacesMessage(FacesMessage.SEVERITY_ERROR, "The audit trail is broken at event "
                        + v.firstBrokenEventId() + ": " + v.problem() + ".", null);
        FacesContext.getCurrentInstance().addMessage(null, message);
    }

    private AuditQuery.Filter filter(Map<String, FilterMeta> filters) {
        return new AuditQuery.Filter(value(filters, "action"), value(filters, "actor"), trail);
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

    private static String value(Map<String, FilterMeta> filters, String field) {
        FilterMeta meta = filters.get(field);
        return meta == null || meta.getFilterValue() == null ? null : meta.getFilterValue().toString();
    }

    public LazyDataModel<AuditEvent> getModel() {
        return model;
    }
}
