package io.kafkaaas.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Counts the AWS API calls every SDK client in the test JVM makes, including the ones the CLI builds itself: it
 * is registered as a global interceptor through a test resource
 * (software/amazon/awssdk/global/handlers/execution.interceptors), which never reaches the shipped jar. This is
 * how tests prove that a re-run makes no AttachNetworkInterface or AttachVolume call.
 */
public final class RecordingInterceptor implements ExecutionInterceptor {
    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static final Map<String, List<Runnable>> AFTER_SUCCESS = new ConcurrentHashMap<>();

    public static void reset() {
        CALLS.clear();
    }

    /** Operation names in call order, e.g. DescribeNetworkInterfaces, AttachNetworkInterface. */
    public static List<String> calls() {
        return List.copyOf(CALLS);
    }

    public static long count(String operation) {
        return CALLS.stream().filter(operation::equals).count();
    }

    public static Map<String, Long> counts() {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        CALLS.forEach(c -> counts.merge(c, 1L, Long::sum));
        return counts;
    }

    /**
     * Runs action each time the operation succeeds, e.g. a device that appears only once AttachVolume went
     * through (as on a Xen instance). Kept across {@link #reset()}; {@link #clearActions()} drops them.
     */
    public static void afterSuccess(String operation, Runnable action) {
        AFTER_SUCCESS.computeIfAbsent(operation, o -> new CopyOnWriteArrayList<>()).add(action);
    }

    public static void clearActions() {
        AFTER_SUCCESS.clear();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        AFTER_SUCCESS.getOrDefault(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), List.of()).forEach(Runnable::run);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        CALLS.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
}
