/** The devices page's "Profiles (archive)" dialog with its progress bar and download. */
package io.keyswitch.provisioning.web;
