package io.keyswitch.setup.web;

import io.keyswitch.mail.MailDeliveryException;
import io.keyswitch.mail.MailSender;
import io.keyswitch.mail.SmtpSettings;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.appliance.ApplianceSettings;
import io.keyswitch.setup.CertificateBundle;
import io.keyswitch.setup.CertificateValidator;
import io.keyswitch.appliance.DnsName;
import io.keyswitch.setup.SetupWizard;
import io.keyswitch.setup.TlsCertificates;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.primefaces.event.FlowEvent;

/**
 * The setup wizard ({@code setup.xhtml}): setup code, first administrator, DNS name, TLS certificate,
 * mail account, then a summary with the reason and "Finish". Each step is checked when the person
 * moves on; "Finish" checks everything again and stores it all at once ({@link SetupWizard#finish}).
 */
@Named
@ViewScoped
public class SetupView implements Serializable {

    private static final long serialVersionUID = 1L;
    static final List<String> STEPS = List.of("stepCode", "stepAdmin", "stepDns", "stepTls", "stepMail", "stepConfirm");
    private static final String FORM = "setupForm";
    /** The id of the button "Send test mail", next to which its outcome is shown. */
    static final String TEST_RESULT = "sendTest";
    private static final Logger LOG = Logger.getLogger(SetupView.class.getName());

    @Inject
    transient SetupWizard wizard;

    @Inject
    transient ApplianceSettings settings;

    @Inject
    transient TlsCertificates certificates;

    @Inject
    transient MailSender mailSender;

    @Inject
    transient Clock clock;

    private boolean codeAccepted;
    private boolean done;
    private String code;
    private String username = "admin";
    private String fullName = "System administrator";
    private String password;
    private String confirmation;
    private String dnsName;
    private String certificatePem;
    private String chainPem;
    private String keyPem;
    private String mailHost;
    private Integer mailPort = 587;
    private String mailSecurity = "STARTTLS";
    private String mailUser;
    private String mailPassword;
    private String mailFrom;
    private String testTo;
    private String reason = "Initial setup of the appliance";
    private String certificateOutcome;
    private String certificateWarning;

    /** Before the page is shown: after setup it leads to the login page; without the wizard it does not exist. */
    public void guard() throws IOException {
        if (wizard.open()) {
            return;
        }
        ExternalContext ctx = FacesContext.getCurrentInstance().getExternalContext();
        if (settings.setupCompleted()) {
            ctx.redirect(ctx.getRequestContextPath() + "/login.xhtml");
        } else {
            ctx.responseSendError(404, "Not found");
        }
        FacesContext.getCurrentInstance().responseComplete();
    }

    /** The wizard's flow: going back is always allowed; going on only when the step's entries are right. */
    public String onFlow(FlowEvent event) {
        String from = event.getOldStep();
        String to = event.getNewStep();
        if (STEPS.indexOf(to) <= STEPS.indexOf(from)) {
            return to;
        }
        if (!codeAccepted && !"stepCode".equals(from)) {
            return "stepCode";
        }
        Boolean ok = Pages.attempt(FORM, null, () -> {
            check(from);
            return Boolean.TRUE;
        });
        return Boolean.TRUE.equals(ok) ? to : from;
    }

    private void check(String step) {
        switch (step) {
            case "stepCode" -> {
                wizard.checkCode(code, Pages.sourceIp());
                codeAccepted = true;
            }
            case "stepAdmin" -> wizard.checkAdministrator(username, fullName, password, confirmation);
            case "stepDns" -> dnsName = DnsName.check(dnsName, "dnsName");
            case "stepTls" -> {
                CertificateBundle bundle = bundle();
                certificateWarning = bundle == null ? null : bundle.warning();
                if (certificateWarning != null) {
                    FacesContext.getCurrentInstance().addMessage(null,
                            new FacesMessage(FacesMessage.SEVERITY_WARN, certificateWarning, null));
                }
            }
            case "stepMail" -> SetupWizard.checkMail(mail());
            default -> {
            }
        }
    }

    /** The uploaded certificate, checked; null when the person keeps the self-signed one. */
    private CertificateBundle bundle() {
        if (blank(certificatePem) && blank(chainPem) && blank(keyPem)) {
            return null;
        }
        return CertificateValidator.validate(certificatePem, chainPem, keyPem, dnsName, clock.instant());
    }

    /**
     * The mail step's "Send test mail": through the entered server, nothing stored. What happened is said next
     * to the button (field {@value #TEST_RESULT}); a wrong entry next to its field.
     */
    public void sendTestMail() {
        FacesContext faces = FacesContext.getCurrentInstance();
        SmtpSettings mail = mail();
        Pages.attempt(FORM, null, () -> {
            if (mail.host().isBlank()) {
                throw ValidationFailed.of("mailHost", "Please enter the SMTP server first.");
            }
            SetupWizard.checkMail(mail);
            if (blank(testTo) || !testTo.contains("@")) {
                throw ValidationFailed.of("testTo", "Please enter the address to send the test mail to.");
            }
            try {
                mailSender.sendWith(mail, testTo.strip(), "Keyswitch test mail",
                        "This is a test mail from the setup of your Keyswitch appliance. The e-mail settings work.");
            } catch (MailDeliveryException e) {
                throw ValidationFailed.of(TEST_RESULT, e.getMessage());
            }
            faces.addMessage(FORM + ":" + TEST_RESULT, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "The test mail to " + testTo.strip() + " was sent.", null));
            return Boolean.TRUE;
        });
    }

    /** "Finish": stores everything, then installs the certificate and deletes the setup code. */
    public void finish() {
        FacesContext faces = FacesContext.getCurrentInstance();
        String ip = Pages.sourceIp();
        Actor actor = Pages.attempt(FORM, null, () -> {
            CertificateBundle bundle = bundle();
            Actor a = wizard.finish(code, new SetupWizard.Request(username, fullName, password, dnsName, mail(), reason), ip);
            if (bundle != null) {
                try {
                    certificates.replace(a, bundle, reason);
                    certificateOutcome = "The portal switches to your certificate in a few seconds.";
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "Setup: the certificate could not be installed", e);
                    certificateOutcome = "Your certificate could not be installed (" + e.getMessage()
                            + "). The portal keeps its self-signed certificate; set yours on the page TLS certificate.";
                }
            } else {
                certificateOutcome = "The portal keeps its self-signed certificate; you can replace it on the page TLS certificate.";
            }
            return a;
        });
        if (actor == null) {
            // The fields of earlier steps are not on this page: their messages go to the top, together.
            String problems = faces.getMessageList().stream().map(FacesMessage::getSummary)
                    .collect(java.util.stream.Collectors.joining(" "));
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Setup is not finished; please go back and correct: " + problems, null));
            return;
        }
        wizard.consumeCode();
        done = true;
        password = null;
        confirmation = null;
        keyPem = null;
        mailPassword = null;
        code = null;
    }

    private SmtpSettings mail() {
        SmtpSettings.Security security;
        try {
            security = SmtpSettings.Security.valueOf(mailSecurity == null ? "STARTTLS" : mailSecurity);
        } catch (IllegalArgumentException e) {
            security = SmtpSettings.Security.STARTTLS;
        }
        return new SmtpSettings(trim(mailHost), mailPort == null ? 0 : mailPort, security, trim(mailUser),
                mailPassword == null ? "" : mailPassword, trim(mailFrom));
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public boolean isKeepsSelfSigned() {
        return blank(certificatePem) && blank(chainPem) && blank(keyPem);
    }

    public boolean isMailSkipped() {
        return blank(mailHost);
    }

    public String getLoginUrl() {
        return "https://" + dnsName + "/login.xhtml";
    }

    public boolean isDone() {
        return done;
    }

    /** What the person should know about the accepted certificate (unknown CA, self-signed), or null. */
    public String getCertificateWarning() {
        return certificateWarning;
    }

    public String getCertificateOutcome() {
        return certificateOutcome;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getFullName() {
        return fullName;
    }

    public void setFullName(String fullName) {
        this.fullName = fullName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }

    public String getDnsName() {
        return dnsName;
    }

    public void setDnsName(String dnsName) {
        this.dnsName = dnsName;
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

    public String getMailHost() {
        return mailHost;
    }

    public void setMailHost(String mailHost) {
        this.mailHost = mailHost;
    }

    public Integer getMailPort() {
        return mailPort;
    }

    public void setMailPort(Integer mailPort) {
        this.mailPort = mailPort;
    }

    public String getMailSecurity() {
        return mailSecurity;
    }

    public void setMailSecurity(String mailSecurity) {
        this.mailSecurity = mailSecurity;
    }

    public String getMailUser() {
        return mailUser;
    }

    public void setMailUser(String mailUser) {
        this.mailUser = mailUser;
    }

    public String getMailPassword() {
        return mailPassword;
    }

    public void setMailPassword(String mailPassword) {
        this.mailPassword = mailPassword;
    }

    public String getMailFrom() {
        return mailFrom;
    }

    public void setMailFrom(String mailFrom) {
        this.mailFrom = mailFrom;
    }

    public String getTestTo() {
        return testTo;
    }

    public void setTestTo(String testTo) {
        this.testTo = testTo;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
