package io.keyswitch.setup;

import io.keyswitch.appliance.DnsName;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.platform.ValidationFailed;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The uploaded TLS certificate is checked, and each problem is named next to its field")
class CertificateValidatorTest {

    private static final String NAME = "remote.example.com";
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String UNKNOWN_CA = "it was issued by a CA this appliance does not know";

    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;
    private static TestPki.Issued server;
    private static String chain;
    /** The appliance's trust store when it knows the test root, as it knows a public CA. */
    private static CaCertificates knowsRoot;

    @BeforeAll
    static void pki() {
        root = TestPki.root("Test Root CA", NOW);
        intermediate = TestPki.intermediate("Test Issuing CA", root, NOW);
        server = TestPki.server(intermediate, NAME, NOW);
        chain = TestPki.pem(intermediate.certificate(), root.certificate());
        knowsRoot = CaCertificates.of(List.of(TestPki.root("Some Other Root", NOW).certificate(), root.certificate()), "test");
    }

    @Test
    @DisplayName("leaf and intermediate, without the root, from a CA the appliance knows: accepted without a warning, served as leaf + intermediate")
    void chainWithoutRootFromAKnownCa() {
        CertificateBundle bundle = CertificateValidator.validate(server.pem(), intermediate.pem(), server.keyPem(), NAME, NOW, knowsRoot);

        assertThat(bundle.chain()).containsExactly(server.certificate(), intermediate.certificate());
        assertThat(bundle.warning()).isNull();
        assertThat(bundle.key()).isEqualTo(server.keys().getPrivate());
    }

    @Test
    @DisplayName("leaf and intermediate from a CA the appliance does not know: accepted, with the warning that names the CA")
    void chainWithoutRootFromAnUnknownCa() {
        CertificateBundle bundle = CertificateValidator.validate(server.pem(), intermediate.pem(), server.keyPem(), NAME, NOW,
                CaCertificates.none());

        assertThat(bundle.chain()).containsExactly(server.certificate(), intermediate.certificate());
        assertThat(bundle.warning()).contains(UNKNOWN_CA, "\"CN=Test Root CA\"");
    }

    @Test
    @DisplayName("with Debian's CA certificates (the appliance's trust store), a private CA's chain without its root is accepted with the warning")
    void debiansTrustStore() {
        CertificateBundle bundle = CertificateValidator.validate(server.pem(), intermediate.pem(), server.keyPem(), NAME, NOW);

        assertThat(bundle.chain()).containsExactly(server.certificate(), intermediate.certificate());
        assertThat(bundle.warning()).contains(UNKNOWN_CA);
    }

    @Test
    @DisplayName("the root pasted along is checked but never served: leaf + intermediate; known root, no warning; unknown root, the warning")
    void rootIsNeverServed() {
        CertificateBundle known = CertificateValidator.validate(server.pem(), chain, server.keyPem(), NAME, NOW, knowsRoot);
        CertificateBundle unknown = CertificateValidator.validate(server.pem(), chain, server.keyPem(), NAME, NOW, CaCertificates.none());

        assertThat(known.chain()).containsExactly(server.certificate(), intermediate.certificate());
        assertThat(known.warning()).isNull();
        assertThat(unknown.chain()).containsExactly(server.certificate(), intermediate.certificate());
        assertThat(unknown.warning()).contains(UNKNOWN_CA, "\"CN=Test Root CA\"");
    }

    @Test
    @DisplayName("the chain may come in any order, or after the certificate in the same field (fullchain.pem)")
    void chainOrderAndFullchain() {
        String reversed = TestPki.pem(root.certificate(), intermediate.certificate());
        String fullchain = TestPki.pem(server.certificate(), intermediate.certificate());

        assertThat(CertificateValidator.validate(server.pem(), reversed, server.keyPem(), NAME, NOW, knowsRoot).chain())
                .containsExactly(server.certificate(), intermediate.certificate());
        assertThat(CertificateValidator.validate(fullchain, "", server.keyPem(), NAME, NOW, knowsRoot).chain())
                .containsExactly(server.certificate(), intermediate.certificate());
    }

    @Test
    @DisplayName("only the leaf, its intermediate known to the appliance as a CA: accepted without a warning")
    void leafOnlyUnderAKnownIntermediate() {
        CaCertificates knowsIntermediate = CaCertificates.of(List.of(intermediate.certificate()), "test");

        CertificateBundle bundle = CertificateValidator.validate(server.pem(), "", server.keyPem(), NAME, NOW, knowsIntermediate);

        assertThat(bundle.chain()).containsExactly(server.certificate());
        assertThat(bundle.warning()).isNull();
    }

    @Test
    @DisplayName("only the leaf of an unknown CA: accepted with the warning, which asks for the intermediates")
    void leafOnlyUnderAnUnknownCa() {
        CertificateBundle bundle = CertificateValidator.validate(server.pem(), "", server.keyPem(), NAME, NOW, knowsRoot);

        assertThat(bundle.chain()).containsExactly(server.certificate());
        assertThat(bundle.warning()).contains(UNKNOWN_CA, "\"CN=Test Issuing CA\"", "paste them too");
    }

    @Test
    @DisplayName("an intermediate with an RSA 1024 key is refused in the chain field")
    void weakIntermediate() {
        TestPki.Issued weakCa = TestPki.intermediate("Weak Issuing CA", root, NOW, TestPki.rsa(1024));
        TestPki.Issued leaf = TestPki.server(TestPki.ec(), weakCa, List.of(NAME), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));

        assertThat(errors(leaf.pem(), weakCa.pem(), leaf.keyPem(), NAME, NOW)).containsExactly(Map.entry(CertificateValidator.CHAIN,
                "The chain certificate \"CN=Weak Issuing CA\": The key is too weak: RSA with 1024 bits. Use at least RSA 2048 or EC 256."));
    }

    @Test
    @DisplayName("an RSA 2048 key and a wildcard certificate are accepted; the name is compared without case")
    void rsaAndWildcard() {
        TestPki.Issued wildcard = TestPki.server(TestPki.rsa(2048), intermediate, List.of("*.example.com"),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

        assertThat(CertificateValidator.validate(wildcard.pem(), chain, wildcard.keyPem(), "Remote.Example.com", NOW, knowsRoot).chain()).hasSize(2);
        assertThat(CertificateValidator.coversName(wildcard.certificate(), "a.b.example.com")).isFalse();
    }

    @Test
    @DisplayName("a self-signed certificate for the name is its own complete chain, accepted with the warning that browsers will warn")
    void selfSigned() {
        TestPki.Issued self = TestPki.server(TestPki.ec(), null, List.of(NAME), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

        CertificateBundle bundle = CertificateValidator.validate(self.pem(), "", self.keyPem(), NAME, NOW, knowsRoot);

        assertThat(bundle.chain()).containsExactly(self.certificate());
        assertThat(bundle.warning()).startsWith("The certificate is self-signed: browsers warn");
    }

    @Test
    @DisplayName("a key of another certificate: 'The private key does not belong to this certificate.'")
    void keyMismatch() {
        TestPki.Issued other = TestPki.server(intermediate, NAME, NOW);

        assertThat(errors(server.pem(), chain, other.keyPem(), NAME, NOW))
                .containsExactly(Map.entry(CertificateValidator.KEY, "The private key does not belong to this certificate."));
    }

    @Test
    @DisplayName("an RSA key for an EC certificate does not match either")
    void keyOfAnotherType() {
        KeyPair rsa = TestPki.rsa(2048);

        assertThat(errors(server.pem(), chain, TestPki.keyPem(rsa.getPrivate()), NAME, NOW))
                .containsEntry(CertificateValidator.KEY, "The private key does not belong to this certificate.");
    }

    @Test
    @DisplayName("a missing intermediate (leaf and root pasted, nothing links them) is named by its subject")
    void missingIntermediate() {
        assertThat(errors(server.pem(), root.pem(), server.keyPem(), NAME, NOW)).containsExactly(Map.entry(CertificateValidator.CHAIN,
                "The chain is incomplete: the certificate of the issuer \"CN=Test Issuing CA\" is missing. "
                        + "Paste every intermediate certificate your CA gave you here."));
    }

    @Test
    @DisplayName("an unrelated certificate beside a chain the appliance can vouch for is left out, not refused")
    void unrelatedExtra() {
        TestPki.Issued stranger = TestPki.root("Stranger Root", NOW);

        CertificateBundle bundle = CertificateValidator.validate(server.pem(), TestPki.pem(intermediate.certificate(), stranger.certificate()),
                server.keyPem(), NAME, NOW, knowsRoot);

        assertThat(bundle.chain()).containsExactly(server.certificate(), intermediate.certificate());
    }

    @Test
    @DisplayName("a certificate for other names says which names it has and which it needs")
    void wrongSan() {
        TestPki.Issued other = TestPki.server(TestPki.ec(), intermediate, List.of("portal.example.org", "www.example.org"),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

        assertThat(errors(other.pem(), chain, other.keyPem(), NAME, NOW)).containsExactly(Map.entry(CertificateValidator.CERTIFICATE,
                "The certificate is for portal.example.org, www.example.org, not for remote.example.com (the DNS name of the appliance)."));
    }

    @Test
    @DisplayName("an expired certificate says until when it was valid; one not valid yet says from when")
    void validity() {
        TestPki.Issued expired = TestPki.server(TestPki.ec(), intermediate, List.of(NAME),
                NOW.minus(Duration.ofDays(100)), Instant.parse("2026-05-01T00:00:00Z"));
        TestPki.Issued future = TestPki.server(TestPki.ec(), intermediate, List.of(NAME),
                Instant.parse("2026-07-01T00:00:00Z"), NOW.plus(Duration.ofDays(100)));

        assertThat(errors(expired.pem(), chain, expired.keyPem(), NAME, NOW)).containsExactly(Map.entry(
                CertificateValidator.CERTIFICATE, "The certificate has expired (valid until 2026-05-01 00:00 UTC)."));
        assertThat(errors(future.pem(), chain, future.keyPem(), NAME, NOW)).containsExactly(Map.entry(
                CertificateValidator.CERTIFICATE, "The certificate is not valid yet (valid from 2026-07-01 00:00 UTC)."));
    }

    @Test
    @DisplayName("an expired intermediate is named in the chain field")
    void expiredIntermediate() {
        TestPki.Issued oldRoot = TestPki.root("Old Root", NOW);
        TestPki.Issued oldIntermediate = TestPki.intermediate("Old Issuing CA", oldRoot, NOW.minus(Duration.ofDays(4000)));
        TestPki.Issued leaf = TestPki.server(TestPki.ec(), oldIntermediate, List.of(NAME), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));

        assertThat(errors(leaf.pem(), TestPki.pem(oldIntermediate.certificate(), oldRoot.certificate()), leaf.keyPem(), NAME, NOW)
                .get(CertificateValidator.CHAIN)).startsWith("The chain certificate \"CN=Old Issuing CA\" has expired");
    }

    @Test
    @DisplayName("an RSA 1024 key is too weak, and the answer says what is needed")
    void weakKey() {
        TestPki.Issued weak = TestPki.server(TestPki.rsa(1024), intermediate, List.of(NAME),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

        assertThat(errors(weak.pem(), chain, weak.keyPem(), NAME, NOW)).containsExactly(Map.entry(CertificateValidator.CERTIFICATE,
                "The key is too weak: RSA with 1024 bits. Use at least RSA 2048 or EC 256."));
    }

    @Test
    @DisplayName("missing or unreadable input is named per field, never a stack trace")
    void unreadable() {
        assertThat(errors("", "", "", NAME, NOW)).containsOnlyKeys(CertificateValidator.CERTIFICATE, CertificateValidator.KEY);
        assertThat(errors("hello", "", server.keyPem(), NAME, NOW).get(CertificateValidator.CERTIFICATE)).startsWith("No certificate found");
        assertThat(errors(server.keyPem(), chain, server.keyPem(), NAME, NOW).get(CertificateValidator.CERTIFICATE))
                .isEqualTo("Only certificates belong here (found a private key, which goes in the key field).");
        assertThat(errors(server.pem(), chain, server.pem(), NAME, NOW).get(CertificateValidator.KEY))
                .startsWith("This is not a private key");
        String broken = server.pem().replace("MII", "M!I");
        assertThat(errors(broken, chain, server.keyPem(), NAME, NOW)).containsKey(CertificateValidator.CERTIFICATE);
    }

    @Test
    @DisplayName("DNS names: a fully qualified host name, lower-cased; IP addresses, single labels and bad labels are refused")
    void dnsNames() {
        assertThat(DnsName.check(" Remote.Example.COM. ", "dnsName")).isEqualTo("remote.example.com");
        assertThat(dnsError("192.0.2.10")).contains("not an IP address");
        assertThat(dnsError("keyswitch")).contains("full name with its domain");
        assertThat(dnsError("-bad.example.com")).contains("not a valid DNS name");
        assertThat(dnsError("a_b.example.com")).contains("not a valid DNS name");
        assertThat(dnsError("*.example.com")).contains("wildcard");
        assertThat(dnsError("")).contains("Please enter");
        assertThat(dnsError("x".repeat(64) + ".example.com")).contains("not a valid DNS name");
    }

    private static String dnsError(String name) {
        try {
            DnsName.check(name, "dnsName");
            throw new AssertionError("accepted " + name);
        } catch (ValidationFailed e) {
            return e.fieldErrors().get("dnsName");
        }
    }

    private static Map<String, String> errors(String cert, String chainPem, String key, String name, Instant now) {
        try {
            CertificateValidator.validate(cert, chainPem, key, name, now, knowsRoot);
        } catch (ValidationFailed e) {
            return e.fieldErrors();
        }
        throw new AssertionError("accepted");
    }
}
