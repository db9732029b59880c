/** The REST API's shared parts: the application path, paging, and RFC 9457 problem details for every error. */
package io.keyswitch.platform.api;
