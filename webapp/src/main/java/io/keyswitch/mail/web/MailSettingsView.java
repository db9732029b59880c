package io.keyswitch.mail.web;

import io.keyswitch.mail.MailDeliveryException;
import io.keyswitch.mail.MailSender;
import io.keyswitch.mail.MailSettingsStore;
import io.keyswitch.mail.SmtpSettings;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The SMTP account (host, port, STARTTLS/TLS, user, password, sender) and "send test mail". */
@Named
@ViewScoped
public class MailSettingsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient MailSettingsStore store;

    @Inject
    transient MailSender sender;

    private boolean permitted;
    private String host;
    private Integer port;
    private String security;
    private String user;
    private String password;
    private boolean passwordSet;
    private String from;
    private String reason;
    private String testTo;

    @PostConstruct
    void load() {
        permitted = io.keyswitch.platform.AdminRights.applianceAdmin();
        if (!permitted) {
            return;
        }
        SmtpSettings s = store.load();
        host = s.host();
        port = s.port();
        security = s.security().name();
        user = s.user();
        passwordSet = !s.password().isEmpty();
        password = null;
        from = s.from();
    }

    /** Saves through the store, which checks every field (the rules the setup wizard uses too) and the reason. */
    public void save() {
        if (!permitted) {
            return;
        }
        SmtpSettings settings = new SmtpSettings(host, port == null ? 0 : port, SmtpSettings.Security.valueOf(security), user,
                password == null ? "" : password, from);
        if (Pages.attempt("mailForm", null, () -> {
            store.save(settings, Actor.current(Pages.sourceIp()), reason);
            return Boolean.TRUE;
        }) == null) {
            return;
        }
        reason = null;
        load();
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, "The e-mail settings are saved.", null));
    }

    public void sendTest() {
        if (!permitted || !require("testForm:testTo", testTo, "Please enter an address.")) {
            return;
        }
        try {
            sender.send(testTo.strip(), "Keyswitch test mail",
                    "This is a test mail from your Keyswitch portal. The e-mail settings work.");
            FacesContext.getCurrentInstance().addMessage(null,
                    new FacesMessage(FacesMessage.SEVERITY_INFO, "The test mail to " + testTo.strip() + " was sent.", null));
        } catch (MailDeliveryException e) {
            error("testForm:testTo", e.getMessage());
        }
    }

    private static boolean require(String field, String value, String message) {
        if (value == null || value.isBlank()) {
            error(field, message);
            return false;
        }
        return true;
    }

    private static void error(String field, String message) {
        FacesContext.getCurrentInstance().addMessage(field, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    public List<String> getSecurities() {
        return List.of("STARTTLS", "TLS", "NONE");
    }

    public boolean isPermitted() {
        return permitted;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getSecurity() {
        return security;
    }

    public void setSecurity(String security) {
        this.security = security;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isPasswordSet() {
        return passwordSet;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getTestTo() {
        return testTo;
    }

    public void setTestTo(String testTo) {
        this.testTo = testTo;
    }
}
