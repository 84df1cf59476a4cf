package com.truustrules.webhook;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** One CIDR range (IPv4 or IPv6); a bare address is a range of one. */
public record IpRange(byte[] network, int prefix) {

    public static IpRange parse(String cidr) {
        String[] parts = cidr.trim().split("/", 2);
        byte[] address = literal(parts[0]);
        int bits = address.length * 8;
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : bits;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
        }
        return new IpRange(address, prefix);
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
        if (ip.isEmpty() || !ip.matches("[0-9a-fA-F:.%]+") || (!ip.contains(":") && !ip.matches("[0-9.]+"))) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
    }
}
