package io.keyswitch.vpn.internal;

import io.keyswitch.vpn.VpnInstance;
import io.keyswitch.vpn.VpnSettings;
import io.keyswitch.vpn.config.InstanceSettings;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.vpn.config.ServerConfigGenerator;
import io.keyswitch.vpn.pki.EncryptedKeyCodec;
import io.keyswitch.vpn.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An instance's files: where they go ({@code <config-dir>/acct-<id>.conf}, {@code <config-dir>/acct-<id>/} with the CA
 * and server certificates, the server and tls-crypt keys and the CRL, the management socket in the socket folder), and
 * writing them with the modes OpenVPN needs, each through a temporary file so OpenVPN never reads half a file.
 */
public final class InstanceFiles {

    private final VpnSettings settings;
    private final VpnSecrets secrets;
    private final ApplianceCa ca;
    private final InstanceStore store;

    public InstanceFiles(VpnSettings settings, VpnSecrets secrets, ApplianceCa ca, InstanceStore store) {
        this.settings = settings;
        this.secrets = secrets;
        this.ca = ca;
        this.store = store;
    }

    /** Where the instance's files and socket are, and what its config says. */
    public InstanceSettings layout(long accountId, VpnInstance instance, java.util.List<Ipv4Network> devices) {
        Path dir = settings.configDirectory().resolve(instance.getName());
        return new InstanceSettings(instance.getName(), instance.getPort(),
                Ipv4Network.parse(instance.getTunnelSubnet()), devices, dir.resolve("ca.crt"), dir.resolve("server.crt"),
                dir.resolve("server.key"), dir.resolve("tls-crypt.key"), dir.resolve("crl.pem"),
                settings.socketDirectory().resolve(instance.getName() + ".sock"), settings.maxClients(), "nobody", "nogroup",
                InstanceSettings.accountDevice(accountId));
    }

    /** The certificates, keys and config (not the CRL: {@link #writeCrl}). */
    public void write(VpnInstance instance, InstanceSettings files) throws IOException {
        Path dir = files.serverCertificate().getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(files.managementSocket().getParent());
        EncryptedKeyCodec codec = new EncryptedKeyCodec(secrets.keyEncryptionSecret());
        write(files.caCertificate(), ca.certificatePem(), "rw-r--r--");
        write(files.serverCertificate(), instance.getServerCertificatePem(), "rw-r--r--");
        write(files.serverKey(), Pem.unencryptedKey(codec.decrypt(instance.getServerKeyEncrypted())), "rw-------");
        write(files.tlsCryptKey(), secrets.decryptText(instance.getTlsCryptEncrypted()), "rw-------");
        write(settings.configDirectory().resolve(instance.getName() + ".conf"), new ServerConfigGenerator().generate(files),
                "rw-r--r--");
    }

    /**
     * Signs the account's CRL again with the next number and puts it in place (OpenVPN reads it at each handshake); one
     * at a time, so a CRL in place never has a lower number than one before it.
     */
    public synchronized void writeCrl(long accountId, InstanceSettings files) throws IOException {
        write(files.crl(), ca.crlPem(store.nextCrl(accountId)), "rw-r--r--");
    }

    /** Writes to a temporary file first and moves it into place, so OpenVPN never reads half a file. */
    private static void write(Path file, String text, String permissions) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.deleteIfExists(next);
        Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        // the creation mode is cut by the process umask (the appliance's portal runs with 0077): set it as meant
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString(permissions));
        Files.writeString(next, text, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
