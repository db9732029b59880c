package io.keyswitch.device;

import java.io.Serializable;

/** What an administrator enters for a component; checked by {@link DeviceService}. */
public class ComponentForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String name;
    private String ip;
    private String services = "tcp/102";
    private boolean web2go;

    public static ComponentForm of(Component c) {
        ComponentForm f = new ComponentForm();
        f.name = c.getName();
        f.ip = c.getIp();
        f.services = c.getServices();
        f.web2go = c.isWeb2go();
        return f;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getIp() {
        return ip;
    }

    public void setIp(String ip) {
        this.ip = ip;
    }

    public String getServices() {
        return services;
    }

    public void setServices(String services) {
        this.services = services;
    }

    public boolean isWeb2go() {
        return web2go;
    }

    public void setWeb2go(boolean web2go) {
        this.web2go = web2go;
    }
}
