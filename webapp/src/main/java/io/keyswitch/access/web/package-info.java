/** Faces views of grants and of what a user can reach. */
package io.keyswitch.access.web;
