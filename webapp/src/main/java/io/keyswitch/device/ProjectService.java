package io.keyswitch.device;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.account.AccountPolicies;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.platform.AccountScopedQuery;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Text;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Projects, the folders devices are kept in, of the actor's account only: listed with their device
 * counts (filtered, sorted and paged by the database), created, renamed and deleted with a reason.
 * A project that still holds devices is not deleted; its grants go with it (named in the audit).
 */
@ApplicationScoped
@Transactional
public class ProjectService {

    private static final AccountScopedQuery.Sorting SORTING = AccountScopedQuery.Sorting.tieBrokenBy("p.id")
            .field("name", "p.name").field("createdAt", "p.createdAt");

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    AccountPolicies policies;

    @Inject
    Clock clock;

    /** A project and how many devices it holds. */
    public record Row(Project project, long devices) {
        public Project getProject() {
            return project;
        }

        public long getDevices() {
            return devices;
        }
    }

    /** Every project of the account, by name (for choosing one). */
    public List<Project> all(Actor actor) {
        return list(actor, null).orderBy("p.name").all();
    }

    public Project find(Actor actor, long projectId) {
        actor.require(Rights.DEVICE_VIEW);
        Project p = em.find(Project.class, projectId);
        if (p == null || p.getAccountId() != actor.accountId()) {
            throw new NotFound("project");
        }
        return p;
    }

    public long count(Actor actor, String filter) {
        return list(actor, filter).count();
    }

    /** One page of projects whose name starts with {@code filter}, sorted by name or creation. */
    public List<Row> page(Actor actor, String filter, String sortField, boolean ascending, int first, int size) {
        List<Project> projects = list(actor, filter).orderBy(SORTING, sortField, ascending)
                .page(first, Math.min(size, 500));
        Map<Long, Long> counts = new HashMap<>();
        if (!projects.isEmpty()) {
            em.createQuery("SELECT d.project.id, COUNT(d) FROM Device d WHERE d.project IN :ps GROUP BY d.project.id", Object[].class)
                    .setParameter("ps", projects).getResultList()
                    .forEach(r -> counts.put((Long) r[0], (Long) r[1]));
        }
        return projects.stream().map(p -> new Row(p, counts.getOrDefault(p.getId(), 0L))).toList();
    }

    public Project create(Actor actor, String name, String description, String reason) {
        actor.require(Rights.PROJECT_MANAGE);
        String why = policies.reason(actor, reason);
        String n = checkName(actor, name, null);
        String d = checkDescription(description);
        Project p = new Project(actor.accountId(), n, clock.instant());
        p.setDescription(d);
        em.persist(p);
        em.flush();
        audit.record(AuditEntry.change(actor, AuditAction.PROJECT_CREATE, "project:" + p.getId(),
                Changes.of().field("name", null, p.getName()).field("description", null, p.getDescription()), why));
        return p;
    }

    public Project update(Actor actor, long projectId, String name, String description, String reason) {
        actor.require(Rights.PROJECT_MANAGE);
        String why = policies.reason(actor, reason);
        Project p = find(actor, projectId);
        String n = checkName(actor, name, p.getId());
        String d = checkDescription(description);
        Changes changes = Changes.of().field("name", p.getName(), n).field("description", p.getDescription(), d);
        p.setName(n);
        p.setDescription(d);
        if (!changes.isEmpty()) {
            audit.record(AuditEntry.change(actor, AuditAction.PROJECT_UPDATE, "project:" + p.getId(), changes, why));
        }
        return p;
    }

    public void delete(Actor actor, long projectId, String reason) {
        actor.require(Rights.PROJECT_MANAGE);
        String why = policies.reason(actor, reason);
        Project p = find(actor, projectId);
        long devices = em.createQuery("SELECT COUNT(d) FROM Device d WHERE d.project = :p", Long.class)
                .setParameter("p", p).getSingleResult();
        if (devices > 0) {
            throw ValidationFailed.of("reason", "The project '" + p.getName() + "' still holds " + devices
                    + (devices == 1 ? " device" : " devices") + ": move or delete them first.");
        }
        long grants = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM access_grant WHERE project_id = ?1")
                .setParameter(1, p.getId()).getSingleResult()).longValue();
        audit.record(AuditEntry.change(actor, AuditAction.PROJECT_DELETE, "project:" + p.getId(), Changes.of()
                .field("name", p.getName(), null).field("grants", grants, null), why));
        em.createNativeQuery("DELETE FROM access_grant WHERE project_id = ?1").setParameter(1, p.getId()).executeUpdate();
        em.remove(p);
    }

    private String checkName(Actor actor, String name, Long except) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        String n = Text.oneLine(errors, "name", "The name", name, 100);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        if (n == null) {
            throw ValidationFailed.of("name", "Please enter a name.");
        }
        List<Long> same = em.createQuery("SELECT p.id FROM Project p WHERE p.accountId = :a AND p.nameKey = :k", Long.class)
                .setParameter("a", actor.accountId()).setParameter("k", io.keyswitch.platform.NameKey.of(n)).getResultList();
        if (same.stream().anyMatch(id -> !id.equals(except))) {
            throw ValidationFailed.of("name", "There is already a project named '" + n + "'.");
        }
        return n;
    }

    private static String checkDescription(String description) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        String d = Text.multiLine(errors, "description", "The description", description, 1000);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return d;
    }

    /** The actor's projects whose name starts with {@code filter}. */
    private AccountScopedQuery<Project> list(Actor actor, String filter) {
        actor.require(Rights.DEVICE_VIEW);
        return AccountScopedQuery.of(em, Project.class, "p", "accountId", actor.accountId()).startsWith(filter, "p.name");
    }
}
