package io.keyswitch.setup;

import java.nio.file.Path;

/** The server's HTTPS listener: made to serve what is in its key store file now, without a restart of the portal. */
public interface HttpsListener {

    /**
     * Makes new connections use the key store at {@code keystore} (alias {@value TlsCertificates#ALIAS}, the
     * password of {@code javax.net.ssl.keyStorePassword}). Open connections keep their certificate.
     *
     * @throws IllegalStateException if the server did not take it; the message says why
     */
    void reload(Path keystore);

    /** In plain words, how {@link #reload} works here (for the start-up log line). */
    String describe();
}
