/** Shared infrastructure only: database migration at start-up, clocks, random tokens, start-up checks. */
package io.keyswitch.platform;
