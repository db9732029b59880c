/** Benchmarks of technician connections through the real portal and the real data path (run by the scripts in webapp/bench). */
package io.keyswitch.connection.bench;
