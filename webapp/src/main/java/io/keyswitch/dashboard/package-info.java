/** A person's own dashboard: the device tiles and charts across devices they chose, in the order they arranged them. */
package io.keyswitch.dashboard;
