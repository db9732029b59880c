package io.keyswitch.vpn.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** The appliance CA's one row ({@code vpn_ca}): its certificate and its encrypted private key. */
@ApplicationScoped
@Transactional
public class CaStore {

    /** The stored CA: certificate PEM and the private key as encrypted PKCS#8 PEM. */
    public record StoredCa(String certificatePem, String encryptedKey) {
        @Override
        public String toString() {
            return "StoredCa[key ***]";
        }
    }

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /** The stored CA, if it was made. */
    public Optional<StoredCa> ca() {
        List<?> rows = em.createNativeQuery("SELECT cert_pem, key_enc FROM vpn_ca WHERE id = 1").getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(new StoredCa(
                (String) ((Object[]) rows.get(0))[0], (String) ((Object[]) rows.get(0))[1]));
    }

    /** Stores the CA unless another start stored one first; returns whichever is stored. */
    public StoredCa store(StoredCa ca) {
        em.createNativeQuery("INSERT IGNORE INTO vpn_ca (id, cert_pem, key_enc, created_at) VALUES (1, ?1, ?2, UTC_TIMESTAMP(3))")
                .setParameter(1, ca.certificatePem()).setParameter(2, ca.encryptedKey()).executeUpdate();
        return ca().orElseThrow();
    }
}
