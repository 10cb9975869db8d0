package org.eventlite.client.cli;

/** The one search the generator's readers repeat on every byte they receive. */
final class ByteScan {

    private ByteScan() {
    }

    /** The index of the first {@code b} in {@code [from, to)}, or -1. */
    static int indexOf(byte[] bytes, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
