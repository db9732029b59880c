package io.keyswitch.device;

import io.keyswitch.platform.Ipv4Address;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.platform.Ipv4Subnet;
import io.keyswitch.account.AccountPolicies;
import io.keyswitch.account.Account;
import io.keyswitch.account.VirtualPools;
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
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Projects, devices and components of the actor's account: every read is scoped to that account,
 * every change checks the actor's right, is validated field by field, asks for a reason and is
 * audited with the fields it changed, all in one transaction.
 */
@ApplicationScoped
@Transactional
public class DeviceService {

    /** What the device table sorts by; names are unique per account, so the (account_id, name) index serves that order. */
    private static final AccountScopedQuery.Sorting SORTING = AccountScopedQuery.Sorting.tieBrokenBy("d.id")
            .uniqueField("name", "d.name").field("serialNumber", "d.serialNumber").field("lanSubnet", "d.lanSubnet")
            .field("virtualSubnet", "d.virtualSubnet").field("createdAt", "d.createdAt");

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    AccountPolicies policies;

    @Inject
    Clock clock;

    @Inject
    VirtualPools pools;

    @Inject
    jakarta.enterprise.event.Event<DeviceRemoved> removed;

    @Inject
    jakarta.enterprise.event.Event<DeviceDisabled> disabled;

    @Inject
    jakarta.enterprise.event.Event<DeviceChanged> changed;

    // --- reading -------------------------------------------------------------------------------

    public Optional<Device> find(Actor actor, long deviceId) {
        actor.require(Rights.DEVICE_VIEW);
        Device d = em.find(Device.class, deviceId);
        return d != null && d.getAccountId() == actor.accountId() ? Optional.of(d) : Optional.empty();
    }

    /** The device of this name in the actor's account, if there is one. */
    /** These devices of the actor's account, by id, in one query (for those who see devices, and technicians' machines). */
    public java.util.Map<Long, Device> byIds(Actor actor, java.util.Collection<Long> ids) {
        actor.requireAny(Rights.DEVICE_VIEW, Rights.DEVICE_CONNECT);
        java.util.Map<Long, Device> out = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("SELECT d FROM Device d WHERE d.accountId = :a AND d.id IN :ids", Device.class)
                    .setParameter("a", actor.accountId()).setParameter("ids", List.copyOf(ids)).getResultList()
                    .forEach(d -> out.put(d.getId(), d));
        }
        return out;
    }

    public Optional<Device> findByName(Actor actor, String name) {
        actor.require(Rights.DEVICE_VIEW);
        return em.createQuery("SELECT d FROM Device d WHERE d.accountId = :a AND d.nameKey = :k", Device.class)
                .setParameter("a", actor.accountId()).setParameter("k", io.keyswitch.platform.NameKey.of(name))
                .getResultStream().findFirst();
    }

    /** The ids of the actor's devices whose name or serial number starts with {@code filter} (all for blank), by name; at most {@code max}. */
    public List<Long> ids(Actor actor, String filter, int max) {
        return list(actor, filter).orderBy(SORTING, "name", true).page(0, max).stream().map(Device::getId).toList();
    }

    public long count(Actor actor, String filter) {
        return list(actor, filter).count();
    }

    public List<Device> page(Actor actor, DevicePage page) {
        return list(actor, page.filter()).fetch("LEFT JOIN FETCH d.project")
                .orderBy(SORTING, page.sortField(), page.ascending()).page(page.first(), page.size());
    }

    /** The actor's devices whose name or serial number starts with {@code filter}. */
    private AccountScopedQuery<Device> list(Actor actor, String filter) {
        actor.require(Rights.DEVICE_VIEW);
        return AccountScopedQuery.of(em, Device.class, "d", "accountId", actor.accountId())
                .startsWith(filter, "d.name", "d.serialNumber");
    }

    public List<Component> components(Actor actor, long deviceId) {
        Device d = find(actor, deviceId).orElseThrow(() -> new NotFound("device"));
        return em.createQuery("SELECT c FROM Component c WHERE c.device = :d ORDER BY c.name", Component.class)
                .setParameter("d", d).getResultList();
    }

    // --- devices -------------------------------------------------------------------------------

    public Device create(Actor actor, DeviceForm form, String reason) {
        actor.require(Rights.DEVICE_EDIT);
        String why = policies.reason(actor, reason);
        Account account = em.find(Account.class, actor.accountId(), LockModeType.PESSIMISTIC_WRITE);
        Checked c = check(actor, form, null);
        Device d = new Device(actor.accountId(), c.name, clock.instant());
        apply(d, form, c);
        d.setStatus(form.isActive() ? DeviceStatus.ACTIVE : DeviceStatus.DISABLED);
        d.setVirtualSubnet(allocate(account, c.lan, null).toString());
        em.persist(d);
        em.flush();
        record(actor, AuditAction.DEVICE_CREATE, "device:" + d.getId(), Changes.of()
                .field("name", null, d.getName()).field("serialNumber", null, d.getSerialNumber())
                .field("description", null, d.getDescription()).field("project", null, projectName(d))
                .field("lanSubnet", null, d.getLanSubnet()).field("virtualSubnet", null, d.getVirtualSubnet())
                .field("status", null, d.getStatus() == DeviceStatus.ACTIVE ? null : d.getStatus())
                .field("tunnelMode", null, d.getTunnelMode() == TunnelMode.ALWAYS ? null : d.getTunnelMode()), why);
        return d;
    }

    public Device update(Actor actor, long deviceId, DeviceForm form, String reason) {
        actor.require(Rights.DEVICE_EDIT);
        String why = policies.reason(actor, reason);
        Account account = em.find(Account.class, actor.accountId(), LockModeType.PESSIMISTIC_WRITE);
        Device d = find(actor, deviceId).orElseThrow(() -> new NotFound("device"));
        Checked c = check(actor, form, d);
        Changes changes = Changes.of().field("name", d.getName(), c.name)
                .field("serialNumber", d.getSerialNumber(), blankToNull(form.getSerialNumber()))
                .field("description", d.getDescription(), blankToNull(form.getDescription()))
                .field("project", projectName(d), c.project == null ? null : c.project.getName())
                .field("lanSubnet", d.getLanSubnet(), c.lan.toString())
                .field("status", d.getStatus(), form.isActive() ? DeviceStatus.ACTIVE : DeviceStatus.DISABLED)
                .field("tunnelMode", d.getTunnelMode(), tunnelMode(form));
        Ipv4Subnet oldLan = Ipv4Subnet.parse(d.getLanSubnet()).subnet();
        boolean disabling = d.getStatus() == DeviceStatus.ACTIVE && !form.isActive();
        boolean stateChanging = d.getStatus() != (form.isActive() ? DeviceStatus.ACTIVE : DeviceStatus.DISABLED)
                || d.getTunnelMode() != tunnelMode(form);
        apply(d, form, c);
        d.setStatus(form.isActive() ? DeviceStatus.ACTIVE : DeviceStatus.DISABLED);
        if (oldLan.prefix() != c.lan.prefix()) {
            stateChanging = true;
            String before = d.getVirtualSubnet();
            d.setVirtualSubnet(allocate(account, c.lan, d.getId()).toString());
            changes.field("virtualSubnet", before, d.getVirtualSubnet());
        }
        if (!changes.isEmpty()) {
            record(actor, AuditAction.DEVICE_UPDATE, "device:" + d.getId(), changes, why);
        }
        if (disabling) {
            disabled.fire(new DeviceDisabled(actor.accountId(), d.getId()));
        }
        if (stateChanging) {
            changed.fire(new DeviceChanged(actor.accountId(), d.getId()));
        }
        return d;
    }

    public void delete(Actor actor, long deviceId, String reason) {
        actor.require(Rights.DEVICE_EDIT);
        String why = policies.reason(actor, reason);
        Device d = find(actor, deviceId).orElseThrow(() -> new NotFound("device"));
        record(actor, AuditAction.DEVICE_DELETE, "device:" + d.getId(), Changes.of().field("name", d.getName(), null)
                .field("lanSubnet", d.getLanSubnet(), null).field("virtualSubnet", d.getVirtualSubnet(), null), why);
        removed.fire(new DeviceRemoved(actor.accountId(), d.getId()));
        em.remove(d);
    }

    // --- components ----------------------------------------------------------------------------

    public Component addComponent(Actor actor, long deviceId, ComponentForm form, String reason) {
        actor.require(Rights.COMPONENT_EDIT);
        String why = policies.reason(actor, reason);
        Device d = find(actor, deviceId).orElseThrow(() -> new NotFound("device"));
        CheckedComponent c = check(d, form, null);
        Component comp = new Component(d, c.name, clock.instant());
        comp.setIp(c.ip);
        comp.setServices(c.services);
        comp.setWeb2go(form.isWeb2go());
        em.persist(comp);
        em.flush();
        record(actor, AuditAction.COMPONENT_CREATE, "component:" + comp.getId() + " of device:" + d.getId(), Changes.of()
                .field("name", null, comp.getName()).field("ip", null, comp.getIp())
                .field("services", null, comp.getServices()).field("web2go", null, comp.isWeb2go()), why);
        return comp;
    }

    public Component updateComponent(Actor actor, long componentId, ComponentForm form, String reason) {
        actor.require(Rights.COMPONENT_EDIT);
        String why = policies.reason(actor, reason);
        Component comp = component(actor, componentId);
        CheckedComponent c = check(comp.getDevice(), form, comp);
        Changes changes = Changes.of().field("name", comp.getName(), c.name).field("ip", comp.getIp(), c.ip)
                .field("services", comp.getServices(), c.services).field("web2go", comp.isWeb2go(), form.isWeb2go());
        comp.setName(c.name);
        comp.setIp(c.ip);
        comp.setServices(c.services);
        comp.setWeb2go(form.isWeb2go());
        if (!changes.isEmpty()) {
            record(actor, AuditAction.COMPONENT_UPDATE, "component:" + comp.getId() + " of device:" + comp.getDevice().getId(), changes, why);
        }
        return comp;
    }

    public void deleteComponent(Actor actor, long componentId, String reason) {
        actor.require(Rights.COMPONENT_EDIT);
        String why = policies.reason(actor, reason);
        Component comp = component(actor, componentId);
        record(actor, AuditAction.COMPONENT_DELETE, "component:" + comp.getId() + " of device:" + comp.getDevice().getId(),
                Changes.of().field("name", comp.getName(), null).field("ip", comp.getIp(), null), why);
        em.remove(comp);
    }

    private Component component(Actor actor, long componentId) {
        Component comp = em.find(Component.class, componentId);
        if (comp == null || comp.getAccountId() != actor.accountId()) {
            throw new NotFound("component");
        }
        return comp;
    }

    // --- checks --------------------------------------------------------------------------------

    private record Checked(String name, Ipv4Subnet lan, Project project) {
    }

    private record CheckedComponent(String name, String ip, String services) {
    }

    private Checked check(Actor actor, DeviceForm form, Device existing) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = required(form.getName(), "name", "Please enter a name.", 100, errors);
        Text.oneLine(errors, "serialNumber", "The serial number", form.getSerialNumber(), 64);
        Text.multiLine(errors, "description", "The description", form.getDescription(), 1000);
        if (name != null && !errors.containsKey("name")) {
            List<Long> same = em.createQuery("SELECT d.id FROM Device d WHERE d.accountId = :a AND d.nameKey = :k", Long.class)
                    .setParameter("a", actor.accountId()).setParameter("k", io.keyswitch.platform.NameKey.of(name)).getResultList();
            if (same.stream().anyMatch(id -> existing == null || !id.equals(existing.getId()))) {
                errors.put("name", "There is already a device named '" + name + "'.");
            }
        }
        Ipv4Subnet.Parsed lan = Ipv4Subnet.parse(form.getLanSubnet());
        if (!lan.ok()) {
            errors.put("lanSubnet", lan.error());
        } else if (existing != null) {
            for (Component c : em.createQuery("SELECT c FROM Component c WHERE c.device = :d", Component.class)
                    .setParameter("d", existing).getResultList()) {
                if (!lan.subnet().containsHost(Ipv4Address.parse(c.getIp()).orElse(-1L))) {
                    errors.put("lanSubnet", "The component '" + c.getName() + "' (" + c.getIp() + ") would be outside this LAN.");
                    break;
                }
            }
        }
        Project project = null;
        if (form.getProjectId() != null) {
            project = em.find(Project.class, form.getProjectId());
            if (project == null || project.getAccountId() != actor.accountId()) {
                errors.put("project", "Please choose a project from the list.");
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new Checked(name, lan.subnet(), project);
    }

    private CheckedComponent check(Device device, ComponentForm form, Component existing) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = required(form.getName(), "name", "Please enter a name.", 100, errors);
        if (name != null && !errors.containsKey("name")) {
            List<Long> same = em.createQuery("SELECT c.id FROM Component c WHERE c.device = :d AND c.nameKey = :k", Long.class)
                    .setParameter("d", device).setParameter("k", io.keyswitch.platform.NameKey.of(name)).getResultList();
            if (same.stream().anyMatch(id -> existing == null || !id.equals(existing.getId()))) {
                errors.put("name", "This device already has a component named '" + name + "'.");
            }
        }
        String ip = form.getIp() == null ? "" : form.getIp().strip();
        Optional<Long> address = Ipv4Address.parse(ip);
        Ipv4Subnet lan = Ipv4Subnet.parse(device.getLanSubnet()).subnet();
        if (address.isEmpty()) {
            errors.put("ip", ip.isEmpty() ? "Please enter the component's IP address." : "'" + ip + "' is not an IPv4 address.");
        } else if (!lan.containsHost(address.get())) {
            errors.put("ip", ip + " is not a host address in the device's LAN " + lan + ".");
        }
        ServiceList.Parsed services = ServiceList.parse(form.getServices());
        if (!services.ok()) {
            errors.put("services", String.join(" ", services.errors()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new CheckedComponent(name, ip, services.list().toString());
    }

    /**
     * A free virtual subnet of the LAN's size from the account's pool (the caller holds the account's row); when its
     * blocks are full, the pool grows by a block of the virtual space ({@link VirtualPools#grow}).
     */
    private Ipv4Subnet allocate(Account account, Ipv4Subnet lan, Long except) {
        jakarta.persistence.TypedQuery<String> query = em.createQuery("SELECT d.virtualSubnet FROM Device d WHERE d.accountId = :a"
                + (except == null ? "" : " AND d.id <> :except"), String.class).setParameter("a", account.getId());
        if (except != null) {
            query.setParameter("except", except);
        }
        List<Ipv4Subnet> taken = query.getResultStream()
                .map(s -> Ipv4Subnet.parse(s).subnet())
                .collect(Collectors.toList());
        VirtualSubnets subnets = new VirtualSubnets(pools.blocks(account.getId()), taken);
        Optional<Ipv4Subnet> found = subnets.next(lan.prefix());
        if (found.isEmpty()) {
            Ipv4Subnet block = pools.grow(account.getId(), lan.prefix()).orElseThrow(() -> ValidationFailed.of("lanSubnet",
                    "The virtual space " + pools.describeSpace() + " has no free block left for a /" + lan.prefix()
                            + ": ask a system administrator to widen keyswitch.accounts.virtual-space."));
            subnets.add(block);
            found = subnets.next(lan.prefix());
        }
        return found.orElseThrow();
    }

    private static void apply(Device d, DeviceForm form, Checked c) {
        d.setName(c.name);
        d.setSerialNumber(blankToNull(form.getSerialNumber()));
        d.setDescription(blankToNull(form.getDescription()));
        d.setLanSubnet(c.lan.toString());
        d.setProject(c.project);
        d.setTunnelMode(tunnelMode(form));
    }

    private static TunnelMode tunnelMode(DeviceForm form) {
        return form.getTunnelMode() == null ? TunnelMode.ALWAYS : form.getTunnelMode();
    }

    private static String required(String value, String field, String message, int max, Map<String, String> errors) {
        String v = Text.oneLine(errors, field, "The name", value, max);
        if (v == null) {
            errors.putIfAbsent(field, message);
        }
        return v;
    }

    private static String projectName(Device d) {
        return d.getProject() == null ? null : d.getProject().getName();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private void record(Actor actor, AuditAction action, String target, Changes changes, String reason) {
        audit.record(AuditEntry.change(actor, action, target, changes, reason));
    }
}
