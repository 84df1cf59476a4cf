package com.truustrules.webhook;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** One CIDR range (IPv4 or IPv6); a bare address is a range of one. */
public record IpRange(byte[] network, int prefix) {

    // Dotted quad only: InetAddress would take "10" as 0.0.0.10 and look "999.1.1.1" up in DNS.
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    // InetAddress parses text that starts with a hex digit or ':' and has a ':' as a literal, never a name.
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,3}");

    /** Reads "address/prefix" or a bare address; anything else, host names included, is refused. */
    public static IpRange parse(String cidr) {
        String[] parts = String.valueOf(cidr).trim().split("/", 2);
        byte[] address;
        try {
            address = literal(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address or CIDR range: '" + cidr + "'", e);
        }
        int bits = address.length * 8;
        String prefix = parts.length == 2 ? parts[1].trim() : Integer.toString(bits);
        if (!PREFIX.matcher(prefix).matches() || Integer.parseInt(prefix) > bits) {
            throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
        }
        return new IpRange(address, Integer.parseInt(prefix));
    }

    public boolean contains(String ip) {
        byte[] address;
        try {
            address = literal(ip);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (address.length != network.length) {
            return false;
        }
        int shift = network.length * 8 - prefix;
        return new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
    }

    /** Parses an IP literal only: a host name is refused rather than looked up in DNS. */
    static byte[] literal(String text) {
        String ip = text == null ? "" : text.trim();
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        ip = ip.replaceFirst("%.*$", ""); // an IPv6 zone names a local interface, not part of the address
        if (IPV4.matcher(ip).matches()) {
            return ipv4(ip);
        }
        if (!IPV6.matcher(ip).matches()) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
    }

    private static byte[] ipv4(String ip) {
        String[] octets = ip.split("\\.");
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(octets[i]);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IP address: '" + ip + "'");
            }
            address[i] = (byte) octet;
        }
        return address;
    }
}
