/** JPA implementations of the device feature's repositories. */
package io.keyswitch.device.internal;
