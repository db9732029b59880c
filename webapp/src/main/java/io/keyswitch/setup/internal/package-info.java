/** Payara Micro's HTTPS listener, reloaded through its own admin command runner. */
package io.keyswitch.setup.internal;
