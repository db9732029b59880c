package io.keyswitch.security.web;

import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.AdminRights;
import io.keyswitch.security.JailAdministration;
import io.keyswitch.jail.Ban;
import io.keyswitch.jail.BanKind;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The login jail's bans in force, with "lift ban" (asks for a reason; audited). */
@Named
@ViewScoped
public class BansView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient JailAdministration administration;

    private List<Row> bans = List.of();
    private boolean permitted;
    private String selected;
    private String reason;

    /** One ban as the page shows it (EL does not read record components). */
    public record Row(String key, String kind, String subject, Instant since, Instant until, int failures,
            String lastUserName, String lastAddress) implements Serializable {

        static Row of(Ban ban) {
            return new Row(ban.kind() + ":" + ban.subject(),
                    ban.kind() == BanKind.ADDRESS ? "address" : "user name", ban.subject(), ban.since(), ban.until(),
                    ban.failures(), ban.lastUserName(), ban.lastAddress());
        }

        public String getKey() {
            return key;
        }

        public String getKind() {
            return kind;
        }

        public String getSubject() {
            return subject;
        }

        public String getSince() {
            return since.toString();
        }

        public String getUntil() {
            return until.toString();
        }

        public int getFailures() {
            return failures;
        }

        public String getLastUserName() {
            return lastUserName;
        }

        public String getLastAddress() {
            return lastAddress;
        }

        public String getLabel() {
            return kind + " " + subject;
        }
    }

    @PostConstruct
    void load() {
        permitted = AdminRights.applianceAdmin();
        bans = permitted ? administration.activeBans(Actor.current(Requests.sourceIp())).stream().map(Row::of).toList() : List.of();
    }

    public void lift() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (selected == null || !selected.contains(":")) {
            faces.addMessage("liftForm:ban", new FacesMessage(FacesMessage.SEVERITY_ERROR, "Please choose a ban.", null));
            return;
        }
        if (reason == null || reason.isBlank()) {
            faces.addMessage("liftForm:reason", new FacesMessage(FacesMessage.SEVERITY_ERROR, "Please give a reason.", null));
            return;
        }
        BanKind kind = BanKind.valueOf(selected.substring(0, selected.indexOf(':')));
        String subject = selected.substring(selected.indexOf(':') + 1);
        Optional<Ban> lifted = Pages.attempt("liftForm", null,
                () -> administration.lift(Actor.current(Requests.sourceIp()), kind, subject, reason));
        if (lifted == null) {
            return;
        }
        faces.addMessage(null, lifted.isPresent()
                ? new FacesMessage(FacesMessage.SEVERITY_INFO, "The ban on " + subject + " is lifted.", null)
                : new FacesMessage(FacesMessage.SEVERITY_WARN, "The ban on " + subject + " had already ended.", null));
        selected = null;
        reason = null;
        load();
    }

    public List<Row> getBans() {
        return bans;
    }

    public boolean isPermitted() {
        return permitted;
    }

    public String getSelected() {
        return selected;
    }

    public void setSelected(String selected) {
        this.selected = selected;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
