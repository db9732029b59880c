package io.keyswitch.alarm;

import jakarta.persistence.EntityManager;

/** Whether an id a person or a program named is one of the account's: a device, a project, a user group, an alarm group. */
final class Scope {

    private Scope() {
    }

    static boolean deviceOf(EntityManager em, long accountId, long id) {
        return exists(em, "device", accountId, id);
    }

    static boolean projectOf(EntityManager em, long accountId, long id) {
        return exists(em, "project", accountId, id);
    }

    static boolean userGroupOf(EntityManager em, long accountId, long id) {
        return exists(em, "user_group", accountId, id);
    }

    static boolean alarmGroupOf(EntityManager em, long accountId, long id) {
        return exists(em, "alarm_group", accountId, id);
    }

    private static boolean exists(EntityManager em, String table, long accountId, long id) {
        // table is one of the four constants above, never text from a request
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + table + " WHERE id = ?1 AND account_id = ?2")
                .setParameter(1, id).setParameter(2, accountId).getSingleResult()).longValue() > 0;
    }
}
