package io.kafkaaas.retire;

/** Port: the Name tag of an ENI or a volume, which is what ties it to a broker id (DESIGN.md, "ENI" and "EBS volume"). */
public interface NameTags {
    /** Overwrites the resource's Name tag; renaming to the name it already has changes nothing. */
    void rename(String resourceId, String name);
}
