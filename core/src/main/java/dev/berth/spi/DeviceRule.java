package dev.berth.spi;

/**
 * A rule of the device cgroup: which devices the container may create ({@code m}), read or write.
 *
 * @param allow  whether the rule allows (or denies) access
 * @param type   {@code 'a'} all, {@code 'c'} character, {@code 'b'} block
 * @param major  the major number, {@link #ANY} for all
 * @param minor  the minor number, {@link #ANY} for all
 * @param access a non-empty combination of {@code r}, {@code w} and {@code m}
 */
public record DeviceRule(boolean allow, char type, long major, long minor, String access) {

    public static final long ANY = -1;

    public DeviceRule {
        if (type != 'a' && type != 'c' && type != 'b') {
            throw new IllegalArgumentException("a device rule is of type 'a', 'c' or 'b', not '" + type + "'");
        }
        if (major < ANY || minor < ANY) {
            throw new IllegalArgumentException("a device number is >= 0, or any");
        }
        if (access.isEmpty() || !access.matches("r?w?m?")) {
            throw new IllegalArgumentException("device access is a combination of r, w and m, not \"" + access + "\"");
        }
    }

    public static DeviceRule allow(char type, long major, long minor, String access) {
        return new DeviceRule(true, type, major, minor, access);
    }

    /** The rule as cgroup v1's devices.allow and devices.deny take it: {@code c 1:3 rwm}. */
    public String toCgroupLine() {
        if (type == 'a') {
            return "a";
        }
        return type + " " + (major == ANY ? "*" : Long.toString(major)) + ":" + (minor == ANY ? "*" : Long.toString(minor))
                + " " + access;
    }
}
