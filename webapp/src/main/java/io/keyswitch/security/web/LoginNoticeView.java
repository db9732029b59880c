package io.keyswitch.security.web;

import io.keyswitch.security.LoginNotice;
import io.keyswitch.platform.PortalPrincipal;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.apache.shiro.SecurityUtils;

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
        FacesContext faces = FacesContext.getCurrentInstance();
        if (text != null && text.strip().length() > LoginNotice.MAX_LENGTH) {
            faces.addMessage("noticeForm:text", new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "At most " + LoginNotice.MAX_LENGTH + " characters, please.", null));
            return;
        }
        if (reason == null || reason.isBlank()) {
            faces.addMessage("noticeForm:reason", new FacesMessage(FacesMessage.SEVERITY_ERROR, "Please give a reason.", null));
            return;
        }
        notice.change(text, (PortalPrincipal) SecurityUtils.getSubject().getPrincipal(), reason.strip(), Requests.sourceIp());
        reason = null;
        load();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "The login notice is saved.", null));
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
