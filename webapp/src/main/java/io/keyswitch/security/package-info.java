/** Authentication of portal users: the login procedure, the signed-in principal and the first administrator. */
package io.keyswitch.security;
