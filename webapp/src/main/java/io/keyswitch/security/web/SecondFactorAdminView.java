package io.keyswitch.security.web;

import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.PortalPrincipal;
import io.keyswitch.security.SecondFactorPolicy;
import io.keyswitch.security.TotpAuthenticator;
import io.keyswitch.user.User;
import io.keyswitch.user.UserDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.shiro.SecurityUtils;

/**
 * The second-factor policy of the administrator's account (the account and each group may
 * require one) and the reset of a user's authenticator app. Both ask for a reason and are audited.
 */
@Named
@ViewScoped
public class SecondFactorAdminView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SecondFactorPolicy policy;

    @Inject
    transient TotpAuthenticator totp;

    @Inject
    transient UserDirectory directory;

    private boolean permitted;
    private PortalPrincipal admin;
    private boolean applianceRequired;
    private boolean accountRequired;
    private List<SecondFactorPolicy.GroupPolicy> groups = List.of();
    private List<String> requiringGroups = new ArrayList<>();
    private String policyReason;
    private String resetUser;
    private String resetReason;

    @PostConstruct
    void load() {
        permitted = io.keyswitch.platform.AdminRights.accountSecurityAdmin();
        if (!permitted) {
            return;
        }
        admin = (PortalPrincipal) SecurityUtils.getSubject().getPrincipal();
        applianceRequired = policy.applianceRequired();
        accountRequired = policy.accountRequired(admin.accountId());
        groups = policy.groups(admin.accountId());
        requiringGroups = groups.stream().filter(SecondFactorPolicy.GroupPolicy::required)
                .map(g -> Long.toString(g.id())).collect(Collectors.toCollection(ArrayList::new));
    }

    public void savePolicy() {
        if (!permitted) {
            return;
        }
        if (blank(policyReason)) {
            error("policyForm:policyReason", "Please give a reason.");
            return;
        }
        Set<Long> ids = requiringGroups.stream().map(Long::valueOf).collect(Collectors.toSet());
        if (Pages.attempt("policyForm", "The second-factor policy is saved.", () -> {
            policy.update(Actor.current(Requests.sourceIp()), accountRequired, ids, policyReason);
            return Boolean.TRUE;
        }) != null) {
            policyReason = null;
            load();
        }
    }

    public void reset() {
        if (!permitted) {
            return;
        }
        if (blank(resetUser)) {
            error("resetForm:resetUser", "Please enter a user name.");
            return;
        }
        if (blank(resetReason)) {
            error("resetForm:resetReason", "Please give a reason.");
            return;
        }
        Optional<User> user = directory.findForLogin(admin.accountName(), resetUser.strip());
        if (user.isEmpty()) {
            error("resetForm:resetUser", "There is no user " + resetUser.strip() + " in this account.");
            return;
        }
        Boolean had = Pages.attempt("resetForm", null, () -> totp.reset(Actor.current(Requests.sourceIp()), user.get(), resetReason));
        if (had == null) {
            return;
        }
        Pages.info(had ? "The authenticator app of " + user.get().getUsername() + " is reset; they enrol again at their next login if required."
                : user.get().getUsername() + " had no authenticator app.");
        resetUser = null;
        resetReason = null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void error(String field, String text) {
        FacesContext.getCurrentInstance().addMessage(field, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    public boolean isPermitted() {
        return permitted;
    }

    public boolean isApplianceRequired() {
        return applianceRequired;
    }

    public boolean isAccountRequired() {
        return accountRequired;
    }

    public void setAccountRequired(boolean accountRequired) {
        this.accountRequired = accountRequired;
    }

    public List<SecondFactorPolicy.GroupPolicy> getGroups() {
        return groups;
    }

    public List<String> getRequiringGroups() {
        return requiringGroups;
    }

    public void setRequiringGroups(List<String> requiringGroups) {
        this.requiringGroups = requiringGroups == null ? new ArrayList<>() : new ArrayList<>(requiringGroups);
    }

    public String getPolicyReason() {
        return policyReason;
    }

    public void setPolicyReason(String policyReason) {
        this.policyReason = policyReason;
    }

    public String getResetUser() {
        return resetUser;
    }

    public void setResetUser(String resetUser) {
        this.resetUser = resetUser;
    }

    public String getResetReason() {
        return resetReason;
    }

    public void setResetReason(String resetReason) {
        this.resetReason = resetReason;
    }
}
