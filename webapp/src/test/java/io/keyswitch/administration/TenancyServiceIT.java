package io.keyswitch.administration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.keyswitch.access.AccessService;
import io.keyswitch.access.GrantRequest;
import io.keyswitch.account.AccountAdministration;
import io.keyswitch.audit.AuditQuery;
import io.keyswitch.device.ComponentForm;
import io.keyswitch.device.DeviceForm;
import io.keyswitch.device.DeviceService;
import io.keyswitch.device.ProjectService;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.Actor;
import io.keyswitch.token.ApiTokens;
import io.keyswitch.testing.ArquillianPortal;
import io.keyswitch.testing.TestDirs;
import io.keyswitch.user.UserAdministration;
import io.keyswitch.user.UserForm;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenancy in the service layer itself, inside the running portal (Arquillian in-container): an
 * actor of account B hands every service the ids of account A's project, device, component, user,
 * group, grant and API token — each call is refused exactly as for an id that does not exist, and
 * A's rows are unchanged; and every list of B, filtered to match rows of both, holds only B's. The API and the
 * pages are thin over these services.
 */
@ExtendWith({ArquillianPortal.class, ArquillianExtension.class})
@DisplayName("Tenancy in every service")
class TenancyServiceIT {

    private static final long MISSING = 987_654_321L;

    @Inject
    AccountAdministration accounts;

    @Inject
    UserAdministration users;

    @Inject
    ProjectService projects;

    @Inject
    DeviceService devices;

    @Inject
    AccessService access;

    @Inject
    AuditQuery audit;

    @Inject
    ApiTokens tokens;

    @Deployment(testable = true)
    static WebArchive portal() throws java.io.IOException {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "keyswitch.war").importFrom(TestDirs.war().toFile()).as(WebArchive.class);
        // Arquillian's runner servlet is reached without a login; everything else keeps the portal's policy.
        String shiro;
        try (java.io.InputStream in = war.get("/WEB-INF/shiro.ini").getAsset().openStream()) {
            shiro = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        war.delete("/WEB-INF/shiro.ini");
        war.addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset(
                shiro.replace("[urls]\n", "[urls]\n/ArquillianServletRunnerEE9 = anon\n")), "shiro.ini");
        String web;
        try (java.io.InputStream in = war.get("/WEB-INF/web.xml").getAsset().openStream()) {
            web = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        war.delete("/WEB-INF/web.xml");
        war.setWebXML(new org.jboss.shrinkwrap.api.asset.StringAsset(web.replace("  <welcome-file-list>", """
                  <security-constraint>
                    <web-resource-collection>
                      <web-resource-name>arquillian runner, loopback HTTP</web-resource-name>
                      <url-pattern>/ArquillianServletRunnerEE9</url-pattern>
                    </web-resource-collection>
                    <user-data-constraint>
                      <transport-guarantee>NONE</transport-guarantee>
                    </user-data-constraint>
                  </security-constraint>
                  <welcome-file-list>""")));
        return war.addClasses(TenancyServiceIT.class, TenancyServiceIT.Across.class, ArquillianPortal.class)
                .addPackages(true, "org.assertj");
    }

    private static Actor everyRight(long accountId, Long userId, String name) {
        return new Actor(accountId, userId, name, "127.0.0.1", right -> true);
    }

    /** The first administrator of a new account, with every right. */
    private Actor administratorOf(long accountId) {
        long admin = users.userNamed(everyRight(accountId, null, "lookup"), "admin").orElseThrow().getId();
        return everyRight(accountId, admin, "admin");
    }

    @Test
    @DisplayName("every read and write with another account's id is refused like a missing id, and changes nothing")
    void everyServiceRefusesForeignIds() {
        String tag = Long.toString(System.nanoTime(), 36);
        Actor system = everyRight(0, null, "tenancy-test");
        Actor a = administratorOf(accounts.create(system, "svc-a-" + tag, "admin", null, "tenancy test").account().getId());
        Actor b = administratorOf(accounts.create(system, "svc-b-" + tag, "admin", null, "tenancy test").account().getId());

        long project = projects.create(a, "Line 3", null, "setup").getId();
        DeviceForm df = new DeviceForm();
        df.setName("Press 7");
        df.setLanSubnet("192.168.0.0/24");
        df.setProjectId(project);
        long device = devices.create(a, df, "setup").getId();
        ComponentForm cf = new ComponentForm();
        cf.setName("PLC");
        cf.setIp("192.168.0.10");
        cf.setServices("tcp/102");
        long component = devices.addComponent(a, device, cf, "setup").getId();
        long group = users.saveGroup(a, null, "Service", null, List.of("device:view"), "setup").getId();
        UserForm uf = new UserForm();
        uf.setUsername("tech");
        uf.setFullName("Tess Tech");
        uf.setGroupIds(List.of(group));
        long user = users.createUser(a, uf, "setup").user().getId();
        GrantRequest gr = new GrantRequest();
        gr.setSubjectType(GrantRequest.SubjectType.GROUP);
        gr.setGroupId(group);
        gr.setScopeType(GrantRequest.ScopeType.DEVICE);
        gr.setDeviceId(device);
        long grant = access.grant(a, gr, "setup").get(0).getId();
        long token = tokens.create(a, "svc token").token().getId();

        Map<String, Across> calls = new LinkedHashMap<>();
        calls.put("project find", id -> projects.find(b, id));
        calls.put("project update", id -> projects.update(b, id, "x", null, "across"));
        calls.put("project delete", id -> projects.delete(b, id, "across"));
        calls.put("device find", id -> devices.find(b, id).orElseThrow(() -> new NotFound("device")));
        calls.put("device update", id -> devices.update(b, id, df, "across"));
        calls.put("device delete", id -> devices.delete(b, id, "across"));
        calls.put("device components", id -> devices.components(b, id));
        calls.put("device add component", id -> devices.addComponent(b, id, cf, "across"));
        calls.put("user find", id -> users.user(b, id));
        calls.put("user update", id -> users.updateUser(b, id, uf, "across"));
        calls.put("user password reset", id -> users.resetPassword(b, id, "across"));
        calls.put("user groups", id -> users.groupIdsOf(b, id));
        calls.put("user reach", id -> access.reachableBy(b, id));
        calls.put("user reach count", id -> access.countReachable(b, id));
        calls.put("group find", id -> users.group(b, id));
        calls.put("group update", id -> users.saveGroup(b, id, "x", null, List.of(), "across"));
        calls.put("group delete", id -> users.deleteGroup(b, id, "across"));
        Map<String, Long> ids = Map.ofEntries(Map.entry("project", project), Map.entry("device", device),
                Map.entry("user", user), Map.entry("group", group), Map.entry("component", component),
                Map.entry("grant", grant), Map.entry("token", token));
        calls.put("component update", id -> devices.updateComponent(b, id, cf, "across"));
        calls.put("component delete", id -> devices.deleteComponent(b, id, "across"));
        calls.put("component who can reach", id -> access.whoCanReach(b, id));
        calls.put("grant revoke", id -> access.revoke(b, id, "across"));
        calls.put("token revoke", id -> tokens.revoke(b, id));

        calls.forEach((name, call) -> {
            long foreign = ids.get(name.split(" ")[0]);
            Throwable across = catchThrowable(() -> call.run(foreign));
            Throwable missing = catchThrowable(() -> call.run(MISSING));
            assertThat(across).as(name).isNotNull().hasSameClassAs(missing).hasMessage(missing.getMessage());
        });

        GrantRequest foreign = new GrantRequest();
        foreign.setSubjectType(GrantRequest.SubjectType.GROUP);
        foreign.setGroupId(group);
        foreign.setScopeType(GrantRequest.ScopeType.DEVICE);
        foreign.setDeviceId(device);
        assertThat(catchThrowable(() -> access.grant(b, foreign, "across"))).isInstanceOf(ValidationFailed.class)
                .hasMessage("Please choose a group from the list.");

        assertThat(projects.count(b, null)).isZero();
        assertThat(devices.count(b, null)).isZero();
        assertThat(access.countGrants(b)).isZero();
        assertThat(users.users(b, null, 0, 50)).extracting(u -> u.getUsername()).containsExactly("admin");
        assertThat(audit.page(b, new AuditQuery.Filter(null, null), 0, 500)).noneMatch(e ->
                String.valueOf(e.getDetails()).contains("Press 7") || String.valueOf(e.getTarget()).contains("tech"));
        assertThat(projects.find(a, project).getName()).isEqualTo("Line 3");
        assertThat(devices.components(a, device)).hasSize(1);
        assertThat(access.reachableBy(a, user)).hasSize(1);
        assertThat(users.group(a, group).getName()).isEqualTo("Service");
        assertThat(tokens.mine(a)).extracting(t -> t.getId()).containsExactly(token);
        assertThat(audit.verify(a).intact()).isTrue();
    }

    @Test
    @DisplayName("every list (count and page, with a filter both accounts match) holds only the actor's account's rows")
    void everyListStaysInItsAccount() {
        String tag = Long.toString(System.nanoTime(), 36);
        Actor system = everyRight(0, null, "tenancy-test");
        Actor a = administratorOf(accounts.create(system, "list-a-" + tag, "admin", null, "tenancy test").account().getId());
        Actor b = administratorOf(accounts.create(system, "list-b-" + tag, "admin", null, "tenancy test").account().getId());
        Map<Actor, Map<String, Long>> own = new LinkedHashMap<>();
        for (Actor actor : List.of(a, b)) {
            long project = projects.create(actor, "Line 3", null, "setup").getId();
            DeviceForm df = new DeviceForm();
            df.setName("Press 7");
            df.setLanSubnet("192.168.0.0/24");
            df.setProjectId(project);
            long device = devices.create(actor, df, "setup").getId();
            long group = users.saveGroup(actor, null, "Service", null, List.of("device:view"), "setup").getId();
            UserForm uf = new UserForm();
            uf.setUsername("tech");
            uf.setFullName("Tess Tech");
            uf.setGroupIds(List.of(group));
            long user = users.createUser(actor, uf, "setup").user().getId();
            GrantRequest gr = new GrantRequest();
            gr.setSubjectType(GrantRequest.SubjectType.GROUP);
            gr.setGroupId(group);
            gr.setScopeType(GrantRequest.ScopeType.DEVICE);
            gr.setDeviceId(device);
            long grant = access.grant(actor, gr, "setup").get(0).getId();
            long token = tokens.create(actor, "list token").token().getId();
            own.put(actor, Map.of("project", project, "device", device, "group", group, "user", user, "grant", grant,
                    "token", token));
        }

        for (Actor actor : List.of(a, b)) {
            Map<String, Long> ids = own.get(actor);
            assertThat(projects.count(actor, "Line")).isOne();
            assertThat(projects.page(actor, "Line", null, true, 0, 50)).extracting(r -> r.project().getId())
                    .containsExactly(ids.get("project"));
            assertThat(devices.count(actor, "Press")).isOne();
            assertThat(devices.page(actor, new io.keyswitch.device.DevicePage("Press", "lanSubnet", false, 0, 50)))
                    .extracting(d -> d.getId()).containsExactly(ids.get("device"));
            assertThat(users.countGroups(actor, "Serv")).isOne();
            assertThat(users.groups(actor, "Serv", 0, 50)).extracting(g -> g.getId()).containsExactly(ids.get("group"));
            assertThat(users.countUsers(actor, "te")).isOne();
            assertThat(users.users(actor, "te", 0, 50)).extracting(u -> u.getId()).containsExactly(ids.get("user"));
            assertThat(access.countGrants(actor)).isOne();
            assertThat(access.grants(actor, 0, 50)).extracting(g -> g.getId()).containsExactly(ids.get("grant"));
            assertThat(tokens.countAccountTokens(actor)).isOne();
            assertThat(tokens.accountTokens(actor, 0, 50)).extracting(t -> t.getId()).containsExactly(ids.get("token"));
            AuditQuery.Filter deviceEvents = new AuditQuery.Filter("device.", "adm");
            assertThat(audit.count(actor, deviceEvents)).isOne();
            assertThat(audit.page(actor, deviceEvents, 0, 50)).extracting(e -> e.getAccountId()).containsExactly(actor.accountId());
        }
    }

    /** A service call with an id. */
    @FunctionalInterface
    interface Across {
        void run(long id) throws Exception;
    }
}
