package io.kafkaaas.cli;

import io.kafkaaas.retire.RetireResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What retire-id prints: what it renamed and released and, after a retire, what the operator may now delete. */
record RetireView(RetireResult result) implements CommandResult {
    @Override
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("changed", result.changed());
        json.put("brokerId", result.brokerId());
        json.put("state", result.retired() ? "retired" : "active");
        json.put("name", result.name());
        json.put("renamed", result.renamed());
        json.put("claimReleased", result.claimReleased());
        json.put("eniIds", result.eniIds());
        json.put("volumeIds", result.volumeIds());
        if (result.retired()) {
            json.put("mayDelete", deleteCommands());
        }
        return json;
    }

    @Override
    public String text() {
        List<String> lines = new ArrayList<>();
        String what = result.changed() ? (result.retired() ? "retired" : "restored") : "already " + (result.retired() ? "retired" : "active");
        lines.add("broker id " + result.brokerId() + " " + what + ": ENI(s) " + result.eniIds() + " and volume(s) "
                + result.volumeIds() + " are tagged Name=" + result.name()
                + (result.claimReleased() ? "; its claim was released" : ""));
        if (result.retired()) {
            lines.add("No instance will claim them again. When you no longer need the data (snapshot the volume first if you"
                    + " may), you may delete them; if the stack created them, lower BrokerCount instead:");
            deleteCommands().forEach(c -> lines.add("  " + c));
        } else {
            lines.add("The next instance that boots in its AZ without an id can claim it.");
        }
        return String.join(System.lineSeparator(), lines);
    }

    private List<String> deleteCommands() {
        List<String> commands = new ArrayList<>();
        result.eniIds().forEach(id -> commands.add("aws ec2 delete-network-interface --network-interface-id " + id));
        result.volumeIds().forEach(id -> commands.add("aws ec2 delete-volume --volume-id " + id));
        return commands;
    }
}
