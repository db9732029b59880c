package io.keyswitch.setup.web;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.jail.Admission;
import io.keyswitch.jail.LoginJail;
import io.keyswitch.appliance.ApplianceSettings;
import io.keyswitch.platform.LoginNames;
import io.keyswitch.user.PasswordHasher;
import io.keyswitch.user.User;
import io.keyswitch.user.UserDirectory;
import io.keyswitch.user.UserStatus;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * The appliance console's question "may this person change the network, enable SSH, reboot or shut down?":
 * answered only on loopback (anyone else gets 404), only after setup, and only for an active system
 * administrator with the right password (no second factor: the console is at the machine). 204 yes, 403 no.
 * Wrong passwords count in the login jail (a user name banned by failures elsewhere does not lock the console
 * out: nobody reaches loopback from outside); every answer is audited ({@code console.authorize}).
 */
@WebServlet("/appliance/console-check")
public class ConsoleCheckServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Set<String> ACTIONS = Set.of("network", "ssh", "reboot", "shutdown");

    @Inject
    transient UserDirectory directory;

    @Inject
    transient PasswordHasher hasher;

    @Inject
    transient LoginJail jail;

    @Inject
    transient AuditTrail audit;

    @Inject
    transient ApplianceSettings settings;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String ip = request.getRemoteAddr();
        if (!InetAddress.getByName(ip).isLoopbackAddress()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String account = value(request, "account");
        String username = value(request, "username");
        String password = request.getParameter("password");
        String action = value(request, "action");
        response.setContentType("text/plain;charset=UTF-8");
        if (!ACTIONS.contains(action)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.getWriter().println("unknown action");
            return;
        }
        if (!settings.setupCompleted()) {
            deny(response, "Setup is not finished yet.");
            return;
        }
        Optional<LoginNames.Canonical> name = LoginNames.parse(account, username);
        String tried = name.map(LoginNames.Canonical::qualified)
                .orElseGet(() -> LoginNames.shown(account) + "/" + LoginNames.shown(username));
        Admission admission = jail.admit(ip, name.map(LoginNames.Canonical::qualified).orElse(null), () -> true);
        if (!admission.admitted()) {
            deny(response, "Too many wrong passwords. Wait a few minutes.");
            return;
        }
        Optional<User> user = name.flatMap(n -> directory.findForLogin(n.account(), n.user()));
        char[] typed = password == null ? new char[0] : password.toCharArray();
        if (user.isEmpty()) {
            hasher.spendOneCheck(typed);
        }
        boolean passwordRight = user.isPresent() && hasher.matches(typed, user.get().getPasswordHash());
        if (!passwordRight) {
            jail.failed(admission);
            audit.record(AuditEntry.of(AuditAction.CONSOLE_AUTHORIZE, Outcome.FAILURE)
                    .in(user.map(u -> u.getAccount().getId()).orElse(null)).by(tried, null).from(ip).on("console:" + action)
                    .because("wrong account, user name or password"));
            deny(response, "Wrong account, user name or password.");
            return;
        }
        User u = user.get();
        jail.succeeded(admission);
        if (!u.isSystemAdmin() || u.getStatus() != UserStatus.ACTIVE) {
            audit.record(AuditEntry.of(AuditAction.CONSOLE_AUTHORIZE, Outcome.DENIED).in(u.getAccount().getId())
                    .by(tried, u.getId()).from(ip).on("console:" + action).because("not an active system administrator"));
            deny(response, "Only an active system administrator may do this.");
            return;
        }
        jail.recordSuccess(ip, tried);
        audit.record(AuditEntry.of(AuditAction.CONSOLE_AUTHORIZE, Outcome.SUCCESS).in(u.getAccount().getId())
                .by(tried, u.getId()).from(ip).on("console:" + action).because("at the appliance console"));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private static void deny(HttpServletResponse response, String why) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.getWriter().println(why);
    }

    private static String value(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v.strip();
    }
}
