/** The setup wizard page and the settings pages "DNS name" and "TLS certificate". */
package io.keyswitch.setup.web;
