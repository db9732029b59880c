# shellcheck shell=sh
# The portal's unit, once Payara runs (ExecStartPost, as root): waits until the portal answers
# https://127.0.0.1/login.xhtml with 200 (loopback: the start page's redirect applies to connections
# from outside only), then stops the start page, so that new connections reach the portal. Until then
# the unit is "activating": its start timeout (TimeoutStartSec) bounds the wait.
set -eu
echo "portal: waiting until it answers https://127.0.0.1/login.xhtml"
until [ "$(curl -sk -o /dev/null -w '%{http_code}' --max-time 10 https://127.0.0.1/login.xhtml 2>/dev/null)" = 200 ]; do
    sleep 2
done
echo "portal: ready; the start page stops"
systemctl stop --no-block keyswitch-start-page.service
