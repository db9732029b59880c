/** Shiro glue: the database realm and the bcrypt credentials matcher. */
package io.keyswitch.security.internal;
