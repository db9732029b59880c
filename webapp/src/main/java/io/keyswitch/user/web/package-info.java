/** Faces views of the user feature: the forced and voluntary password change. */
package io.keyswitch.user.web;
