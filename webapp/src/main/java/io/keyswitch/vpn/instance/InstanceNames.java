package io.keyswitch.vpn.instance;

import java.util.regex.Pattern;

/** The one rule for instance names, since they become unit names, file names and command arguments. */
final class InstanceNames {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9\\-]{0,31}");

    private InstanceNames() {
    }

    static String require(String instance) {
        if (instance == null || !NAME.matcher(instance).matches()) {
            throw new IllegalArgumentException("instance name must match " + NAME.pattern());
        }
        return instance;
    }
}
