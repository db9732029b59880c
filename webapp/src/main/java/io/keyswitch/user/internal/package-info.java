/** JPA and bcrypt implementations of the user feature's roles. */
package io.keyswitch.user.internal;
