/** Faces helpers shared by every feature's views: messages next to fields, the request's source address. */
package io.keyswitch.platform.web;
