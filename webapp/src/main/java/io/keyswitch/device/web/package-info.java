/** Faces views of projects, devices and components. */
package io.keyswitch.device.web;
