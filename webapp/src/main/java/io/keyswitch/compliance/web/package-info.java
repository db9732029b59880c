/** The IEC 62443-3-3 page: requirements, status and live evidence, filterable and printable. */
package io.keyswitch.compliance.web;
