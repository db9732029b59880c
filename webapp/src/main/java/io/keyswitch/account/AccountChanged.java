package io.keyswitch.account;

/**
 * Fired inside the transaction that disabled or enabled an account or changed its virtual pool; the VPN observes it
 * after the commit (ends or starts the account's instance, routes the new pool).
 */
public record AccountChanged(long accountId, String what) {

    public static final String STATUS = "status";
    public static final String VIRTUAL_POOL = "virtualPool";
}
