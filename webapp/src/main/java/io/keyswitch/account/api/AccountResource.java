package io.keyswitch.account.api;

import io.keyswitch.account.Account;
import io.keyswitch.account.AccountAdministration;
import io.keyswitch.account.AccountStatus;
import io.keyswitch.account.VirtualPools;
import io.keyswitch.account.api.AccountJson.AccountIn;
import io.keyswitch.account.api.AccountJson.AccountOut;
import io.keyswitch.account.api.AccountJson.AccountStatusIn;
import io.keyswitch.account.api.AccountJson.CreatedAccountOut;
import io.keyswitch.account.api.AccountJson.VirtualPoolIn;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.api.PageRequest;
import io.keyswitch.platform.api.Paged;
import io.keyswitch.token.api.BearerTokenFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Accounts of the appliance (right account:manage: system administrators only; anyone else gets 403 for every call),
 * as the page "Accounts" manages them: create one with its first administrator, disable, enable, change its virtual
 * pool. Accounts are neither renamed nor deleted, on the page or here.
 */
@Path("accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    AccountAdministration accounts;

    @Inject
    VirtualPools pools;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Accounts, by name; filter: name prefix (right account:manage)")
    public Paged<AccountOut> list(@QueryParam("filter") String filter, @QueryParam("page") @DefaultValue("0") Integer page,
            @QueryParam("size") @DefaultValue("50") Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        Actor actor = caller();
        List<Account> found = accounts.accounts(actor, filter, paging.first(), paging.size());
        return Paged.of(out(actor, found), paging, accounts.count(actor, filter));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One account with its virtual pool (right account:manage)")
    public AccountOut get(@PathParam("id") long id) {
        Actor actor = caller();
        return out(actor, accounts.account(actor, id));
    }

    @POST
    @Operation(summary = "Create an account, its group Administrators (every right in it) and its first administrator;"
            + " the answer holds the administrator's one-time password, shown this once (right account:manage)")
    public Response create(AccountIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the account as JSON.");
        }
        Actor actor = caller();
        AccountAdministration.Created created = namedAsInJson(() -> accounts.create(actor, in.name(), in.adminUsername(),
                in.adminFullName(), in.virtualPool(), in.reason()));
        AccountOut account = out(actor, created.account());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(account.id())).build())
                .entity(new CreatedAccountOut(account, created.adminUsername(), created.oneTimePassword())).build();
    }

    @POST
    @Path("{id}/disable")
    @Operation(summary = "Disable an account: its users are refused at once, its VPN sessions end and its OpenVPN server"
            + " stops; not your own account (right account:manage)")
    public AccountOut disable(@PathParam("id") long id, AccountStatusIn in) {
        return status(id, AccountStatus.DISABLED, in);
    }

    @POST
    @Path("{id}/enable")
    @Operation(summary = "Enable an account again; its OpenVPN server starts (right account:manage)")
    public AccountOut enable(@PathParam("id") long id, AccountStatusIn in) {
        return status(id, AccountStatus.ACTIVE, in);
    }

    @PUT
    @Path("{id}/virtual-pool")
    @Operation(summary = "Give the account another virtual pool (one block or several separated by commas): it must hold"
            + " its devices' virtual subnets and overlap no other account's pool; its OpenVPN server routes it after a"
            + " restart (right account:manage)")
    public AccountOut changeVirtualPool(@PathParam("id") long id, VirtualPoolIn in) {
        if (in == null) {
            throw ValidationFailed.of("body", "Send the virtual pool as JSON.");
        }
        Actor actor = caller();
        return out(actor, accounts.changeVirtualPool(actor, id, in.virtualPool(), in.reason()));
    }

    private AccountOut status(long id, AccountStatus status, AccountStatusIn in) {
        Actor actor = caller();
        return out(actor, accounts.setStatus(actor, id, status, in == null ? null : in.reason()));
    }

    private AccountOut out(Actor actor, Account account) {
        return out(actor, List.of(account)).get(0);
    }

    private List<AccountOut> out(Actor actor, List<Account> found) {
        Map<Long, AccountAdministration.Size> sizes = accounts.sizes(actor, found);
        Map<Long, List<String>> overlaps = pools.overlaps();
        Map<Long, List<io.keyswitch.account.PoolBlock>> blocks = pools.rowsByAccount();
        return found.stream().map(a -> AccountOut.of(a, blocks.get(a.getId()), overlaps.get(a.getId()),
                sizes.get(a.getId()).users(), sizes.get(a.getId()).devices())).toList();
    }

    /** The service names the account's name {@code accountName}, as the page's field; the JSON calls it {@code name}. */
    private static <T> T namedAsInJson(Supplier<T> call) {
        try {
            return call.get();
        } catch (ValidationFailed e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.fieldErrors().forEach((field, message) -> errors.put(field.equals("accountName") ? "name" : field, message));
            throw new ValidationFailed(errors);
        }
    }

    private Actor caller() {
        return BearerTokenFilter.caller(request);
    }
}
