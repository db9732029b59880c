package io.keyswitch.device;

import io.keyswitch.platform.Ipv4Subnet;
import java.util.List;

/**
 * What a router must be told so that technicians reach its machine LAN at the device's virtual subnet: a 1:1 NETMAP
 * between the virtual subnet (what arrives through the tunnel) and the real LAN (what the machines have), for the
 * common router families, filled in with this device's subnets, ready to copy. The tunnel interface is the OpenVPN
 * client's ({@code tun*}; on RouterOS the name given to the OVPN client).
 */
public final class RouterSettings {

    /** One router family's settings. */
    public record Family(String id, String title, String text) {

        // Bean-style getters for Expression Language 5.
        public String getId() {
            return id;
        }

        public String getTitle() {
            return title;
        }

        public String getText() {
            return text;
        }
    }

    private RouterSettings() {
    }

    /** The settings for {@code device}'s virtual subnet and real LAN, one per family. */
    public static List<Family> of(Device device) {
        return of(device.getVirtualSubnet(), device.getLanSubnet());
    }

    static List<Family> of(String virtual, String lan) {
        if (!Ipv4Subnet.parse(virtual).ok() || !Ipv4Subnet.parse(lan).ok()) {
            throw new IllegalArgumentException("not subnets: " + virtual + ", " + lan);
        }
        return List.of(
                new Family("nftables", "Linux router with nftables", """
                        # NETMAP for Keyswitch: %1$s (virtual, through the tunnel) <-> %2$s (real LAN), 1:1
                        nft -f - <<'NFT'
                        table ip keyswitch_netmap {
                            chain prerouting {
                                type nat hook prerouting priority dstnat; policy accept;
                                iifname "tun*" ip daddr %1$s dnat ip prefix to ip daddr map { %1$s : %2$s }
                            }
                            chain postrouting {
                                type nat hook postrouting priority srcnat; policy accept;
                                oifname "tun*" ip saddr %2$s snat ip prefix to ip saddr map { %2$s : %1$s }
                            }
                        }
                        NFT
                        sysctl -w net.ipv4.ip_forward=1
                        """.formatted(virtual, lan)),
                new Family("openwrt", "OpenWrt 22.03 and later (fw4)", """
                        # /etc/nftables.d/90-keyswitch-netmap.nft (fw4 includes it in its table inet fw4)
                        chain keyswitch_netmap_pre {
                            type nat hook prerouting priority dstnat - 5; policy accept;
                            iifname "tun*" ip daddr %1$s dnat ip prefix to ip daddr map { %1$s : %2$s }
                        }
                        chain keyswitch_netmap_post {
                            type nat hook postrouting priority srcnat - 5; policy accept;
                            oifname "tun*" ip saddr %2$s snat ip prefix to ip saddr map { %2$s : %1$s }
                        }
                        # and a zone for the tunnel that may forward to the LAN:
                        # uci set network.keyswitch=interface; uci set network.keyswitch.proto=none; uci set network.keyswitch.device=tun0
                        # uci add firewall zone; uci set firewall.@zone[-1].name=keyswitch; uci add_list firewall.@zone[-1].network=keyswitch
                        # uci set firewall.@zone[-1].input=REJECT; uci set firewall.@zone[-1].forward=REJECT; uci set firewall.@zone[-1].output=ACCEPT
                        # uci add firewall forwarding; uci set firewall.@forwarding[-1].src=keyswitch; uci set firewall.@forwarding[-1].dest=lan
                        # uci commit; service network reload; service firewall restart
                        """.formatted(virtual, lan)),
                new Family("iptables", "iptables-based firmware", """
                        # NETMAP for Keyswitch: %1$s (virtual, through the tunnel) <-> %2$s (real LAN), 1:1
                        iptables -t nat -A PREROUTING -i tun+ -d %1$s -j NETMAP --to %2$s
                        iptables -t nat -A POSTROUTING -o tun+ -s %2$s -j NETMAP --to %1$s
                        iptables -A FORWARD -i tun+ -d %2$s -j ACCEPT
                        iptables -A FORWARD -o tun+ -s %2$s -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
                        sysctl -w net.ipv4.ip_forward=1
                        """.formatted(virtual, lan)),
                new Family("routeros", "MikroTik RouterOS 7", """
                        # NETMAP for Keyswitch: %1$s (virtual, through the tunnel) <-> %2$s (real LAN), 1:1
                        # ovpn-keyswitch: the name of the OVPN client interface that uses the device profile
                        /ip firewall nat
                        add chain=dstnat in-interface=ovpn-keyswitch dst-address=%1$s action=netmap to-addresses=%2$s comment="Keyswitch: virtual to real LAN"
                        add chain=srcnat out-interface=ovpn-keyswitch src-address=%2$s action=netmap to-addresses=%1$s comment="Keyswitch: real LAN to virtual"
                        """.formatted(virtual, lan)));
    }
}
