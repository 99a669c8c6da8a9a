package io.kafkaaas.instance;

import java.util.Collection;
import java.util.Map;

/** Port: which state EC2 reports for instances. Ids EC2 does not know are absent from the result. */
public interface InstanceDirectory {
    Map<String, InstanceState> states(Collection<String> instanceIds);
}
