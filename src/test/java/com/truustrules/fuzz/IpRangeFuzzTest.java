package com.truustrules.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.truustrules.webhook.IpRange;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The IP allow-list ranges: any configured text is a range or an IllegalArgumentException, any
 * client address is in a range or not (never an error), and a range holds exactly the addresses
 * that share its prefix.
 */
@AddLifecycleHook(FuzzBudget.class)
class IpRangeFuzzTest {

    @Property(tries = 1000)
    void anyTextIsARangeOrRefusedWithAReason(@ForAll("rangeTexts") String text, @ForAll("rangeTexts") String client) {
        IpRange range;
        try {
            range = IpRange.parse(text);
        } catch (IllegalArgumentException refused) {
            assertFalse(refused.getMessage().isBlank());
            return;
        }
        range.contains(client);
    }

    @Property(tries = 1000)
    void anIpv4RangeHoldsExactlyTheAddressesSharingItsPrefix(@ForAll int network, @ForAll @IntRange(max = 32) int prefix,
            @ForAll int address) {
        boolean shared = prefix == 0 || network >>> (32 - prefix) == address >>> (32 - prefix);
        assertEquals(shared, IpRange.parse(ipv4(network) + "/" + prefix).contains(ipv4(address)));
    }

    @Property(tries = 1000)
    void flippingOneBitOfTheNetworkLeavesTheRangeOnlyInsideThePrefix(@ForAll int network,
            @ForAll @IntRange(max = 32) int prefix, @ForAll @IntRange(max = 31) int bit) {
        int neighbour = network ^ (1 << (31 - bit));
        assertEquals(bit >= prefix, IpRange.parse(ipv4(network) + "/" + prefix).contains(" " + ipv4(neighbour) + " "));
    }

    @Property(tries = 1000)
    void anIpv6RangeHoldsExactlyTheAddressesSharingItsPrefix(@ForAll @Size(16) byte[] network,
            @ForAll @IntRange(max = 128) int prefix, @ForAll @Size(16) byte[] address) throws UnknownHostException {
        network[0] = (byte) (network[0] | 0x20); // never an IPv4-mapped address, which Java turns into IPv4
        address[0] = (byte) (address[0] | 0x20);
        IpRange range = IpRange.parse(InetAddress.getByAddress(network).getHostAddress() + "/" + prefix);
        int shift = 128 - prefix;
        boolean shared = new BigInteger(1, network).shiftRight(shift).equals(new BigInteger(1, address).shiftRight(shift));
        assertEquals(shared, range.contains("[" + InetAddress.getByAddress(address).getHostAddress() + "]"));
    }

    @Provide
    Arbitrary<String> rangeTexts() {
        return Arbitraries.oneOf(
                Arbitraries.of("10.0.0.0/8", "::/0", "[::1]/128", "fe80::1%eth0/64", "1.2.3.4 / 8", "999.1.1.1", "01.2.3.4",
                        "localhost", "example.com", "1.2.3.4:80", ":", "::::", "1:2:3:4:5:6:7:8:9", "0x7f.1", "2130706433", "",
                        " ", "/8", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/+8", "1.2.3.4/08", "1.2.3.4/33", "::1/129",
                        "\uFF11.2.3.4", "::ffff:10.0.0.1", "::ffff:10.0.0.0/104", "1.2.3.4/8/8", "[1.2.3.4]", "%", "::%"),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF:.[]%/ x").ofMaxLength(45),
                Arbitraries.strings().all().ofMaxLength(45),
                Arbitraries.just(null));
    }

    private static String ipv4(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }
}
