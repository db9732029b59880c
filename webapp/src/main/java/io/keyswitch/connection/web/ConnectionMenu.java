package io.keyswitch.connection.web;

import io.keyswitch.connection.ConnectionService;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The menu's "Connections (n)": how many are live now (of the account, or the technician's own), once per request. */
@Named
@RequestScoped
public class ConnectionMenu {

    @Inject
    ConnectionService connections;

    private Long live;

    public boolean isShown() {
        Actor actor = Actor.current(Pages.sourceIp());
        return actor.rights().test(Rights.CONNECTION_VIEW) || actor.rights().test(Rights.DEVICE_CONNECT);
    }

    public String getLabel() {
        if (live == null) {
            live = connections.countLive(Actor.current(Pages.sourceIp()));
        }
        return live == 0 ? "Connections" : "Connections (" + live + ")";
    }
}
