/** Benchmarks of technician connections through the real portal and the real data path (run by docs/bench scripts). */
package io.keyswitch.connection.bench;
