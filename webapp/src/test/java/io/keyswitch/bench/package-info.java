/** Small benchmark programs run by the scripts in webapp/bench/, not by the test suite. */
package io.keyswitch.bench;
