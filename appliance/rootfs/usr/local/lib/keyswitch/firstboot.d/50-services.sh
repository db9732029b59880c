# shellcheck shell=sh
# Step 50: enable and start the portal (from now on it starts at every boot).
echo "  enabling and starting keyswitch-portal.service"
systemctl enable keyswitch-portal.service
systemctl start keyswitch-portal.service
