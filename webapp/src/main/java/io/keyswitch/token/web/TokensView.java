package io.keyswitch.token.web;

import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.ApiToken;
import io.keyswitch.token.ApiTokens;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The signed-in user's API tokens: create one with its validity (shown once), see when each was last used and
 * when it expires, revoke. A user administrator (user:manage) also sees the account's live tokens and revokes a
 * user's token with a reason.
 */
@Named
@ViewScoped
public class TokensView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ApiTokens tokens;

    private List<ApiToken> mine;
    private String name;
    private Integer validDays = ApiTokens.DEFAULT_VALID_DAYS;
    private String shown;
    private String revokeReason;

    private final io.keyswitch.platform.web.PagedModel<ApiToken> accountTokens = new io.keyswitch.platform.web.PagedModel<>(
            filter -> tokens.countAccountTokens(Actor.current(Pages.sourceIp())),
            (filter, sort, ascending, first, size) -> tokens.accountTokens(Actor.current(Pages.sourceIp()), first, size),
            ApiToken::getId);

    @PostConstruct
    void load() {
        mine = tokens.mine(Actor.current(Pages.sourceIp()));
    }

    public void create() {
        ApiTokens.Created created = Pages.attempt("tokenForm", "Token created. Copy it now: it is not shown again.",
                () -> tokens.create(Actor.current(Pages.sourceIp()), name, validDays));
        if (created != null) {
            shown = created.secret();
            name = null;
            validDays = ApiTokens.DEFAULT_VALID_DAYS;
            load();
        }
    }

    /** A user administrator revokes one of the account's tokens, with a reason. */
    public void revokeForUser(ApiToken token) {
        Object done = Pages.attempt("accountTokensForm", "Token '" + token.getName() + "' of " + token.getUser().getUsername()
                + " revoked.", () -> {
                    tokens.revokeAsAdministrator(Actor.current(Pages.sourceIp()), token.getId(), revokeReason);
                    return Boolean.TRUE;
                });
        if (done != null) {
            revokeReason = null;
            load();
        }
    }

    /** Whether the signed-in user administers the account's users (and so sees their tokens). */
    public boolean isUserAdministrator() {
        return org.apache.shiro.SecurityUtils.getSubject().isPermitted(io.keyswitch.platform.Rights.USER_MANAGE);
    }

    public io.keyswitch.platform.web.PagedModel<ApiToken> getAccountTokens() {
        return accountTokens;
    }

    public Integer getValidDays() {
        return validDays;
    }

    public void setValidDays(Integer validDays) {
        this.validDays = validDays;
    }

    public String getRevokeReason() {
        return revokeReason;
    }

    public void setRevokeReason(String revokeReason) {
        this.revokeReason = revokeReason;
    }

    public void revoke(ApiToken token) {
        Object done = Pages.attempt("tokensForm", "Token '" + token.getName() + "' revoked.", () -> {
            tokens.revoke(Actor.current(Pages.sourceIp()), token.getId());
            return Boolean.TRUE;
        });
        if (done != null) {
            load();
        }
    }

    /** The new token, once; afterwards it is forgotten. */
    public String takeShown() {
        String s = shown;
        shown = null;
        return s;
    }

    public boolean isTokenToShow() {
        return shown != null;
    }

    public List<ApiToken> getMine() {
        return mine;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
