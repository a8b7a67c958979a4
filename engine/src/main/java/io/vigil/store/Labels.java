package io.vigil.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable label set (name → value), kept sorted by name. Its {@link #text() canonical text} is
 * what the store keeps, so equal label sets always map to the same series.
 */
public final class Labels implements Comparable<Labels> {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Labels EMPTY = new Labels(new TreeMap<>());

    private final SortedMap<String, String> map;
    private final String text;
    private final int hashCode;

    private Labels(TreeMap<String, String> sorted) {
        this.map = Collections.unmodifiableSortedMap(sorted);
        try {
            this.text = JSON.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("label text of " + sorted, e);
        }
        this.hashCode = text.hashCode();
    }

    /** The label set holding {@code labels}; null values are not allowed. */
    public static Labels of(Map<String, String> labels) {
        if (labels.isEmpty()) return EMPTY;
        TreeMap<String, String> sorted = new TreeMap<>();
        labels.forEach((k, v) -> sorted.put(java.util.Objects.requireNonNull(k), java.util.Objects.requireNonNull(v, k)));
        return new Labels(sorted);
    }

    /** Alternating names and values: {@code Labels.of("segment", "EU", "region", "west")}. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("odd number of arguments");
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) m.put(namesAndValues[i], namesAndValues[i + 1]);
        return of(m);
    }

    /** Parses the canonical text written by {@link #text()}. */
    static Labels parse(String text) {
        try {
            return of(JSON.readValue(text, new TypeReference<TreeMap<String, String>>() {}));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored label text is not a JSON object of strings: " + text, e);
        }
    }

    /** name → value, sorted by name. */
    public SortedMap<String, String> asMap() { return map; }

    /** The value of {@code name}, or the empty string when absent (Prometheus' rule for matchers). */
    public String get(String name) { return map.getOrDefault(name, ""); }

    public boolean isEmpty() { return map.isEmpty(); }

    /** This set plus {@code name=value} (replacing an existing value). */
    public Labels with(String name, String value) {
        TreeMap<String, String> m = new TreeMap<>(map);
        m.put(name, value);
        return new Labels(m);
    }

    /** Canonical text: a JSON object with keys in sorted order, e.g. {@code {"region":"west","segment":"EU"}}. */
    public String text() { return text; }

    /** 64 bits of the SHA-256 of {@link #text()}: the store's lookup key for a label set. */
    public long hash64() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override public boolean equals(Object o) {
        return o instanceof Labels l && l.hashCode == hashCode && l.text.equals(text);
    }

    @Override public int hashCode() { return hashCode; }

    @Override public int compareTo(Labels o) { return text.compareTo(o.text); }

    @Override public String toString() { return text; }
}
