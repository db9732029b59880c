/** Benchmarks of the key switch through the real portal, the reference device's report loop and the real data path (run by webapp/bench/keyswitch-off.sh). */
package io.keyswitch.keyswitch.bench;
