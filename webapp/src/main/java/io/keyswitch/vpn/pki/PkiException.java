package io.keyswitch.vpn.pki;

/** A certificate, key or CRL could not be made, encoded or read. */
public final class PkiException extends RuntimeException {

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
