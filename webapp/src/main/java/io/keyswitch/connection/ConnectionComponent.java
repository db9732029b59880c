package io.keyswitch.connection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A component a connection opened, as it was when its rules were written: name, real and virtual address, services. */
@Entity
@Table(name = "connection_component")
@IdClass(ConnectionComponent.Key.class)
public class ConnectionComponent {

    /** The row's key: the connection and the component. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private long connectionId;
        private long componentId;

        public Key() {
        }

        public Key(long connectionId, long componentId) {
            this.connectionId = connectionId;
            this.componentId = componentId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.connectionId == connectionId && k.componentId == componentId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(connectionId, componentId);
        }
    }

    @Id
    @Column(name = "connection_id")
    private long connectionId;

    @Id
    @Column(name = "component_id")
    private long componentId;

    @Column(name = "component_name", nullable = false, length = 100)
    private String componentName;

    @Column(name = "real_address", nullable = false, length = 15)
    private String realAddress;

    @Column(name = "virtual_address", nullable = false, length = 15)
    private String virtualAddress;

    @Column(nullable = false, length = 500)
    private String services;

    protected ConnectionComponent() {
    }

    public ConnectionComponent(long connectionId, GrantedComponent c) {
        this.connectionId = connectionId;
        this.componentId = c.componentId();
        this.componentName = c.name();
        this.realAddress = c.realAddress();
        this.virtualAddress = c.virtualAddress();
        this.services = c.services();
    }

    public GrantedComponent granted() {
        return new GrantedComponent(componentId, componentName, realAddress, virtualAddress, services);
    }

    public long getConnectionId() {
        return connectionId;
    }

    public long getComponentId() {
        return componentId;
    }

    public String getComponentName() {
        return componentName;
    }

    public String getRealAddress() {
        return realAddress;
    }

    public String getVirtualAddress() {
        return virtualAddress;
    }

    public String getServices() {
        return services;
    }
}
