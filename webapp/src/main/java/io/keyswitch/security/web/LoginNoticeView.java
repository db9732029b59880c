package io.keyswitch.security.web;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.security.LoginNotice;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The page "Login notice": the system-use notification of the login page, with a reason. */
@Named
@ViewScoped
public class LoginNoticeView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient LoginNotice notice;

    private boolean permitted;
    private String text;
    private String reason;

    @PostConstruct
    void load() {
        permitted = io.keyswitch.platform.AdminRights.applianceAdmin();
        text = permitted ? notice.text() : null;
    }

    public void save() {
        if (!permitted) {
            return;
        }
        if (reason == null || reason.isBlank()) {
            FacesContext.getCurrentInstance().addMessage("noticeForm:reason",
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, "Please give a reason.", null));
            return;
        }
        if (Pages.attempt("noticeForm", null, () -> {
            notice.change(Actor.current(Requests.sourceIp()), text, reason);
            return Boolean.TRUE;
        }) != null) {
            reason = null;
            load();
            Pages.info("The login notice is saved.");
        }
    }

    public boolean isPermitted() {
        return permitted;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
