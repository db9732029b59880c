/** Shared infrastructure only: database migration at start-up, settings, clocks, random tokens, start-up checks. */
package io.keyswitch.platform;
