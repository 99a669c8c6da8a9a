package io.kafkaaas.zk;

import io.kafkaaas.claim.Claim;
import io.kafkaaas.claim.ClaimData;
import io.kafkaaas.claim.ClaimStore;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Claims as persistent znodes at /kafka-aas/&lt;cluster&gt;/claims/&lt;id&gt;, written only conditionally. */
public final class ZkClaimStore implements ClaimStore {
    private final CuratorFramework client;
    private final String claimsPath;

    public ZkClaimStore(CuratorFramework client, String chroot, String cluster) {
        this.client = client;
        this.claimsPath = chroot + claimsPath(cluster);
    }

    /** The claims' parent, relative to the chroot of the connect string. */
    public static String claimsPath(String cluster) {
        return "/kafka-aas/" + cluster + "/claims";
    }

    @Override
    public SortedMap<Integer, Claim> readAll() {
        SortedMap<Integer, Claim> claims = new TreeMap<>();
        List<String> children;
        try {
            children = client.getChildren().forPath(claimsPath);
        } catch (KeeperException.NoNodeException e) {
            return claims;
        } catch (Exception e) {
            throw failure("list " + claimsPath, e);
        }
        for (String child : children) {
            if (!child.matches("[0-9]{1,9}")) {
                continue;
            }
            int id = Integer.parseInt(child);
            read(id).ifPresent(c -> claims.put(id, c));
        }
        return claims;
    }

    @Override
    public Optional<Claim> read(int brokerId) {
        Stat stat = new Stat();
        byte[] bytes;
        try {
            bytes = client.getData().storingStatIn(stat).forPath(path(brokerId));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw failure("read " + path(brokerId), e);
        }
        Instant mtime = Instant.ofEpochMilli(stat.getMtime());
        return Optional.of(ClaimJson.read(bytes)
                .map(d -> Claim.of(brokerId, d, stat.getVersion(), mtime))
                .orElse(Claim.unreadable(brokerId, stat.getVersion(), mtime)));
    }

    @Override
    public boolean create(int brokerId, ClaimData data) {
        try {
            client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT)
                    .forPath(path(brokerId), ClaimJson.write(data));
            return true;
        } catch (KeeperException.NodeExistsException e) {
            return false;
        } catch (Exception e) {
            throw failure("create " + path(brokerId), e);
        }
    }

    @Override
    public boolean replace(Claim expected, ClaimData data) {
        try {
            client.setData().withVersion(expected.version()).forPath(path(expected.brokerId()), ClaimJson.write(data));
            return true;
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            return false;
        } catch (Exception e) {
            throw failure("update " + path(expected.brokerId()), e);
        }
    }

    @Override
    public boolean delete(Claim expected) {
        try {
            client.delete().withVersion(expected.version()).forPath(path(expected.brokerId()));
            return true;
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            return false;
        } catch (Exception e) {
            throw failure("delete " + path(expected.brokerId()), e);
        }
    }

    private String path(int brokerId) {
        return claimsPath + "/" + brokerId;
    }

    private RuntimeException failure(String what, Exception e) {
        return ZkFailures.translate(client, what, e);
    }
}
