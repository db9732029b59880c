package io.keyswitch.security.web;

import io.keyswitch.platform.web.Pages;
import io.keyswitch.security.Actor;
import io.keyswitch.security.ApiToken;
import io.keyswitch.security.ApiTokens;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The signed-in user's API tokens: create one (shown once), see when each was last used, revoke. */
@Named
@ViewScoped
public class TokensView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ApiTokens tokens;

    private List<ApiToken> mine;
    private String name;
    private String shown;

    @PostConstruct
    void load() {
        mine = tokens.mine(Actor.current(Pages.sourceIp()));
    }

    public void create() {
        ApiTokens.Created created = Pages.attempt("tokenForm", "Token created. Copy it now: it is not shown again.",
                () -> tokens.create(Actor.current(Pages.sourceIp()), name));
        if (created != null) {
            shown = created.secret();
            name = null;
            load();
        }
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
