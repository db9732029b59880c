# shellcheck shell=sh
# Step 50: enable and start the start page and the portal (from now on both start at every boot).
# The start page answers 443 and 80 ("Keyswitch is starting") until the portal does; the portal's
# start returns only once it answers, so it is not waited for here (step 60 waits).
echo "  enabling keyswitch-start-page.service and keyswitch-portal.service"
systemctl enable keyswitch-start-page.service keyswitch-portal.service
echo "  starting the start page, then the portal"
systemctl start keyswitch-start-page.service
systemctl start --no-block keyswitch-portal.service
