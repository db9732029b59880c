/** Faces views and servlet filters of the login: login, logout, forced password change, session header. */
package io.keyswitch.security.web;
