package io.keyswitch.sms.web;

import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.AdminRights;
import io.keyswitch.sms.SmsSettingsStore;
import io.keyswitch.sms.SmsDeliveryException;
import io.keyswitch.sms.SmsGatewaySettings;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * The SMS gateway (none, a provider's HTTP API with URL/body templates and credential headers, or
 * log only) and "send test SMS". System administrators only; a change asks for a reason and is audited.
 */
@Named
@ViewScoped
public class SmsSettingsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SmsSettingsStore store;

    private boolean permitted;
    private String kind;
    private String method;
    private String url;
    private String contentType;
    private String body;
    private String headers;
    private String headerNames;
    private String reason;
    private String testTo;

    @PostConstruct
    void load() {
        permitted = AdminRights.applianceAdmin();
        if (!permitted) {
            return;
        }
        SmsGatewaySettings s = store.load();
        kind = s.kind().name();
        method = s.method();
        url = s.url();
        contentType = s.contentType();
        body = s.body();
        headers = null;
        headerNames = s.headers().lines().filter(l -> l.indexOf(':') > 0).map(l -> l.substring(0, l.indexOf(':')).strip())
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    public void save() {
        if (!permitted) {
            return;
        }
        SmsGatewaySettings.Kind chosen;
        try {
            chosen = SmsGatewaySettings.Kind.valueOf(kind);
        } catch (RuntimeException e) {
            FacesContext.getCurrentInstance().addMessage("smsForm:kind",
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, "Please choose a gateway.", null));
            return;
        }
        SmsGatewaySettings settings = new SmsGatewaySettings(chosen, method, url, body, contentType, headers);
        if (Pages.attempt("smsForm", "The SMS settings are saved.",
                () -> store.save(settings, Actor.current(Pages.sourceIp()), reason)) != null) {
            reason = null;
            load();
        }
    }

    public void sendTest() {
        if (!permitted) {
            return;
        }
        try {
            Pages.attempt("testForm", "The test SMS to " + (testTo == null ? "" : testTo.strip()) + " was handed to the gateway.", () -> {
                store.sendTest(Actor.current(Pages.sourceIp()), testTo);
                return Boolean.TRUE;
            });
        } catch (SmsDeliveryException e) {
            FacesContext.getCurrentInstance().addMessage("testForm:testTo",
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
    }

    public boolean isPermitted() {
        return permitted;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getContentType() {
        return contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public String getHeaders() {
        return headers;
    }

    public void setHeaders(String headers) {
        this.headers = headers;
    }

    /** The names of the stored headers (their values are never shown), empty for none. */
    public String getHeaderNames() {
        return headerNames;
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
