package com.truustrules.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @Test
    void anIpv4RangeHoldsItsAddressesOnly() {
        IpRange range = IpRange.parse("203.0.113.0/24");
        assertTrue(range.contains("203.0.113.0"));
        assertTrue(range.contains("203.0.113.255"));
        assertFalse(range.contains("203.0.112.255"));
        assertFalse(range.contains("203.0.114.0"));
    }

    @Test
    void hostBitsInTheNetworkDoNotMatter() {
        IpRange range = IpRange.parse(" 10.1.2.3/8 ");
        assertTrue(range.contains("10.255.0.1"));
        assertFalse(range.contains("11.0.0.1"));
    }

    @Test
    void aPrefixThatIsNotAByteBoundaryCutsInsideTheByte() {
        IpRange range = IpRange.parse("192.168.1.64/26");
        assertTrue(range.contains("192.168.1.64"));
        assertTrue(range.contains("192.168.1.127"));
        assertFalse(range.contains("192.168.1.63"));
        assertFalse(range.contains("192.168.1.128"));
    }

    @Test
    void anIpv6RangeHoldsItsAddressesOnly() {
        IpRange range = IpRange.parse("2001:db8:abcd::/48");
        assertTrue(range.contains("2001:db8:abcd::1"));
        assertTrue(range.contains("2001:0db8:abcd:ffff:ffff:ffff:ffff:ffff"));
        assertTrue(range.contains("[2001:db8:abcd::7]"));
        assertFalse(range.contains("2001:db8:abce::1"));
    }

    @Test
    void aBareAddressIsARangeOfOne() {
        IpRange v4 = IpRange.parse("127.0.0.1");
        assertEquals(32, v4.prefix());
        assertTrue(v4.contains("127.0.0.1"));
        assertFalse(v4.contains("127.0.0.2"));
        IpRange v6 = IpRange.parse("::1");
        assertEquals(128, v6.prefix());
        assertTrue(v6.contains("0:0:0:0:0:0:0:1"));
        assertFalse(v6.contains("::2"));
    }

    @Test
    void slashZeroHoldsEveryAddressOfItsFamily() {
        assertTrue(IpRange.parse("0.0.0.0/0").contains("255.255.255.255"));
        assertTrue(IpRange.parse("0.0.0.0/0").contains("1.2.3.4"));
        assertFalse(IpRange.parse("0.0.0.0/0").contains("::1"));
        assertTrue(IpRange.parse("::/0").contains("ffff::1"));
        assertFalse(IpRange.parse("::/0").contains("1.2.3.4"));
    }

    @Test
    void anIpv4MappedIpv6PeerMatchesAnIpv4Range() {
        // A dual-stack socket reports IPv4 clients this way.
        assertTrue(IpRange.parse("203.0.113.0/24").contains("::ffff:203.0.113.9"));
    }

    @Test
    void aZoneOnAnIpv6PeerIsIgnored() {
        assertTrue(IpRange.parse("fe80::/10").contains("fe80:0:0:0:0:0:0:1%lo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "/8", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/8/8",
        "::/129", "10.0.0.0/x", "256.0.0.1", "10.0.0", "10/8", "10.0.0.0.1", "010.0.0.1", "1.2.3.4:80",
        "2001:db8::g", "1:2:3:4:5:6:7:8:9", "localhost", "example.com", "ab.cd", "abc", "*"})
    void badInputIsRefused(String cidr) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpRange.parse(cidr));
        assertTrue(e.getMessage().contains("'" + cidr + "'"), e.getMessage());
    }

    @Test
    void nullIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "unknown", "localhost", "10.0.0.256", "10.0.0.1:443", "10.0.0.1, 10.0.0.2"})
    void anAddressThatCannotBeParsedIsNotContained(String peer) {
        assertFalse(IpRange.parse("0.0.0.0/0").contains(peer));
        assertFalse(IpRange.parse("::/0").contains(peer));
    }

    @Test
    void nullIsNotContained() {
        assertFalse(IpRange.parse("0.0.0.0/0").contains(null));
    }

    /**
     * Runs the parser in a JVM whose host-name look-ups read a hosts file that resolves every input,
     * so any look-up would turn the input into an address: each must still be refused.
     */
    @Test
    void hostNamesAreRefusedWithoutBeingLookedUp(@TempDir Path dir) throws Exception {
        List<String> names = List.of("999.1.1.1", "1.2.3.4.5", "10", "1.2.3", "truust.example", ".:1", "%:1");
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, String.join("\n", names.stream().map(n -> "10.9.9.9 " + n).toList()) + "\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + hosts, "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        command.add(Probe.SELF_CHECK);
        command.addAll(names);
        List<String> answers = run(command);
        assertEquals(Probe.SELF_CHECK + " resolved", answers.get(0), "the probe JVM must use the hosts file");
        assertEquals(names.stream().map(n -> n + " refused").toList(), answers.subList(1, answers.size()));
    }

    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } finally {
            process.destroyForcibly();
        }
    }

    /** Main class of the probe JVM: parses each argument as a range and prints whether it was refused. */
    public static final class Probe {

        static final String SELF_CHECK = "truust.example";

        public static void main(String[] args) throws IOException {
            System.out.println(SELF_CHECK + (java.net.InetAddress.getByName(SELF_CHECK) != null ? " resolved" : ""));
            for (int i = 1; i < args.length; i++) {
                try {
                    IpRange.parse(args[i]);
                    System.out.println(args[i] + " accepted");
                } catch (IllegalArgumentException e) {
                    System.out.println(args[i] + " refused");
                }
            }
        }
    }
}
