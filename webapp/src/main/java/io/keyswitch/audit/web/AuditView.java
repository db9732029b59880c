package io.keyswitch.audit.web;

import io.keyswitch.audit.AuditEvent;
import io.keyswitch.audit.AuditQuery;
import io.keyswitch.audit.ChainVerification;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.security.Actor;
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

/** The account's audit trail: a lazy table filtered by action and actor, and a check of the hash chain. */
@Named
@ViewScoped
public class AuditView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AuditQuery audit;

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
        ChainVerification v = audit.verify(Actor.current(Pages.sourceIp()));
        FacesMessage message = v.intact()
                ? new FacesMessage(FacesMessage.SEVERITY_INFO, "The audit trail is intact: " + v.eventsChecked()
                        + " events checked, every link matches.", null)
                : new FacesMessage(FacesMessage.SEVERITY_ERROR, "The audit trail is broken at event "
                        + v.firstBrokenEventId() + ": " + v.problem() + ".", null);
        FacesContext.getCurrentInstance().addMessage(null, message);
    }

    private static AuditQuery.Filter filter(Map<String, FilterMeta> filters) {
        return new AuditQuery.Filter(value(filters, "action"), value(filters, "actor"));
    }

    private static String value(Map<String, FilterMeta> filters, String field) {
        FilterMeta meta = filters.get(field);
        return meta == null || meta.getFilterValue() == null ? null : meta.getFilterValue().toString();
    }

    public LazyDataModel<AuditEvent> getModel() {
        return model;
    }
}
