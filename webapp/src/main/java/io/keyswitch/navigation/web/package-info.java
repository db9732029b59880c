/** The portal's menu: its groups (Operate, Administer, Records, Appliance, You) and who sees each entry. */
package io.keyswitch.navigation.web;
