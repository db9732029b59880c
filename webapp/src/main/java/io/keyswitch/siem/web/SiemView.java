package io.keyswitch.siem.web;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.web.EditCycle;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.siem.SyslogTarget;
import io.keyswitch.siem.SyslogTargets;
import io.keyswitch.siem.SyslogTargets.Row;
import io.keyswitch.siem.TargetForm;
import io.keyswitch.siem.TestMessages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.apache.shiro.SecurityUtils;

/**
 * The SIEM forwarding page: the syslog targets the signed-in user manages with where forwarding to each stands
 * (position, lag, last success, last error), a dialog to create or change one, delete with a reason, and "send test
 * message", which says in words what happened.
 */
@Named
@ViewScoped
public class SiemView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SyslogTargets targets;

    @Inject
    transient TestMessages tests;

    private final PagedModel<Row> model = new PagedModel<>(filter -> targets.count(actor()),
            (filter, sort, ascending, first, size) -> targets.page(actor(), first, size), row -> row.target().getId());
    private final EditCycle edit = new EditCycle("Syslog target", "targetForm");
    private boolean permitted;
    private boolean systemAdmin;
    private String name;
    private String scope;
    private String host;
    private Integer port;
    private String transport;
    private String caPem;
    private boolean enabled = true;
    private String testResult;
    private boolean testDelivered;

    @PostConstruct
    void load() {
        var subject = SecurityUtils.getSubject();
        permitted = subject.isAuthenticated() && SyslogTargets.permitted(subject::isPermitted);
        systemAdmin = subject.isAuthenticated() && subject.isPermitted(io.keyswitch.platform.Rights.ACCOUNT_MANAGE);
    }

    public void startCreate() {
        name = host = caPem = null;
        scope = systemAdmin ? "APPLIANCE" : "ACCOUNT";
        port = 6514;
        transport = "TLS";
        enabled = true;
        edit.startCreate();
    }

    public void startEdit(Row row) {
        SyslogTarget t = row.target();
        name = t.getName();
        scope = t.isApplianceWide() ? "APPLIANCE" : "ACCOUNT";
        host = t.getHost();
        port = t.getPort();
        transport = t.getTransport().name();
        caPem = t.getCaPem();
        enabled = t.isEnabled();
        edit.startEdit(t.getId());
    }

    public void save() {
        Actor actor = actor();
        TargetForm form = new TargetForm(name, scope, host, port, transport, caPem, enabled);
        edit.save(name == null ? "" : name.strip(), reason -> targets.create(actor, form, reason),
                (id, reason) -> targets.update(actor, id, form, reason));
    }

    public void startDelete(Row row) {
        edit.startDelete(row.target().getId(), row.target().getName());
    }

    public void delete() {
        Actor actor = actor();
        edit.delete((id, reason) -> targets.delete(actor, id, reason));
    }

    /** Sends a test message to the row's target; the words of what happened show at the top of the page. */
    public void test(Row row) {
        TestMessages.Result r = Pages.attempt("listForm", null, () -> tests.send(actor(), row.target().getId()));
        if (r == null) {
            return;
        }
        testDelivered = r.delivered();
        testResult = "Test message to '" + row.target().getName() + "': " + r.words();
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(
                r.delivered() ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_ERROR, testResult, null));
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public PagedModel<Row> getModel() {
        return model;
    }

    public EditCycle getEdit() {
        return edit;
    }

    public boolean isPermitted() {
        return permitted;
    }

    public boolean isSystemAdmin() {
        return systemAdmin;
    }

    public String getTestResult() {
        return testResult;
    }

    public boolean isTestDelivered() {
        return testDelivered;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = transport;
    }

    public String getCaPem() {
        return caPem;
    }

    public void setCaPem(String caPem) {
        this.caPem = caPem;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
