package io.keyswitch.alarm;

import io.keyswitch.device.Device;
import io.keyswitch.platform.AccountScopedQuery;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.NameKey;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rule and group pages offer to choose from, for a person with {@code alarm:manage} (who may lack the rights
 * to the device, project and user pages): the names and ids of the account's projects, user groups, alarm groups and
 * devices — names only, nothing else of them.
 */
@ApplicationScoped
public class AlarmChoices {

    /** Device names one completion offers at most. */
    static final int COMPLETIONS = 15;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /** The account's projects, id → name, by name. */
    public Map<Long, String> projects(Actor actor) {
        return named(actor, "SELECT p.id, p.name FROM Project p WHERE p.accountId = :a ORDER BY p.name");
    }

    /** The account's user groups, id → name, by name. */
    public Map<Long, String> userGroups(Actor actor) {
        return named(actor, "SELECT g.id, g.name FROM UserGroup g WHERE g.account.id = :a ORDER BY g.name");
    }

    /** The account's alarm groups, id → name, by name. */
    public Map<Long, String> alarmGroups(Actor actor) {
        return named(actor, "SELECT g.id, g.name FROM AlarmGroup g WHERE g.accountId = :a ORDER BY g.name");
    }

    /** The names of the account's devices that start with {@code prefix}, by name, at most {@link #COMPLETIONS}. */
    public List<String> deviceNames(Actor actor, String prefix) {
        actor.require(Rights.ALARM_MANAGE);
        return AccountScopedQuery.of(em, Device.class, "d", "accountId", actor.accountId()).startsWith(prefix, "d.name")
                .orderBy("d.name").page(0, COMPLETIONS).stream().map(Device::getName).toList();
    }

    /** The id of the account's device of this name. */
    public Optional<Long> deviceNamed(Actor actor, String name) {
        actor.require(Rights.ALARM_MANAGE);
        return em.createQuery("SELECT d.id FROM Device d WHERE d.accountId = :a AND d.nameKey = :k", Long.class)
                .setParameter("a", actor.accountId()).setParameter("k", NameKey.of(name)).getResultStream().findFirst();
    }

    private Map<Long, String> named(Actor actor, String jpql) {
        actor.require(Rights.ALARM_MANAGE);
        Map<Long, String> out = new LinkedHashMap<>();
        em.createQuery(jpql, Object[].class).setParameter("a", actor.accountId()).getResultList()
                .forEach(r -> out.put((Long) r[0], (String) r[1]));
        return out;
    }
}
