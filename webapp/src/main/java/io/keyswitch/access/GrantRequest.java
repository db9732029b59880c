package io.keyswitch.access;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** What an administrator asks for: a user or a group may reach a project, a device, or listed components. */
public class GrantRequest implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Who gets access. */
    public enum SubjectType { USER, GROUP }

    /** What becomes reachable. */
    public enum ScopeType { PROJECT, DEVICE, COMPONENTS }

    private SubjectType subjectType = SubjectType.GROUP;
    private Long userId;
    private Long groupId;
    private ScopeType scopeType = ScopeType.DEVICE;
    private Long projectId;
    private Long deviceId;
    private List<Long> componentIds = new ArrayList<>();

    public SubjectType getSubjectType() {
        return subjectType;
    }

    public void setSubjectType(SubjectType subjectType) {
        this.subjectType = subjectType;
    }

    public Long getUserId() {
        return userId;
    }

    public void setUserId(Long userId) {
        this.userId = userId;
    }

    public Long getGroupId() {
        return groupId;
    }

    public void setGroupId(Long groupId) {
        this.groupId = groupId;
    }

    public ScopeType getScopeType() {
        return scopeType;
    }

    public void setScopeType(ScopeType scopeType) {
        this.scopeType = scopeType;
    }

    public Long getProjectId() {
        return projectId;
    }

    public void setProjectId(Long projectId) {
        this.projectId = projectId;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(Long deviceId) {
        this.deviceId = deviceId;
    }

    public List<Long> getComponentIds() {
        return componentIds;
    }

    public void setComponentIds(List<Long> componentIds) {
        this.componentIds = componentIds == null ? new ArrayList<>() : componentIds;
    }
}
