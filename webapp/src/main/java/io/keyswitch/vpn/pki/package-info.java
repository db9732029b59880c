/** The appliance's certificate authority: CA, server and client certificates, CRL, encrypted keys and tls-crypt keys. */
package io.keyswitch.vpn.pki;
