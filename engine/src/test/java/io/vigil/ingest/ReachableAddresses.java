package io.vigil.ingest;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/** Checks whether a local port answers on this host's non-loopback addresses (what another machine would use). */
final class ReachableAddresses {
    private ReachableAddresses() {}

    /** This host's non-loopback IPv4 addresses. */
    static List<InetAddress> nonLoopback() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                    .toList();
        } catch (SocketException e) {
            return List.of();
        }
    }

    static boolean canConnectFromAnotherAddress(int port) {
        for (InetAddress a : nonLoopback()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a, port), 1000);
                return true;
            } catch (IOException refused) {
                // not listening on this address
            }
        }
        return false;
    }
}
