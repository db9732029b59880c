/** Projects, devices (the routers at the machines) and their components, with real and virtual subnets. */
package io.keyswitch.device;
