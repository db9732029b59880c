package io.keyswitch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The catalogue of audit actions")
class AuditActionTest {

    private static final Path ADMIN_GUIDE = Path.of("..", "docs", "administer", "guide.md");
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final String START = "<!-- audit-actions:start (generated from AuditAction by AuditActionTest) -->";
    private static final String END = "<!-- audit-actions:end -->";

    @Test
    @DisplayName("the admin guide lists exactly the catalogue, in its order, with each action's meaning")
    void adminGuideListsTheCatalogue() throws IOException {
        String guide = Files.readString(ADMIN_GUIDE);
        int start = guide.indexOf(START);
        int end = guide.indexOf(END);

        assertThat(start).as("the admin guide's audit action list starts with " + START).isNotNegative();
        assertThat(end).as("and ends with " + END).isGreaterThan(start);
        assertThat(guide.substring(start + START.length(), end).strip())
                .as("the admin guide's list between the markers; put this there")
                .isEqualTo(table());
    }

    @Test
    @DisplayName("every action's text is unique, fits the column, and is lower case words joined by dots and hyphens")
    void textsAreUniqueAndWellFormed() {
        assertThat(Arrays.stream(AuditAction.values()).map(AuditAction::value)).doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(v).matches("[a-z]+(-[a-z]+)*(\\.[a-z]+(-[a-z]+)*)*")
                        .hasSizeLessThanOrEqualTo(AuditEntry.ACTION));
        assertThat(Arrays.stream(AuditAction.values()).map(AuditAction::meaning))
                .allSatisfy(m -> assertThat(m).isNotBlank().doesNotContain("|", "\n"));
    }

    @Test
    @DisplayName("the texts SIEM rules match on stay what they were: login, login.second-factor, vpn.login, vpn.auth, …")
    void shippedTextsStay() {
        assertThat(AuditAction.LOGIN.value()).isEqualTo("login");
        assertThat(AuditAction.LOGIN_SECOND_FACTOR.value()).isEqualTo("login.second-factor");
        assertThat(AuditAction.VPN_LOGIN.value()).isEqualTo("vpn.login");
        assertThat(AuditAction.VPN_AUTH.value()).isEqualTo("vpn.auth");
        assertThat(AuditAction.USER_DISABLE_INACTIVE.value()).isEqualTo("user.disable.inactive");
        assertThat(AuditAction.VPN_DEVICE_PROFILE_REGENERATE.value()).isEqualTo("vpn.device-profile-regenerate");
        assertThat(AuditAction.DEVICE_REPORT_REFUSED.value()).isEqualTo("device.report-refused");
        assertThat(AuditAction.ACCOUNT_POOL_GROWN.value()).isEqualTo("account.pool-grown");
        assertThat(AuditAction.VPN_DEVICE_PROFILES_BULK.value()).isEqualTo("vpn.device-profiles-bulk");
        assertThat(AuditAction.AUDIT_VERIFY.value()).isEqualTo("audit.verify");
        assertThat(AuditAction.DEVICE_KEY_SWITCH_CHANGED.value()).isEqualTo("device.key-switch-changed");
        assertThat(AuditAction.WORK_REPORT_WRITE.value()).isEqualTo("work-report.write");
        assertThat(AuditAction.REPORT_SCHEDULE_MAIL.value()).isEqualTo("report-schedule.mail");
        assertThat(AuditAction.PORTAL_START.value()).isEqualTo("portal.start");
        assertThat(AuditAction.VPN_SERVER_START.value()).isEqualTo("vpn.server-start");
        assertThat(AuditAction.VPN_INSTANCE_RESTART.value()).isEqualTo("vpn.instance-restart");
        assertThat(AuditAction.values()).hasSize(106);
    }

    @Test
    @DisplayName("the portal writes every audit entry with an action of the catalogue: no class but AuditEntry spells out its nine fields")
    void noEntryOutsideTheCatalogue() throws IOException {
        List<String> spelledOut;
        try (Stream<Path> sources = Files.walk(MAIN)) {
            spelledOut = sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith(Path.of("io", "keyswitch", "audit", "AuditEntry.java")))
                    .filter(p -> read(p).contains("new AuditEntry(") || read(p).contains("new io.keyswitch.audit.AuditEntry("))
                    .map(p -> MAIN.relativize(p).toString()).toList();
        }

        // nothing may write an action the catalogue does not hold
        assertThat(spelledOut).as("classes that build an AuditEntry from nine fields instead of AuditEntry.of(AuditAction, …)")
                .isEmpty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The admin guide's table: one row per action, in the catalogue's order. */
    static String table() {
        return "| action | what it records |\n| --- | --- |\n" + Arrays.stream(AuditAction.values())
                .map(a -> "| `" + a.value() + "` | " + a.meaning() + " |").collect(Collectors.joining("\n"));
    }
}
