/** The IEC 62443-3-3 mapping with its live evidence as JSON ({@code GET /api/v1/compliance/iec62443}). */
package io.keyswitch.compliance.api;
