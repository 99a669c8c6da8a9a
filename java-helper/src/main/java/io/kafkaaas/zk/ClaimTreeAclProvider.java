package io.kafkaaas.zk;

import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ACL of every znode this client creates, decided where znodes are created: the helper's own tree
 * (&lt;chroot&gt;/kafka-aas and everything under it: claims, and any index or parent znode a store adds) gets the
 * cluster's ACL; anything above it, i.e. a chroot the helper creates the way Kafka would, stays open, so that Kafka
 * can still create its own znodes under the chroot.
 */
public final class ClaimTreeAclProvider implements ACLProvider {
    private final String ownedRoot;
    private final List<ACL> owned;

    public ClaimTreeAclProvider(String chroot, List<ACL> owned) {
        this.ownedRoot = chroot + "/kafka-aas";
        this.owned = Collections.unmodifiableList(new ArrayList<>(owned)); // not List.copyOf: see ZkSecurity.ownedAcl
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return ZooDefs.Ids.OPEN_ACL_UNSAFE;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        return path.equals(ownedRoot) || path.startsWith(ownedRoot + "/") ? owned : ZooDefs.Ids.OPEN_ACL_UNSAFE;
    }
}
