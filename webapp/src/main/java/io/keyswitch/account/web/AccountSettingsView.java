package io.keyswitch.account.web;

import io.keyswitch.account.AccountPolicies;
import io.keyswitch.account.AccountPolicy;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The account's rules: reason for every change, days without login, password policy, technician connections. */
@Named
@ViewScoped
public class AccountSettingsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AccountPolicies policies;

    private AccountPolicy policy;
    private String reason;

    @PostConstruct
    void load() {
        policy = policies.of(Actor.current(Pages.sourceIp()).accountId());
    }

    public void save() {
        AccountPolicy saved = Pages.attempt("policyForm", "The account's rules are saved.",
                () -> policies.update(Actor.current(Pages.sourceIp()), policy, reason));
        if (saved != null) {
            reason = null;
            load();
        }
    }

    public AccountPolicy getPolicy() {
        return policy;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
