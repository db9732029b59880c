/** Bulk provisioning: the VPN profiles and secrets of a selection of devices, made in one request as one archive encrypted with a passphrase the user gives. */
package io.keyswitch.provisioning;
