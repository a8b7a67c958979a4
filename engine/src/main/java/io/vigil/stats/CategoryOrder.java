package io.vigil.stats;

import java.util.Comparator;

/**
 * Orders category names by Unicode code point, as Python's {@code sorted} does, so the category
 * order (and so the z-test's "success" category) matches the reference implementation;
 * {@link String#compareTo} compares UTF-16 units and differs above U+FFFF.
 */
public final class CategoryOrder implements Comparator<String> {
    public static final CategoryOrder INSTANCE = new CategoryOrder();

    private CategoryOrder() {}

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
