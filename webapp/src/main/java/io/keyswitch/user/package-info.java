/** Users, groups with rights, their memberships, and the password rules that guard their logins. */
package io.keyswitch.user;
