package io.vigil.schedule;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

/**
 * This process's name among the nodes sharing one database: host, pid and start time, so an operator
 * can tell which process it was. Quartz's instance id and the evaluation log's node column.
 */
public record NodeName(String id) {

    /** The name of the running process. */
    public static NodeName current() {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().orElse(Instant.now()).toEpochMilli();
        // Quartz puts the id into 95-character entry ids; a long host name is cut, the pid and start time stay.
        String host = host();
        return new NodeName((host.length() > 60 ? host.substring(0, 60) : host) + "/" + self.pid() + "/" + started);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // A host without a resolvable name still has one node name; the pid and start time keep it unique.
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
