package io.keyswitch.jail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyswitch.security.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The Bucket4j login jail")
class Bucket4jLoginJailTest {

    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");
    private static final String ATTACKER = "203.0.113.7";

    private MutableClock clock;
    private RecordingJailListener listener;
    private Bucket4jLoginJail jail;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        listener = new RecordingJailListener();
        jail = new Bucket4jLoginJail(JailSettings.defaults(), clock, listener);
    }

    /** Fails {@code times} times from the address, each with a user name of its own. */
    private void failFrom(String address, int times) {
        for (int i = 0; i < times; i++) {
            jail.recordFailure(address, "guess-" + i + "-" + address);
        }
    }

    @Nested
    @DisplayName("per source address")
    class PerAddress {

        @Test
        @DisplayName("bans at the 5th failure, not before")
        void bansAtFifth() {
            // Arrange
            failFrom(ATTACKER, 4);
            boolean bannedAfterFour = jail.isBanned(ATTACKER, "anyone");

            // Act
            jail.recordFailure(ATTACKER, "Administrator");

            // Assert
            assertFalse(bannedAfterFour);
            Ban ban = jail.activeBan(ATTACKER, "anyone").orElseThrow();
            assertEquals(BanKind.ADDRESS, ban.kind());
            assertEquals(ATTACKER, ban.subject());
            assertEquals(START, ban.since());
            assertEquals(START.plus(Duration.ofMinutes(10)), ban.until());
            assertEquals(5, ban.failures());
            assertEquals("Administrator", ban.lastUserName());
            assertEquals(List.of(ban), listener.banned);
        }

        @Test
        @DisplayName("does not disturb another address")
        void otherAddressUnaffected() {
            failFrom(ATTACKER, 5);

            assertFalse(jail.isBanned("198.51.100.20", "alice"));
        }

        @Test
        @DisplayName("lifts the ban by itself after 10 minutes, and then starts counting afresh")
        void liftsAfterBanDuration() {
            // Arrange
            failFrom(ATTACKER, 5);

            // Act
            clock.advance(Duration.ofMinutes(10).minusSeconds(1));
            boolean stillBanned = jail.isBanned(ATTACKER, null);
            clock.advance(Duration.ofSeconds(1));
            boolean bannedAtEnd = jail.isBanned(ATTACKER, null);
            failFrom(ATTACKER, 4);

            // Assert
            assertTrue(stillBanned);
            assertFalse(bannedAtEnd);
            assertFalse(jail.isBanned(ATTACKER, null), "four new failures are not yet five");
            assertTrue(jail.activeBans().isEmpty());
        }

        @Test
        @DisplayName("does not lengthen the ban for failures reported during it, but counts them")
        void failuresDuringBan() {
            failFrom(ATTACKER, 5);
            clock.advance(Duration.ofMinutes(5));

            failFrom(ATTACKER, 3);

            Ban ban = jail.activeBan(ATTACKER, null).orElseThrow();
            assertEquals(START.plus(Duration.ofMinutes(10)), ban.until());
            assertEquals(8, ban.failures());
            assertEquals(1, listener.banned.size());
        }

        @Test
        @DisplayName("never bans for failures slower than the refill (one per 2 minutes by default)")
        void slowFailuresNeverBan() {
            for (int i = 0; i < 20; i++) {
                jail.recordFailure(ATTACKER, "guess-" + i);
                clock.advance(Duration.ofMinutes(2).plusSeconds(1));
            }

            assertFalse(jail.isBanned(ATTACKER, null));
        }

        @Test
        @DisplayName("counts IPv6 sources per /64 network")
        void ipv6PerSlash64() {
            for (int i = 1; i <= 5; i++) {
                jail.recordFailure("2001:db8:aa:bb::" + i, "guess-" + i);
            }

            assertTrue(jail.isBanned("2001:db8:aa:bb:ffff:1:2:3", null));
            assertFalse(jail.isBanned("2001:db8:aa:bc::1", null));
            assertEquals("2001:db8:aa:bb:0:0:0:0/64", jail.activeBans().get(0).subject());
        }

        @Test
        @DisplayName("lifts an IPv6 network ban given any address in the network")
        void liftIpv6ByAddress() {
            failFrom("2001:db8:aa:bb::1", 5);

            assertTrue(jail.lift(BanKind.ADDRESS, "2001:db8:aa:bb::99").isPresent());
            assertFalse(jail.isBanned("2001:db8:aa:bb::1", null));
        }

        @Test
        @DisplayName("counts afresh after a ban that ended behind a later one (the clock was set back)")
        void clockSetBack() {
            // Arrange: a ban at 12:20, then the clock is set back and a ban at 12:00 queues behind it
            clock.set(START.plus(Duration.ofMinutes(20)));
            failFrom("192.0.2.1", 5);
            clock.set(START);
            failFrom(ATTACKER, 5);
            clock.set(START.plus(Duration.ofMinutes(15)));

            // Act: the 12:00 ban has ended; five new failures
            failFrom(ATTACKER, 5);

            // Assert
            Ban ban = jail.activeBan(ATTACKER, null).orElseThrow();
            assertEquals(START.plus(Duration.ofMinutes(15)), ban.since());
        }

        @Test
        @DisplayName("treats an IPv4-mapped IPv6 address as the IPv4 address")
        void ipv4Mapped() {
            failFrom("::ffff:" + ATTACKER, 5);

            assertTrue(jail.isBanned(ATTACKER, null));
        }

        @Test
        @DisplayName("refuses a host name instead of resolving it")
        void noDns() {
            assertThrows(IllegalArgumentException.class, () -> jail.recordFailure("localhost", "x"));
            assertThrows(IllegalArgumentException.class, () -> jail.isBanned("attacker.example", "x"));
        }
    }

    @Nested
    @DisplayName("per user name")
    class PerUserName {

        @Test
        @DisplayName("bans a user name failing 5 times from 5 addresses, whatever the case")
        void bansUserName() {
            // Arrange
            for (int i = 1; i <= 4; i++) {
                jail.recordFailure("198.51.100." + i, "Alice");
            }
            boolean bannedAfterFour = jail.isBanned("192.0.2.99", "alice");

            // Act
            jail.recordFailure("198.51.100.5", "ALICE");

            // Assert
            assertFalse(bannedAfterFour);
            Ban ban = jail.activeBan("192.0.2.99", "alice").orElseThrow();
            assertEquals(BanKind.USER_NAME, ban.kind());
            assertEquals("alice", ban.subject());
            assertEquals("198.51.100.5", ban.lastAddress());
            assertFalse(jail.isBanned("192.0.2.99", "bob"));
            assertFalse(jail.isBanned("198.51.100.1", null), "no address had five failures");
        }

        @Test
        @DisplayName("cuts and cleans hostile user names")
        void hostileUserNames() {
            String name = "x\r\nFAKE LOG LINE " + "y".repeat(10_000);
            for (int i = 1; i <= 5; i++) {
                jail.recordFailure("198.51.100." + i, name);
            }

            Ban ban = jail.activeBans().get(0);
            assertEquals(Bucket4jLoginJail.MAX_USER_NAME_CHARS, ban.subject().length());
            assertFalse(ban.lastUserName().contains("\n"));
            assertTrue(jail.isBanned("192.0.2.1", name));
        }
    }

    @Nested
    @DisplayName("with successes")
    class Successes {

        @Test
        @DisplayName("a success does not lift a ban")
        void successKeepsBan() {
            failFrom(ATTACKER, 5);

            jail.recordSuccess(ATTACKER, "alice");

            assertTrue(jail.isBanned(ATTACKER, "alice"));
        }

        @Test
        @DisplayName("a success forgets the user name's failures but not the address's")
        void successForgetsUserNameOnly() {
            // Arrange
            for (int i = 0; i < 4; i++) {
                jail.recordFailure(ATTACKER, "alice");
            }

            // Act
            jail.recordSuccess(ATTACKER, "alice");
            jail.recordFailure("192.0.2.50", "alice");
            jail.recordFailure(ATTACKER, "mallory");

            // Assert
            assertFalse(jail.isBanned("192.0.2.50", "alice"), "alice's count restarted at the success");
            assertTrue(jail.isBanned(ATTACKER, null), "the address's fifth failure");
        }
    }

    @Nested
    @DisplayName("with admissions (a try taken before the credential is checked)")
    class Admissions {

        @Test
        @DisplayName("12 wrong tries at once from one address: 5 are checked, the others wait for them and are refused by the ban (no check-then-act)")
        void parallelTriesShareOneAllowance() throws Exception {
            List<Admission> tries = io.keyswitch.security.testing.Race.run(12, () -> {
                Admission a = jail.admit(ATTACKER, "acme/guess-" + Thread.currentThread().getId(), () -> false);
                jail.failed(a);
                return a;
            });

            assertEquals(5, tries.stream().filter(Admission::admitted).count());
            assertTrue(jail.isBanned(ATTACKER, null));
            assertEquals(1, listener.banned.stream().filter(b -> b.kind() == BanKind.ADDRESS).count());
        }

        @Test
        @DisplayName("8 good logins at the same moment from one address all get in: they wait for each other's tries, none is refused")
        void simultaneousLoginsAreQueued() throws Exception {
            List<Admission> tries = io.keyswitch.security.testing.Race.run(8, () -> {
                Admission a = jail.admit(ATTACKER, "acme/user-" + Thread.currentThread().getId(), () -> false);
                Thread.sleep(50); // the password check
                jail.succeeded(a);
                return a;
            });

            assertTrue(tries.stream().allMatch(Admission::admitted));
            assertFalse(jail.isBanned(ATTACKER, null));
        }

        @Test
        @DisplayName("a success gives its try back: 20 good logins in a row from one address never ban it")
        void successesCostNothing() {
            for (int i = 0; i < 20; i++) {
                Admission a = jail.admit(ATTACKER, "acme/alice", () -> false);
                assertTrue(a.admitted(), "try " + i);
                jail.succeeded(a);
            }

            assertFalse(jail.isBanned(ATTACKER, "acme/alice"));
        }

        @Test
        @DisplayName("the failure that takes the last try bans, as with recordFailure")
        void fifthFailedAdmissionBans() {
            for (int i = 0; i < 4; i++) {
                jail.failed(jail.admit(ATTACKER, "acme/guess-" + i, () -> false));
            }
            boolean before = jail.isBanned(ATTACKER, null);

            jail.failed(jail.admit(ATTACKER, "acme/guess-4", () -> false));

            assertFalse(before);
            Ban ban = jail.activeBan(ATTACKER, null).orElseThrow();
            assertEquals(5, ban.failures());
            assertEquals(START.plus(Duration.ofMinutes(10)), ban.until());
        }

        @Test
        @DisplayName("a user name banned from 5 addresses still admits an address the user signed in from; others are refused")
        void nameBanSparesKnownAddresses() {
            for (int i = 1; i <= 5; i++) {
                jail.failed(jail.admit("198.51.100." + i, "acme/admin", () -> false));
            }
            List<String> asked = new ArrayList<>();

            Admission known = jail.admit("192.0.2.10", "acme/admin", () -> asked.add("known") || true);
            Admission unknown = jail.admit("192.0.2.11", "acme/admin", () -> !asked.add("unknown"));

            assertTrue(known.admitted());
            assertFalse(known.nameTaken(), "the name's count does not apply there");
            assertFalse(unknown.admitted());
            assertEquals(START.plus(Duration.ofMinutes(10)), unknown.refusedUntil());
            assertEquals(List.of("known", "unknown"), asked);
            jail.failed(unknown);
            assertFalse(jail.isBanned("192.0.2.11", null), "a refused try is not counted against its address");
        }

        @Test
        @DisplayName("the known-address question is asked only when the user name has no try left")
        void knownAddressAskedOnlyWhenNeeded() {
            List<String> asked = new ArrayList<>();

            Admission a = jail.admit(ATTACKER, "acme/admin", () -> asked.add("asked"));

            assertTrue(a.admitted());
            assertTrue(a.nameTaken());
            assertTrue(asked.isEmpty());
        }

        @Test
        @DisplayName("an address that is banned is refused whatever the name, and the name's count is untouched")
        void bannedAddressRefused() {
            failFrom(ATTACKER, 5);

            Admission a = jail.admit(ATTACKER, "acme/alice", () -> true);

            assertFalse(a.admitted());
            for (int i = 1; i <= 5; i++) {
                assertTrue(jail.admit("198.51.100." + i, "acme/alice", () -> false).admitted(), "alice's tries are all there");
            }
        }

        @Test
        @DisplayName("allow-listed addresses take nothing and are always admitted")
        void allowListedAdmitted() {
            Bucket4jLoginJail trusting = new Bucket4jLoginJail(JailSettings.defaults()
                    .withAllowList("10.0.0.0/8"), clock, listener);
            for (int i = 0; i < 10; i++) {
                trusting.failed(trusting.admit("10.1.2.3", "acme/alice", () -> false));
            }

            assertTrue(trusting.admit("10.1.2.3", "acme/alice", () -> false).admitted());
            assertFalse(trusting.isBanned("198.51.100.1", "acme/alice"));
        }
    }

    @Nested
    @DisplayName("with an allow-list")
    class AllowList {

        @BeforeEach
        void allowList() {
            jail = new Bucket4jLoginJail(JailSettings.defaults().withAllowList("10.0.0.0/8", "2001:db8:1::/48"), clock, listener);
        }

        @Test
        @DisplayName("never bans allow-listed IPv4 and IPv6 ranges")
        void neverBansAllowListed() {
            failFrom("10.20.30.40", 50);
            failFrom("2001:db8:1:5::7", 50);

            assertFalse(jail.isBanned("10.20.30.40", null));
            assertFalse(jail.isBanned("2001:db8:1:5::7", null));
            assertTrue(listener.banned.isEmpty());
        }

        @Test
        @DisplayName("lets an allow-listed address log in to a user name banned from outside")
        void allowListedBypassUserNameBan() {
            for (int i = 1; i <= 5; i++) {
                jail.recordFailure("198.51.100." + i, "admin");
            }

            assertTrue(jail.isBanned("198.51.100.77", "admin"));
            assertFalse(jail.isBanned("10.1.1.1", "admin"));
        }

        @Test
        @DisplayName("still bans addresses just outside the ranges")
        void bansOutside() {
            failFrom("11.0.0.1", 5);
            failFrom("2001:db8:2::1", 5);

            assertTrue(jail.isBanned("11.0.0.1", null));
            assertTrue(jail.isBanned("2001:db8:2::1", null));
        }
    }

    @Nested
    @DisplayName("for the administrator")
    class Administration {

        @Test
        @DisplayName("lists active bans oldest first, with address, since, until, count and last user name")
        void listsBans() {
            failFrom(ATTACKER, 5);
            clock.advance(Duration.ofMinutes(1));
            failFrom("198.51.100.9", 5);

            List<Ban> bans = jail.activeBans();

            assertEquals(List.of(ATTACKER, "198.51.100.9"), bans.stream().map(Ban::subject).toList());
            assertEquals(START, bans.get(0).since());
            assertEquals(START.plus(Duration.ofMinutes(11)), bans.get(1).until());
            assertEquals(5, bans.get(1).failures());
            assertEquals("guess-4-198.51.100.9", bans.get(1).lastUserName());
        }

        @Test
        @DisplayName("lifts a ban by hand, tells the listener, and a second lift finds nothing")
        void manualLift() {
            // Arrange
            failFrom(ATTACKER, 5);

            // Act
            Ban lifted = jail.lift(BanKind.ADDRESS, ATTACKER).orElseThrow();

            // Assert
            assertEquals(ATTACKER, lifted.subject());
            assertFalse(jail.isBanned(ATTACKER, null));
            assertEquals(List.of(lifted), listener.lifted);
            assertTrue(jail.lift(BanKind.ADDRESS, ATTACKER).isEmpty());
        }

        @Test
        @DisplayName("lifts a user name ban whatever the case typed")
        void liftUserName() {
            for (int i = 1; i <= 5; i++) {
                jail.recordFailure("198.51.100." + i, "alice");
            }

            assertTrue(jail.lift(BanKind.USER_NAME, "Alice").isPresent());
            assertFalse(jail.isBanned("192.0.2.1", "alice"));
        }

        @Test
        @DisplayName("logs the policy in force when the jail starts")
        void startUpLogLine() {
            List<String> messages = new ArrayList<>();
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    messages.add(record.getMessage());
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            Logger logger = Logger.getLogger(Bucket4jLoginJail.class.getName());
            logger.addHandler(handler);
            try {
                new Bucket4jLoginJail(JailSettings.defaults(), clock, listener);
            } finally {
                logger.removeHandler(handler);
            }

            assertEquals(List.of("Login jail: 5 failed logins within 10 minutes from one source address "
                    + "(IPv6 counted per /64) or for one user name ban it for 10 minutes; up to 10000 addresses "
                    + "and 10000 user names are tracked; allow-listed (never banned): none."), messages);
        }

        @Test
        @DisplayName("carries on when the listener throws")
        void failingListener() {
            jail = new Bucket4jLoginJail(JailSettings.defaults(), clock, new JailListener() {
                @Override
                public void banned(Ban ban) {
                    throw new IllegalStateException("audit database down");
                }
            });

            failFrom(ATTACKER, 5);

            assertTrue(jail.isBanned(ATTACKER, null));
        }
    }

    @Nested
    @DisplayName("under attack")
    class UnderAttack {

        @Test
        @DisplayName("100,000 distinct failing addresses leave at most the capacity, and an active ban survives")
        void boundedMemory() {
            // Arrange
            jail = new Bucket4jLoginJail(JailSettings.defaults().withCapacity(1_000, 1_000), clock, listener);
            failFrom(ATTACKER, 5);

            // Act
            for (int i = 0; i < 100_000; i++) {
                jail.recordFailure("10." + (i >>> 16) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff), "user" + i);
            }

            // Assert
            assertTrue(jail.trackedAddresses() <= 1_000, "addresses held: " + jail.trackedAddresses());
            assertTrue(jail.trackedUserNames() <= 1_000, "user names held: " + jail.trackedUserNames());
            assertTrue(jail.isBanned(ATTACKER, null), "the ban from before the flood");
        }

        @Test
        @DisplayName("when only bans are left, the ban that ends soonest makes room")
        void soonestEndingBanMakesRoom() {
            jail = new Bucket4jLoginJail(JailSettings.defaults().withCapacity(2, 100), clock, listener);
            failFrom("192.0.2.1", 5);
            clock.advance(Duration.ofMinutes(1));
            failFrom("192.0.2.2", 5);

            jail.recordFailure("192.0.2.3", "someone");

            assertFalse(jail.isBanned("192.0.2.1", null));
            assertTrue(jail.isBanned("192.0.2.2", null));
            assertEquals(2, jail.trackedAddresses());
        }

        @Test
        @DisplayName("counts concurrent failures exactly: one ban, every failure counted")
        void concurrentFailures() throws Exception {
            // Arrange: a capacity so large that nothing is evicted, and failures that never end a ban
            jail = new Bucket4jLoginJail(JailSettings.defaults().withPolicy(1_000, Duration.ofDays(1), Duration.ofDays(1)),
                    clock, listener);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();

            // Act
            for (int t = 0; t < 4; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 500; i++) {
                        jail.recordFailure(ATTACKER, "t" + thread + "-" + i);
                        jail.isBanned("198.51.100." + (i % 250), null);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();

            // Assert
            assertEquals(1, listener.banned.size());
            assertEquals(1_000, listener.banned.get(0).failures(), "the failure that completed the count");
            assertEquals(2_000, jail.activeBan(ATTACKER, null).orElseThrow().failures());
        }
    }

    @Test
    @DisplayName("switched off, the jail is the Null jail that never bans")
    void switchedOff() {
        LoginJail off = LoginJail.create(JailSettings.defaults().withEnabled(false), clock, listener);
        for (int i = 0; i < 20; i++) {
            off.recordFailure(ATTACKER, "alice");
        }

        assertTrue(off instanceof NullLoginJail);
        assertFalse(off.isBanned(ATTACKER, "alice"));
        assertTrue(off.activeBans().isEmpty());
        assertNull(off.lift(BanKind.ADDRESS, ATTACKER).orElse(null));
    }
}
