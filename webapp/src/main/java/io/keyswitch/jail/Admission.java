package io.keyswitch.jail;

import java.time.Instant;
import java.util.Optional;

/**
 * The jail's answer to "may this try be checked?", given before the credential is checked: either the try is
 * admitted, and its tokens are already taken (so parallel tries cannot share one allowance), or it is refused until
 * a time. An admitted try is reported back with {@link LoginJail#failed} or {@link LoginJail#succeeded}.
 *
 * @param address the source address as given
 * @param userName the user name's key as given, or {@code null} when the try names no (valid) user
 * @param addressTaken whether a token of the address was taken (not for allow-listed addresses)
 * @param nameTaken whether a token of the user name was taken (not when the name's ban or count does not apply to
 *     this address, see {@link LoginJail#admit})
 * @param refusedUntil {@code null} when admitted, else when the next try may come
 */
public record Admission(String address, String userName, boolean addressTaken, boolean nameTaken, Instant refusedUntil) {

    /** An admitted try. */
    static Admission admitted(String address, String userName, boolean addressTaken, boolean nameTaken) {
        return new Admission(address, userName, addressTaken, nameTaken, null);
    }

    /** A refused try. */
    static Admission refused(String address, String userName, Instant until) {
        return new Admission(address, userName, false, false, until);
    }

    public boolean admitted() {
        return refusedUntil == null;
    }

    /** When a refused try may come again; empty when admitted. */
    public Optional<Instant> refused() {
        return Optional.ofNullable(refusedUntil);
    }
}
