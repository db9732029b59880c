/**
 * Web helpers shared by every feature: Faces messages next to fields and the request's source address, and the
 * servlet layer's checks of every request and its error answers (problem+json under /api/, the neutral page elsewhere).
 */
package io.keyswitch.platform.web;
