package io.keyswitch.setup.web;

import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.appliance.ApplianceSettings;
import io.keyswitch.setup.CertificateBundle;
import io.keyswitch.setup.CertificateValidator;
import io.keyswitch.setup.TlsCertificates;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;

/**
 * The page "TLS certificate" (system administrators): the certificate served now, and replacing it
 * with an uploaded one (PEM certificate, chain and key, checked by {@link CertificateValidator} against
 * the DNS name), with a reason. The portal switches to it without a restart.
 */
@Named
@ViewScoped
public class TlsCertificateView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient TlsCertificates certificates;

    @Inject
    transient ApplianceSettings settings;

    @Inject
    transient Clock clock;

    private TlsCertificates.Served current;
    private String dnsName;
    private String certificatePem;
    private String chainPem;
    private String keyPem;
    private String reason;

    @PostConstruct
    void load() {
        current = certificates.current().orElse(null);
        dnsName = settings.dnsName().orElse(null);
    }

    public void replace() {
        TlsCertificates.Served served = Pages.attempt("tlsForm",
                "The certificate is saved. The portal uses it for new connections in a few seconds.", () -> {
                    Actor actor = Actor.current(Pages.sourceIp());
                    actor.require(io.keyswitch.platform.Rights.ACCOUNT_MANAGE);
                    Actor.requireReason(reason);
                    if (dnsName == null) {
                        throw ValidationFailed.of("certificate", "Set the DNS name first (page DNS name): the certificate must be for it.");
                    }
                    if (!certificates.available()) {
                        throw ValidationFailed.of("certificate", "This portal has no key store of its own (javax.net.ssl.keyStore).");
                    }
                    CertificateBundle bundle = CertificateValidator.validate(certificatePem, chainPem, keyPem, dnsName, clock.instant());
                    bundle.warningText().ifPresent(w -> FacesContext.getCurrentInstance().addMessage(null,
                            new FacesMessage(FacesMessage.SEVERITY_WARN, w, null)));
                    return certificates.replace(actor, bundle, reason);
                });
        if (served != null) {
            current = served;
            certificatePem = null;
            chainPem = null;
            keyPem = null;
            reason = null;
        }
    }

    public TlsCertificates.Served getCurrent() {
        return current;
    }

    public String getDnsName() {
        return dnsName;
    }

    public String getCertificatePem() {
        return certificatePem;
    }

    public void setCertificatePem(String certificatePem) {
        this.certificatePem = certificatePem;
    }

    public String getChainPem() {
        return chainPem;
    }

    public void setChainPem(String chainPem) {
        this.chainPem = chainPem;
    }

    public String getKeyPem() {
        return keyPem;
    }

    public void setKeyPem(String keyPem) {
        this.keyPem = keyPem;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
