package io.kafkaaas.zk;

import io.kafkaaas.claim.Claim;
import io.kafkaaas.claim.ClaimBoard;
import io.kafkaaas.claim.ClaimData;
import io.kafkaaas.claim.ClaimQueue;
import io.kafkaaas.claim.ClaimStore;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claims as persistent znodes at /kafka-aas/&lt;cluster&gt;/claims/&lt;id&gt;, written only conditionally. Next to
 * them, in the same parent so that one getChildren sees all of it at one instant:
 * <ul>
 *   <li>the owner index, one empty persistent znode {@code <id>-<instance-id>} per claim, written in the same
 *   multi as the claim it names;</li>
 *   <li>the line, one ephemeral-sequential znode {@code waiting~<az>~<instance-id>~<sequence>} per claimer that
 *   is choosing an id (created with Curator's protection prefix, so a create retried after a lost answer finds
 *   its node instead of queueing twice), removed in the multi that writes its claim, or by ZooKeeper when its
 *   session ends.</li>
 * </ul>
 * Older kafka-aas versions list only the numeric children, so they neither see nor mind the others.
 */
public final class ZkClaimStore implements ClaimStore, ClaimQueue {
    private static final Pattern CLAIM = Pattern.compile("[0-9]{1,9}");
    private static final Pattern ENTRY = Pattern.compile("([0-9]{1,9})-(.+)");
    private static final Pattern WAITING = Pattern.compile("(?:_c_[0-9a-f-]+-)?waiting~([^~]+)~([^~]+)~([0-9]{10,})");

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
            if (!CLAIM.matcher(child).matches()) {
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
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(createOp(path(brokerId), ClaimJson.write(data)));
        ops.add(createEntry(brokerId, data.instanceId()));
        try {
            return write("create " + path(brokerId), ops);
        } catch (KeeperException.NoNodeException firstClaimOfTheCluster) {
            ensureParent();
            return writeOrFalse("create " + path(brokerId), ops);
        } catch (KeeperException.NodeExistsException e) {
            return false;
        } catch (KeeperException e) {
            throw failure("create " + path(brokerId), e);
        }
    }

    @Override
    public boolean replace(Claim expected, ClaimData data) {
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(setDataOp(path(expected.brokerId()), ClaimJson.write(data), expected.version()));
        expected.data().ifPresent(d -> ops.add(deleteOp(entryPath(expected.brokerId(), d.instanceId()), -1)));
        ops.add(createEntry(expected.brokerId(), data.instanceId()));
        return writeOrFalse("update " + path(expected.brokerId()), ops);
    }

    @Override
    public boolean delete(Claim expected) {
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(deleteOp(path(expected.brokerId()), expected.version()));
        expected.data().ifPresent(d -> ops.add(deleteOp(entryPath(expected.brokerId(), d.instanceId()), -1)));
        return writeOrFalse("delete " + path(expected.brokerId()), ops);
    }

    @Override
    public ClaimBoard board() {
        return board(null);
    }

    private ClaimBoard board(CuratorWatcher watcher) {
        Stat stat = new Stat();
        List<String> children;
        try {
            children = watcher == null
                    ? client.getChildren().storingStatIn(stat).forPath(claimsPath)
                    : client.getChildren().storingStatIn(stat).usingWatcher(watcher).forPath(claimsPath);
        } catch (KeeperException.NoNodeException e) {
            return new ClaimBoard(new TreeSet<>(), new TreeMap<>(), List.of(), -1);
        } catch (Exception e) {
            throw failure("list " + claimsPath, e);
        }
        TreeSet<Integer> claimed = new TreeSet<>();
        TreeMap<Integer, List<String>> indexed = new TreeMap<>();
        List<ClaimBoard.Waiting> line = new ArrayList<>();
        for (String child : children) {
            Matcher entry = ENTRY.matcher(child);
            Matcher waiting = WAITING.matcher(child);
            if (CLAIM.matcher(child).matches()) {
                claimed.add(Integer.parseInt(child));
            } else if (entry.matches()) {
                indexed.computeIfAbsent(Integer.parseInt(entry.group(1)), k -> new ArrayList<>()).add(entry.group(2));
            } else if (waiting.matches()) {
                line.add(new ClaimBoard.Waiting(child, waiting.group(1), waiting.group(2), Long.parseLong(waiting.group(3))));
            }
        }
        indexed.replaceAll((id, owners) -> List.copyOf(owners));
        return new ClaimBoard(claimed, indexed, line, stat.getCversion());
    }

    @Override
    public ClaimBoard awaitChange(ClaimBoard seen, Duration patience) {
        CountDownLatch changed = new CountDownLatch(1);
        ClaimBoard now = board(event -> changed.countDown());
        if (now.version() != seen.version()) {
            return now;
        }
        try {
            if (!changed.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                return now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("wait for a change of " + claimsPath, e);
        }
        return board();
    }

    @Override
    public String join(String instanceId, String availabilityZone) {
        String prefix = claimsPath + "/waiting~" + availabilityZone + "~" + instanceId + "~";
        try {
            String created;
            try {
                created = client.create().withProtection().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(prefix);
            } catch (KeeperException.NoNodeException firstClaimOfTheCluster) {
                ensureParent();
                created = client.create().withProtection().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(prefix);
            }
            return created.substring(created.lastIndexOf('/') + 1);
        } catch (Exception e) {
            throw failure("join the claimers' line at " + prefix, e);
        }
    }

    @Override
    public void leave(String ticket) {
        try {
            client.delete().forPath(claimsPath + "/" + ticket);
        } catch (KeeperException.NoNodeException gone) {
            // already gone: claimed, or the session ended
        } catch (Exception e) {
            throw failure("leave the claimers' line (" + claimsPath + "/" + ticket + ")", e);
        }
    }

    @Override
    public boolean createInLine(int brokerId, ClaimData data, String ticket, ClaimBoard seen) {
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(createOp(path(brokerId), ClaimJson.write(data)));
        for (String stale : seen.entries(brokerId)) {
            ops.add(deleteOp(entryPath(brokerId, stale), -1));
        }
        ops.add(createEntry(brokerId, data.instanceId()));
        ops.add(deleteOp(claimsPath + "/" + ticket, -1));
        return writeOrFalse("create " + path(brokerId), ops);
    }

    @Override
    public boolean replaceInLine(Claim expected, ClaimData data, String ticket, ClaimBoard seen) {
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(setDataOp(path(expected.brokerId()), ClaimJson.write(data), expected.version()));
        for (String old : seen.entries(expected.brokerId())) {
            ops.add(deleteOp(entryPath(expected.brokerId(), old), -1));
        }
        ops.add(createEntry(expected.brokerId(), data.instanceId()));
        ops.add(deleteOp(claimsPath + "/" + ticket, -1));
        return writeOrFalse("update " + path(expected.brokerId()), ops);
    }

    @Override
    public void reindex(Claim claim, ClaimBoard seen) {
        if (claim.data().isEmpty()) {
            return;
        }
        String owner = claim.data().get().instanceId();
        List<String> entries = seen.entries(claim.brokerId());
        if (entries.equals(List.of(owner))) {
            return;
        }
        List<CuratorOp> ops = new ArrayList<>();
        // The check makes the entry as true as the claim it was read from: a claim written since is not misnamed.
        ops.add(checkOp(path(claim.brokerId()), claim.version()));
        entries.stream().filter(e -> !e.equals(owner)).forEach(e -> ops.add(deleteOp(entryPath(claim.brokerId(), e), -1)));
        if (!entries.contains(owner)) {
            ops.add(createEntry(claim.brokerId(), owner));
        }
        writeOrFalse("index " + path(claim.brokerId()), ops);
    }

    /**
     * Runs a multi whose first op is the claim's own conditional write and whose other ops keep the index and the
     * line. When only an index or line op fails (an entry already gone or already there, a ticket removed by an
     * ended session), that op is dropped and the rest retried: the claim decides, the index only helps.
     * @return true when the multi went through
     * @throws KeeperException of the claim's own op when that op failed
     */
    private boolean write(String what, List<CuratorOp> ops) throws KeeperException {
        List<CuratorOp> remaining = new ArrayList<>(ops);
        while (true) {
            try {
                // Curator retries a multi on connection loss; a retry after a lost answer fails on the claim's op.
                client.transaction().forOperations(List.copyOf(remaining));
                return true;
            } catch (KeeperException e) {
                int failed = failedOp(e);
                if (failed <= 0) {
                    throw e;
                }
                remaining.remove(failed);
            } catch (Exception e) {
                throw failure(what, e);
            }
        }
    }

    private boolean writeOrFalse(String what, List<CuratorOp> ops) {
        try {
            return write(what, ops);
        } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            return false;
        } catch (KeeperException e) {
            throw failure(what, e);
        }
    }

    /** The index of the op that failed a multi; 0 when ZooKeeper did not say (the claim's own op is then assumed). */
    private static int failedOp(KeeperException e) {
        List<OpResult> results = e.getResults();
        if (results == null) {
            return 0;
        }
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof OpResult.ErrorResult error
                    && error.getErr() != KeeperException.Code.OK.intValue()
                    && error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Creates the claims' parent and whatever is missing above it (the chroot included) in one multi per level
     * found: a fresh cluster costs one request here, not an exists and a create per level.
     */
    private void ensureParent() {
        List<String> levels = new ArrayList<>();
        for (int slash = claimsPath.indexOf('/', 1); slash > 0; slash = claimsPath.indexOf('/', slash + 1)) {
            levels.add(claimsPath.substring(0, slash));
        }
        levels.add(claimsPath);
        int from = 0;
        while (from < levels.size()) {
            List<CuratorOp> ops = levels.subList(from, levels.size()).stream().map(level -> createOp(level, new byte[0])).toList();
            try {
                client.transaction().forOperations(ops);
                return;
            } catch (KeeperException.NodeExistsException e) {
                from += failedOp(e) + 1; // that level and every one above it exist
            } catch (Exception e) {
                throw failure("create " + claimsPath, e);
            }
        }
    }

    private CuratorOp createEntry(int brokerId, String instanceId) {
        return createOp(entryPath(brokerId, instanceId), new byte[0]);
    }

    // The transaction builders apply the client's ACL provider, like every other write of the store.
    private CuratorOp createOp(String path, byte[] data) {
        try {
            return client.transactionOp().create().withMode(CreateMode.PERSISTENT).forPath(path, data);
        } catch (Exception e) {
            throw failure("prepare create " + path, e);
        }
    }

    private CuratorOp setDataOp(String path, byte[] data, int version) {
        try {
            return client.transactionOp().setData().withVersion(version).forPath(path, data);
        } catch (Exception e) {
            throw failure("prepare update " + path, e);
        }
    }

    private CuratorOp deleteOp(String path, int version) {
        try {
            return client.transactionOp().delete().withVersion(version).forPath(path);
        } catch (Exception e) {
            throw failure("prepare delete " + path, e);
        }
    }

    private CuratorOp checkOp(String path, int version) {
        try {
            return client.transactionOp().check().withVersion(version).forPath(path);
        } catch (Exception e) {
            throw failure("prepare check " + path, e);
        }
    }

    private String entryPath(int brokerId, String instanceId) {
        return claimsPath + "/" + brokerId + "-" + instanceId;
    }

    private String path(int brokerId) {
        return claimsPath + "/" + brokerId;
    }

    private RuntimeException failure(String what, Exception e) {
        return ZkFailures.translate(client, what, e);
    }
}
