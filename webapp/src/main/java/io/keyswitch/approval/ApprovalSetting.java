package io.keyswitch.approval;

/**
 * Who approves connections to one device or project: its own mode and group, and — for a device — what is in force
 * when its mode is {@link ApprovalMode#INHERIT} (its project's rule).
 *
 * @param mode           the device's or project's own mode
 * @param userGroupId    the approvers' group when {@code mode} is GROUP (null when its group was deleted)
 * @param groupName      that group's name, or null
 * @param effectiveGroup the approvers' group in force ({@code null}: no approval needed, or the group was deleted)
 * @param needed         whether connections need approval now
 */
public record ApprovalSetting(ApprovalMode mode, Long userGroupId, String groupName, Long effectiveGroup,
                              String effectiveGroupName, boolean needed) {

    /** "Connections need approval by group Operators" / "Connections need no approval". */
    public String words() {
        if (!needed) {
            return "Connections need no approval" + (mode == ApprovalMode.INHERIT ? " (as its project)" : "") + ".";
        }
        String by = effectiveGroupName == null ? "a group that was deleted (nobody can approve)" : "group " + effectiveGroupName;
        return "Connections need approval by " + by + (mode == ApprovalMode.INHERIT ? " (as its project)" : "") + ".";
    }

    public ApprovalMode getMode() {
        return mode;
    }

    public Long getUserGroupId() {
        return userGroupId;
    }
}
