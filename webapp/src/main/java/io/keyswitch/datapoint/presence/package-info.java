/** When each device went online and offline, by its reports and by its tunnel: the changes recorded as they are decided, and the time online in a period computed from them. */
package io.keyswitch.datapoint.presence;
