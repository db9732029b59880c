package io.keyswitch.account.web;

import io.keyswitch.account.Account;
import io.keyswitch.account.AccountAdministration;
import io.keyswitch.account.AccountStatus;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.PrimeFaces;

/** Accounts of the appliance, for system administrators: create one with its first administrator, disable, enable. */
@Named
@ViewScoped
public class AccountsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AccountAdministration admin;

    @Inject
    io.keyswitch.account.VirtualPools pools;

    private io.keyswitch.platform.web.PagedModel<Account> accounts;
    private String name;
    private String adminUsername = "admin";
    private String adminFullName;
    private String reason;
    private String virtualPool;
    private String poolAccountName;
    private Long poolAccountId;
    private java.util.Map<Long, java.util.List<String>> overlaps = java.util.Map.of();
    private java.util.Map<Long, java.util.List<io.keyswitch.account.PoolBlock>> blocks = java.util.Map.of();
    private Long changingId;
    private String changingName;
    private boolean changingToDisabled;
    private AccountAdministration.Created created;

    @PostConstruct
    void load() {
        AccountAdministration service = admin;
        io.keyswitch.account.VirtualPools poolService = pools;
        accounts = new io.keyswitch.platform.web.PagedModel<>(filter -> service.count(Actor.current(Pages.sourceIp()), filter),
                (filter, sort, asc, first, size) -> {
                    overlaps = poolService.overlaps(); // once per page of the table, not per row
                    blocks = poolService.rowsByAccount();
                    return service.accounts(Actor.current(Pages.sourceIp()), filter, first, size);
                },
                Account::getId);
    }

    public void startCreate() {
        name = null;
        adminUsername = "admin";
        adminFullName = null;
        reason = null;
        try {
            virtualPool = pools.suggest().toString();
        } catch (RuntimeException e) {
            virtualPool = null;
        }
    }

    public void create() {
        created = Pages.attempt("accountForm", null,
                () -> admin.create(Actor.current(Pages.sourceIp()), name, adminUsername, adminFullName, virtualPool, reason));
        if (created != null) {
            PrimeFaces.current().ajax().addCallbackParam("created", true);
            load();
        }
    }

    public void startStatus(Account account) {
        changingId = account.getId();
        changingName = account.getName();
        changingToDisabled = account.isActive();
        reason = null;
    }

    public void changeStatus() {
        AccountStatus to = changingToDisabled ? AccountStatus.DISABLED : AccountStatus.ACTIVE;
        Object done = Pages.attempt("statusForm", "Account '" + changingName + "' is now " + to.name().toLowerCase() + ".",
                () -> admin.setStatus(Actor.current(Pages.sourceIp()), changingId, to, reason));
        if (done != null) {
            load();
        }
    }

    public void startPool(Account account) {
        poolAccountId = account.getId();
        poolAccountName = account.getName();
        virtualPool = pool(account);
        reason = null;
    }

    public void changePool() {
        Object done = Pages.attempt("poolForm", "Account '" + poolAccountName + "' now has the virtual pool " + virtualPool
                        + "; its VPN server routes it after a restart (running sessions reconnect by themselves).",
                () -> admin.changeVirtualPool(Actor.current(Pages.sourceIp()), poolAccountId, virtualPool, reason));
        if (done != null) {
            load();
        }
    }

    /** The account's blocks: "100.64.0.0/16, 100.80.0.0/16". */
    public String pool(Account account) {
        return io.keyswitch.account.PoolAllocator.describe(blocks.getOrDefault(account.getId(), java.util.List.of()).stream()
                .map(io.keyswitch.account.PoolBlock::subnet).toList());
    }

    /** "grew by 2 blocks (pool full), last on 2026-12-05" when the portal added blocks; empty when it did not. */
    public String growth(Account account) {
        java.util.List<io.keyswitch.account.PoolBlock> grown = blocks.getOrDefault(account.getId(), java.util.List.of()).stream()
                .filter(io.keyswitch.account.PoolBlock::isGrown).toList();
        if (grown.isEmpty()) {
            return "";
        }
        java.time.Instant last = grown.stream().map(io.keyswitch.account.PoolBlock::getCreatedAt).max(java.util.Comparator.naturalOrder())
                .orElseThrow();
        return "grew by " + grown.size() + (grown.size() == 1 ? " block" : " blocks") + " (pool full), last on "
                + java.time.LocalDate.ofInstant(last, java.time.ZoneOffset.UTC);
    }

    /** "overlaps acme, beta" when other accounts share this account's pool (their devices' routes would collide). */
    public String overlap(Account account) {
        java.util.List<String> others = overlaps.get(account.getId());
        return others == null ? "" : "overlaps " + String.join(", ", others);
    }

    public String getVirtualPool() {
        return virtualPool;
    }

    public void setVirtualPool(String virtualPool) {
        this.virtualPool = virtualPool;
    }

    public String getPoolAccountName() {
        return poolAccountName;
    }

    public long users(Account account) {
        return admin.userCount(account);
    }

    public long devices(Account account) {
        return admin.deviceCount(account);
    }

    /** The created account's first login, once. */
    public String takeCreated() {
        if (created == null) {
            return null;
        }
        String text = "account " + created.account().getName() + ", user " + created.adminUsername()
                + ", one-time password " + created.oneTimePassword();
        created = null;
        return text;
    }

    public boolean isCreatedToShow() {
        return created != null;
    }

    public io.keyswitch.platform.web.PagedModel<Account> getAccounts() {
        return accounts;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAdminUsername() {
        return adminUsername;
    }

    public void setAdminUsername(String adminUsername) {
        this.adminUsername = adminUsername;
    }

    public String getAdminFullName() {
        return adminFullName;
    }

    public void setAdminFullName(String adminFullName) {
        this.adminFullName = adminFullName;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getChangingName() {
        return changingName;
    }

    public boolean isChangingToDisabled() {
        return changingToDisabled;
    }
}
