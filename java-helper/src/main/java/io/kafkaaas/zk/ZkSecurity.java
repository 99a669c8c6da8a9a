package io.kafkaaas.zk;

import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Who the helper is to ZooKeeper and how it talks to it. With an auth file, every znode the helper creates under
 * /kafka-aas gets the cluster's digest identity with all rights and the world read (or nothing), so a client that
 * merely reaches the ensemble can no longer rewrite or delete a live claim. Without one, znodes stay world-writable
 * as before.
 */
public record ZkSecurity(Optional<Path> authFile, WorldAccess world, Optional<ZkTls> tls) {

    /** What a client without the cluster's credentials may do with the helper's znodes. */
    public enum WorldAccess { read, none }

    public static ZkSecurity none() {
        return new ZkSecurity(Optional.empty(), WorldAccess.read, Optional.empty());
    }

    /** Reads the credentials (at connect time: the file is written by an earlier boot step). */
    public Optional<ZkCredentials> credentials() {
        return authFile.map(ZkCredentials::fromFile);
    }

    /** The ACL of every znode the helper creates under /kafka-aas: the cluster's identity may do anything. */
    public static List<ACL> ownedAcl(ZkCredentials credentials, WorldAccess world) {
        List<ACL> acl = new ArrayList<>();
        acl.add(new ACL(ZooDefs.Perms.ALL, new Id("digest", credentials.digestId())));
        if (world == WorldAccess.read) {
            acl.add(new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE));
        }
        // Not List.copyOf: ZooKeeper checks acl.contains(null), which an immutable List.of answers with an exception.
        return Collections.unmodifiableList(acl);
    }
}
