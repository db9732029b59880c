package io.keyswitch.jail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps what it was told, as the portal's audit writer would. */
final class RecordingJailListener implements JailListener {

    final List<Ban> banned = new CopyOnWriteArrayList<>();
    final List<Ban> lifted = new CopyOnWriteArrayList<>();

    @Override
    public void banned(Ban ban) {
        banned.add(ban);
    }

    @Override
    public void lifted(Ban ban) {
        lifted.add(ban);
    }
}
