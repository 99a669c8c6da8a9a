package io.kafkaaas.testing;

import io.kafkaaas.claim.BrokerRegistry;
import io.kafkaaas.claim.Claim;
import io.kafkaaas.claim.ClaimData;
import io.kafkaaas.claim.ClaimStore;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The conditional-write semantics of ZooKeeper znodes, in memory, for fast unit tests of the rules. */
public final class InMemoryClaimStore implements ClaimStore, BrokerRegistry {
    private final SortedMap<Integer, Claim> claims = new TreeMap<>();
    private final Set<Integer> registered = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    public InMemoryClaimStore(Clock clock) {
        this.clock = clock;
    }

    public synchronized void registerBroker(int brokerId) {
        registered.add(brokerId);
    }

    /** The broker's ephemeral registration went: Kafka stopped, or its ZooKeeper session expired. */
    public synchronized void deregisterBroker(int brokerId) {
        registered.remove(brokerId);
    }

    @Override
    public boolean isRegistered(int brokerId) {
        return registered.contains(brokerId);
    }

    @Override
    public synchronized SortedMap<Integer, Claim> readAll() {
        return new TreeMap<>(claims);
    }

    @Override
    public synchronized Optional<Claim> read(int brokerId) {
        return Optional.ofNullable(claims.get(brokerId));
    }

    @Override
    public synchronized boolean create(int brokerId, ClaimData data) {
        if (claims.containsKey(brokerId)) {
            return false;
        }
        claims.put(brokerId, Claim.of(brokerId, data, 0, clock.instant()));
        return true;
    }

    @Override
    public synchronized boolean replace(Claim expected, ClaimData data) {
        Claim current = claims.get(expected.brokerId());
        if (current == null || current.version() != expected.version()) {
            return false;
        }
        claims.put(expected.brokerId(), Claim.of(expected.brokerId(), data, current.version() + 1, clock.instant()));
        return true;
    }

    @Override
    public synchronized boolean delete(Claim expected) {
        Claim current = claims.get(expected.brokerId());
        if (current == null || current.version() != expected.version()) {
            return false;
        }
        claims.remove(expected.brokerId());
        return true;
    }
}
