/** The key switch at the machine (digital input IN1): the setting "connections only while the key switch is on" per project and device, the consent that refuses and ends connections while the switch is off or not known, and the audit of every turn of it. */
package io.keyswitch.keyswitch;
