package io.keyswitch.token;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.platform.Actor;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.platform.AccountScopedQuery;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.Rights;
import io.keyswitch.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A user's API tokens: created with a name and a validity (default {@value #DEFAULT_VALID_DAYS} days, at most
 * {@value #MAX_VALID_DAYS}) and shown once ({@code ks_} + 32 random characters, about 190 bits), stored as
 * SHA-256, revocable by their user and by the account's user administrators (within their own rights), and turned
 * into an {@link Actor} with that user's rights as they are at each request: refused once expired or revoked, and
 * while the user, their account or their temporary access is not active or their password must be changed.
 */
@ApplicationScoped
@Transactional
public class ApiTokens {

    /** How long a token works unless its user chooses otherwise. */
    public static final int DEFAULT_VALID_DAYS = 90;

    /** The longest validity a token can have. */
    public static final int MAX_VALID_DAYS = 365;

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    io.keyswitch.account.AccountPolicies policies;

    @Inject
    io.keyswitch.user.UserActors actors;

    @Inject
    io.keyswitch.user.UserAdministration users;

    /** A new token: the entity, and the token itself, which is never stored and shown only now. */
    public record Created(ApiToken token, String secret) {
    }

    public Created create(Actor actor, String name) {
        return create(actor, name, null);
    }

    /** A new token of the actor valid {@code validDays} days ({@code null}: {@value #DEFAULT_VALID_DAYS}). */
    public Created create(Actor actor, String name, Integer validDays) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw ValidationFailed.of("tokenName", n.isEmpty() ? "Please name the token (what will use it?)." : "At most 100 characters.");
        }
        int days = validDays == null ? DEFAULT_VALID_DAYS : validDays;
        if (days < 1 || days > MAX_VALID_DAYS) {
            throw ValidationFailed.of("validDays", "A token is valid for 1 to " + MAX_VALID_DAYS + " days.");
        }
        StringBuilder secret = new StringBuilder("ks_");
        for (int i = 0; i < 32; i++) {
            secret.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        User user = em.find(User.class, actor.userId());
        Instant now = clock.instant();
        ApiToken token = new ApiToken(user, n, hash(secret.toString()), now, now.plus(java.time.Duration.ofDays(days)));
        em.persist(token);
        em.flush();
        audit.record(AuditEntry.change(actor, AuditAction.API_TOKEN_CREATE, "api-token:" + token.getId(), Changes.of().field("name", null, n)
                .field("expiresAt", null, token.getExpiresAt()), "API token created by its user"));
        return new Created(token, secret.toString());
    }

    public List<ApiToken> mine(Actor actor) {
        return em.createQuery("SELECT t FROM ApiToken t WHERE t.user.id = :u ORDER BY t.id DESC", ApiToken.class)
                .setParameter("u", actor.userId()).getResultList();
    }

    public void revoke(Actor actor, long tokenId) {
        ApiToken token = em.find(ApiToken.class, tokenId);
        if (token == null || !token.getUser().getId().equals(actor.userId()) || token.isRevoked()) {
            throw new NotFound("token");
        }
        token.revoke(clock.instant());
        audit.record(AuditEntry.change(actor, AuditAction.API_TOKEN_REVOKE, "api-token:" + token.getId(),
                Changes.of().field("revoked", null, "yes"), "API token revoked by its user"));
    }

    /** How many live tokens (not revoked, not expired) the users of the actor's account have (right user:manage). */
    public long countAccountTokens(Actor actor) {
        return accountTokenList(actor).count();
    }

    /** One page of the account's live tokens, by owner and newest first (right user:manage). */
    public List<ApiToken> accountTokens(Actor actor, int first, int size) {
        return accountTokenList(actor).fetch("JOIN FETCH t.user u").orderBy("u.username, t.id DESC").page(first, size);
    }

    private AccountScopedQuery<ApiToken> accountTokenList(Actor actor) {
        actor.require(Rights.USER_MANAGE);
        return AccountScopedQuery.of(em, ApiToken.class, "t", "accountId", actor.accountId())
                .and("t.revokedAt IS NULL").and("t.expiresAt > :now", "now", clock.instant());
    }

    /**
     * An administrator of the account revokes a user's token, with a reason: right user:manage, and the owner's
     * rights must all be the actor's too (a user administrator cannot cut off a stronger user's programs).
     */
    public void revokeAsAdministrator(Actor actor, long tokenId, String reason) {
        actor.require(Rights.USER_MANAGE);
        String why = policies.reason(actor, reason);
        ApiToken token = em.find(ApiToken.class, tokenId);
        if (token == null || token.getAccountId() != actor.accountId() || token.isRevoked()) {
            throw new NotFound("token");
        }
        users.requireMayChange(actor, token.getUser());
        token.revoke(clock.instant());
        audit.record(AuditEntry.change(actor, AuditAction.API_TOKEN_REVOKE, "api-token:" + token.getId(), Changes.of().field("revoked", null, "yes")
                .field("owner", null, token.getUser().getUsername()).field("name", null, token.getName()), why));
    }

    /**
     * The actor a bearer token stands for, if it is a live token (not revoked, not expired) of an active user of an
     * active account (temporary validity applies too) who need not change their password first; its rights are the
     * user's groups' rights now.
     */
    public Optional<Actor> authenticate(String secret, String sourceIp) {
        if (secret == null || !secret.startsWith("ks_") || secret.length() != 35) {
            return Optional.empty();
        }
        Optional<ApiToken> found = em.createQuery("SELECT t FROM ApiToken t JOIN FETCH t.user u JOIN FETCH u.account "
                        + "WHERE t.tokenHash = :h", ApiToken.class)
                .setParameter("h", hash(secret)).getResultStream().findFirst();
        Instant now = clock.instant();
        if (found.isEmpty() || found.get().isRevoked() || found.get().expiredAt(now)) {
            return Optional.empty();
        }
        ApiToken token = found.get();
        User user = token.getUser();
        if (actors.refusal(user, now).isPresent()) {
            return Optional.empty();
        }
        token.used(now);
        return Optional.of(actors.actor(user, user.getAccount().getName() + "/" + user.getUsername() + " (API token "
                + token.getName() + ")", sourceIp));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
