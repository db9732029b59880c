/** Faces views of the key switch: its setting page for a device or a project, and its marks in the device list. */
package io.keyswitch.keyswitch.web;
