/** Small benchmark programs run by the scripts in docs/bench/, not by the test suite. */
package io.keyswitch.bench;
