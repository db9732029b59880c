package io.keyswitch.report.web;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.web.Downloads;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.report.ReportColumn;
import io.keyswitch.report.ReportFilter;
import io.keyswitch.report.ReportKind;
import io.keyswitch.report.ReportKinds;
import io.keyswitch.report.ReportPage;
import io.keyswitch.report.ReportRow;
import io.keyswitch.report.ReportTotals;
import io.keyswitch.report.ReportWriter;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.primefaces.model.StreamedContent;

/**
 * The report page, one for every kind: {@code reports.xhtml?kind=connections&from=2026-11-01&to=2026-11-30&device=7}.
 * The address holds the kind and the filter, so a report can be bookmarked; "Show" checks the filter (messages next
 * to its fields) and goes to the address of the new one. The table shows one keyed page of the kind's rows (newest
 * first; Next continues after the last row's key, Previous goes back to the key the page before started at — never
 * an offset, never a count), the kind's totals under it (a deferred panel: the sums read every row of the report, so
 * they come by ajax once the first page shows), and CSV and PDF of the whole report.
 */
@Named
@ViewScoped
public class ReportsView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String FORM = "filterForm";
    private static final List<Integer> SIZES = List.of(25, 50, 100, 200);

    @Inject
    ReportKinds kinds;

    @Inject
    ReportWriter writer;

    @Inject
    ReportChoosers choosers;

    @Inject
    Clock clock;

    // the address: the kind and the filter as the API takes them
    private String kind;
    private String fromParam;
    private String toParam;
    private String accountParam;
    private String projectParam;
    private String deviceParam;
    private String userParam;

    // the form
    private String chosenKind;
    private LocalDate from;
    private LocalDate to;
    private Long accountId;
    private String project;
    private String device;
    private String user;
    private final Map<String, Long> offered = new HashMap<>();

    // the report shown: its filter (null while the address's is wrong), and where the page is
    private LinkedHashMap<String, String> filter;
    private final KeyedPages pages = new KeyedPages();
    private int size = 50;
    private transient List<ReportRow> rows;
    private transient List<ReportTotals> totals;
    private transient Map<String, String> described;

    /** Reads the address: the kind (the first the user may run when none is named) and the filter, then the first page. */
    public void load() {
        Actor actor = actor();
        List<ReportKind> allowed = kinds.allowedFor(actor);
        if (allowed.isEmpty()) {
            error(null, "There is no report you may run.");
            return;
        }
        if (kind == null || kind.isBlank()) {
            kind = allowed.get(0).name();
        }
        chosenKind = kind;
        ReportKind k = runnable(actor);
        if (k == null) {
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("from", fromParam);
        parameters.put("to", toParam);
        parameters.put("account", accountParam);
        parameters.put("project", projectParam);
        parameters.put("device", deviceParam);
        parameters.put("user", userParam);
        try {
            ReportFilter f = ReportFilter.parse(parameters);
            showInForm(actor, f);
            described = k.describe(actor, f);
            filter = new LinkedHashMap<>(f.parameters());
        } catch (ValidationFailed e) {
            fieldErrors(e);
        } catch (NotFound e) {
            error(null, "The filter names something that does not exist or is not yours to see (" + e.getMessage() + ").");
        } catch (Forbidden e) {
            error(null, e.getMessage());
        }
    }

    /** "Show": checks the form's filter with the chosen kind and goes to its address. */
    public void show() {
        Actor actor = actor();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, "from", from == null ? null : from.toString());
        put(parameters, "to", to == null ? null : to.toString());
        put(parameters, "account", ReportChoosers.anyAccount(actor) && accountId != null ? accountId.toString() : null);
        chosen(errors, parameters, "project", project);
        chosen(errors, parameters, "device", device);
        chosen(errors, parameters, "user", user);
        if (!errors.isEmpty()) {
            fieldErrors(new ValidationFailed(errors));
            return;
        }
        kind = chosenKind;
        ReportKind k = runnable(actor);
        if (k == null) {
            return;
        }
        try {
            k.describe(actor, ReportFilter.parse(parameters));
        } catch (ValidationFailed e) {
            fieldErrors(e);
            return;
        } catch (NotFound e) {
            error(null, "The filter names something that does not exist or is not yours to see (" + e.getMessage() + ").");
            return;
        }
        redirect(address(k.name(), parameters));
    }

    /** The address of the report {@code kind} with {@code parameters} (a bookmark). */
    static String address(String kind, Map<String, String> parameters) {
        StringBuilder url = new StringBuilder("reports.xhtml?kind=").append(encode(kind));
        parameters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                url.append('&').append(name).append('=').append(encode(value));
            }
        });
        return url.toString();
    }

    public void next() {
        getRows();
        if (pages.next()) {
            rows = null;
        }
    }

    public void previous() {
        pages.previous();
        rows = null;
    }

    public void first() {
        pages.first();
        rows = null;
    }

    /** The rows of the page shown; none while the filter is wrong. */
    public List<ReportRow> getRows() {
        if (filter == null) {
            return List.of();
        }
        if (rows == null) {
            ReportPage page = current().page(actor(), ReportFilter.parse(filter), pages.after(), size);
            rows = page.rows();
            pages.seen(page.next());
        }
        return rows;
    }

    public List<ReportTotals> getTotals() {
        if (filter == null) {
            return List.of();
        }
        if (totals == null) {
            totals = current().totals(actor(), ReportFilter.parse(filter));
        }
        return totals;
    }

    /** "Rows 51–100, more follow"; "No rows match." */
    public String getPosition() {
        List<ReportRow> shown = getRows();
        return KeyedPages.position(pages.index(), size, shown.size(), pages.following() != null);
    }

    public StreamedContent getCsv() {
        return download("csv", "text/csv; charset=UTF-8");
    }

    public StreamedContent getPdf() {
        return download("pdf", "application/pdf");
    }

    private StreamedContent download(String extension, String contentType) {
        String ip = Pages.sourceIp();
        String name = kind;
        Map<String, String> f = new LinkedHashMap<>(filter);
        String file = name + "-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + "." + extension;
        return Downloads.streamed(file, contentType, out -> {
            Actor actor = Actor.current(ip);
            ReportKind k = kinds.runnable(actor, name);
            if (extension.equals("csv")) {
                writer.csv(k, actor, ReportFilter.parse(f), out);
            } else {
                writer.pdf(k, actor, ReportFilter.parse(f), out);
            }
        });
    }

    public List<String> completeProject(String typed) {
        return offer("project", choosers.projects(actor(), scopeAccount(), typed));
    }

    public List<String> completeDevice(String typed) {
        return offer("device", choosers.devices(actor(), scopeAccount(), typed));
    }

    public List<String> completeUser(String typed) {
        return offer("user", choosers.users(actor(), scopeAccount(), typed));
    }

    private List<String> offer(String what, List<ReportChoosers.Choice> choices) {
        choices.forEach(c -> offered.put(what + ":" + c.label(), c.id()));
        return choices.stream().map(ReportChoosers.Choice::label).toList();
    }

    private Long scopeAccount() {
        return ReportChoosers.anyAccount(actor()) ? accountId : null;
    }

    /** The kinds the reader may run, for the chooser. */
    public List<ReportKind> getKinds() {
        return kinds.allowedFor(actor());
    }

    public List<ReportChoosers.Choice> getAccounts() {
        return choosers.accounts(actor());
    }

    public boolean isAnyAccount() {
        return ReportChoosers.anyAccount(actor());
    }

    public boolean isOffersNames() {
        return ReportChoosers.offersNames(actor());
    }

    /** Whether a report is shown (a kind the reader may run, with a filter that is right). */
    public boolean isShown() {
        return filter != null;
    }

    public String getTitle() {
        ReportKind k = kind == null ? null : kinds.find(kind).orElse(null);
        return k == null ? "Reports" : k.title();
    }

    public List<ReportColumn> getColumns() {
        return filter == null ? List.of() : current().columns();
    }

    /** The filter in words, as the kind says it ("Period" → "…"), for the line above the table and the print. */
    public Map<String, String> getDescribed() {
        if (described == null) {
            described = filter == null ? Map.of() : current().describe(actor(), ReportFilter.parse(filter));
        }
        return described;
    }

    public String getDescribedLine() {
        return getDescribed().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(" · "));
    }

    public boolean isFirstPage() {
        return pages.index() == 0;
    }

    public boolean isLastPage() {
        getRows();
        return pages.following() == null;
    }

    private ReportKind current() {
        return kinds.named(kind);
    }

    private ReportKind runnable(Actor actor) {
        try {
            return kinds.runnable(actor, kind);
        } catch (NotFound e) {
            error(FORM + ":kind", "There is no report '" + kind + "'. Choose one of the list.");
        } catch (Forbidden e) {
            error(FORM + ":kind", "You may not run the report '" + kind + "'. Choose one of the list.");
        }
        return null;
    }

    private void showInForm(Actor actor, ReportFilter f) {
        from = f.from() == null ? null : LocalDate.ofInstant(f.from(), ZoneOffset.UTC);
        to = f.to() == null ? null : LocalDate.ofInstant(f.to().minusNanos(1), ZoneOffset.UTC);
        accountId = f.accountId();
        project = labelOf(actor, f.accountId(), "project", f.projectId());
        device = labelOf(actor, f.accountId(), "device", f.deviceId());
        user = labelOf(actor, f.accountId(), "user", f.userId());
    }

    private String labelOf(Actor actor, Long account, String what, Long id) {
        if (id == null) {
            return null;
        }
        String label = choosers.label(actor, account, what, id).orElse("#" + id);
        offered.put(what + ":" + label, id);
        return label;
    }

    /** The id of what was chosen in a chooser; an error when the text typed is not one of the names offered. */
    private void chosen(Map<String, String> errors, Map<String, String> parameters, String what, String label) {
        if (label == null || label.isBlank()) {
            return;
        }
        Long id = offered.get(what + ":" + label);
        if (id == null) {
            errors.put(what, "Choose a " + what + " from the names offered as you type.");
        } else {
            parameters.put(what, id.toString());
        }
    }

    private static void put(Map<String, String> parameters, String name, String value) {
        if (value != null) {
            parameters.put(name, value);
        }
    }

    private static void fieldErrors(ValidationFailed e) {
        FacesContext faces = FacesContext.getCurrentInstance();
        e.fieldErrors().forEach((field, message) -> faces.addMessage(FORM + ":" + field,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null)));
        faces.validationFailed();
    }

    private static void error(String clientId, String message) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
        faces.validationFailed();
    }

    private static void redirect(String url) {
        try {
            FacesContext.getCurrentInstance().getExternalContext().redirect(url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getFromParam() {
        return fromParam;
    }

    public void setFromParam(String fromParam) {
        this.fromParam = fromParam;
    }

    public String getToParam() {
        return toParam;
    }

    public void setToParam(String toParam) {
        this.toParam = toParam;
    }

    public String getAccountParam() {
        return accountParam;
    }

    public void setAccountParam(String accountParam) {
        this.accountParam = accountParam;
    }

    public String getProjectParam() {
        return projectParam;
    }

    public void setProjectParam(String projectParam) {
        this.projectParam = projectParam;
    }

    public String getDeviceParam() {
        return deviceParam;
    }

    public void setDeviceParam(String deviceParam) {
        this.deviceParam = deviceParam;
    }

    public String getUserParam() {
        return userParam;
    }

    public void setUserParam(String userParam) {
        this.userParam = userParam;
    }

    public String getChosenKind() {
        return chosenKind;
    }

    public void setChosenKind(String chosenKind) {
        this.chosenKind = chosenKind;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public Long getAccountId() {
        return accountId;
    }

    public void setAccountId(Long accountId) {
        this.accountId = accountId;
    }

    public String getProject() {
        return project;
    }

    public void setProject(String project) {
        this.project = project;
    }

    public String getDevice() {
        return device;
    }

    public void setDevice(String device) {
        this.device = device;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public int getSize() {
        return size;
    }

    /** A new page size starts again at the newest row. */
    public void setSize(int size) {
        if (SIZES.contains(size) && size != this.size) {
            this.size = size;
            pages.first();
            rows = null;
        }
    }

    public List<Integer> getSizes() {
        return SIZES;
    }
}
