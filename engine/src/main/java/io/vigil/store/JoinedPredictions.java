package io.vigil.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a {@link PredictionQuery}, column by column: row {@code i} is one prediction, with its
 * outcome when one was known at the query's {@code asOf} ({@link #joined(int)}). Columns are primitive
 * arrays so a million predictions take tens of megabytes, not a million objects; label sets and class
 * texts are interned (a row holds an index into {@link #labelSets()} and class codes into
 * {@link #classes()}). The arrays are shared, not copied: callers must not modify them.
 *
 * <p>Absent values: {@code NaN} for numbers, {@code -1} for class codes, {@link #NO_OUTCOME} for the
 * outcome timestamp of a row without an outcome.
 */
public final class JoinedPredictions {
    /** {@link #outcomeTimestamps()} of a prediction that has no outcome known at asOf. */
    public static final long NO_OUTCOME = Long.MIN_VALUE;
    /** A class code meaning "none" (no predicted class sent, or no class outcome). */
    public static final int NO_CLASS = -1;

    private final int size;
    private final int labelled;
    private final long[] timestamps;
    private final int[] labelSet;
    private final List<Labels> labelSets;
    private final double[] scores;
    private final int[] scoreStart;
    private final int[] scoreClass;
    private final double[] scoreValue;
    private final int[] predicted;
    private final double[] values;
    private final List<String> classes;
    private final int[] actual;
    private final double[] actualValues;
    private final long[] outcomeTimestamps;

    private JoinedPredictions(Builder b) {
        this.size = b.size;
        this.timestamps = Arrays.copyOf(b.timestamps, size);
        this.labelSet = Arrays.copyOf(b.labelSet, size);
        this.labelSets = List.copyOf(b.labelSets);
        this.scores = Arrays.copyOf(b.scores, size);
        this.scoreStart = Arrays.copyOf(b.scoreStart, size + 1);
        this.scoreStart[size] = b.scoreCount;
        this.scoreClass = Arrays.copyOf(b.scoreClass, b.scoreCount);
        this.scoreValue = Arrays.copyOf(b.scoreValue, b.scoreCount);
        this.predicted = Arrays.copyOf(b.predicted, size);
        this.values = Arrays.copyOf(b.values, size);
        this.classes = List.copyOf(b.classes);
        this.actual = Arrays.copyOf(b.actual, size);
        this.actualValues = Arrays.copyOf(b.actualValues, size);
        this.outcomeTimestamps = Arrays.copyOf(b.outcomeTimestamps, size);
        int n = 0;
        for (int i = 0; i < size; i++) if (outcomeTimestamps[i] != NO_OUTCOME) n++;
        this.labelled = n;
    }

    /** Number of predictions selected (joined or not): the contract's {@code predictions}. */
    public int predictions() { return size; }

    /** Number of predictions with an outcome known at asOf: the contract's {@code labelled}. */
    public int labelled() { return labelled; }

    /** Whether row {@code i} has an outcome known at asOf. */
    public boolean joined(int i) { return outcomeTimestamps[i] != NO_OUTCOME; }

    /** Prediction timestamps, epoch milliseconds. */
    public long[] timestamps() { return timestamps; }

    /** Per row, the index of its label set in {@link #labelSets()} (rows with equal labels share one index). */
    public int[] labelSet() { return labelSet; }

    /** The distinct label sets of the selected predictions (without the model). */
    public List<Labels> labelSets() { return labelSets; }

    /** Binary models: the probability of the positive class per row; NaN for other kinds. */
    public double[] scores() { return scores; }

    /** Multiclass models: the probability row {@code i} gave class {@code classCode}; NaN when it gave none. */
    public double classScore(int i, int classCode) {
        for (int k = scoreStart[i]; k < scoreStart[i + 1]; k++) if (scoreClass[k] == classCode) return scoreValue[k];
        return Double.NaN;
    }

    /**
     * Multiclass scores in compressed rows: row {@code i}'s entries are indexes
     * {@code scoreStart()[i]} (inclusive) to {@code scoreStart()[i + 1]} (exclusive) of
     * {@link #scoreClass()} (class codes) and {@link #scoreValue()} (probabilities).
     */
    public int[] scoreStart() { return scoreStart; }

    public int[] scoreClass() { return scoreClass; }

    public double[] scoreValue() { return scoreValue; }

    /**
     * The predicted class code per row; {@link #NO_CLASS} when the prediction sent none (a binary model
     * may omit it: it is then score ≥ threshold, which the caller decides as the rule may override it).
     */
    public int[] predicted() { return predicted; }

    /** Regression models: the predicted number per row; NaN for other kinds. */
    public double[] values() { return values; }

    /**
     * Class texts by code, shared by predicted classes, multiclass score keys and actual outcomes. A
     * boolean outcome is {@code "true"}/{@code "false"}; a numeric one also gets a code, its shortest
     * decimal text ({@code 1}, {@code 2.5}).
     */
    public List<String> classes() { return classes; }

    /** The code of {@code className}, or {@link #NO_CLASS} when no row mentions it. */
    public int classCode(String className) {
        int i = classes.indexOf(className);
        return i < 0 ? NO_CLASS : i;
    }

    /**
     * Per class code, whether it counts as the positive class of a binary model (predictions.md §1):
     * {@code true}, {@code 1} or {@code positiveClass}.
     */
    public boolean[] positiveCodes(String positiveClass) {
        boolean[] out = new boolean[classes.size()];
        for (int c = 0; c < out.length; c++) {
            String t = classes.get(c);
            out[c] = t.equals("true") || t.equals("1") || t.equals(positiveClass);
        }
        return out;
    }

    /** The actual class code per row; {@link #NO_CLASS} when not joined. */
    public int[] actual() { return actual; }

    /** The actual number per row (regression, or a numeric class); NaN when not joined or not a number. */
    public double[] actualValues() { return actualValues; }

    /** When each row's outcome became known, epoch milliseconds; {@link #NO_OUTCOME} when not joined. */
    public long[] outcomeTimestamps() { return outcomeTimestamps; }

    /** Collects rows; the store's reader fills it, tests may build frames directly. */
    public static final class Builder {
        private int size;
        private long[] timestamps = new long[16];
        private int[] labelSet = new int[16];
        private final List<Labels> labelSets = new ArrayList<>();
        private final Map<Labels, Integer> labelIndex = new HashMap<>();
        private double[] scores = new double[16];
        private int[] scoreStart = new int[17];
        private int scoreCount;
        private int[] scoreClass = new int[16];
        private double[] scoreValue = new double[16];
        private int[] predicted = new int[16];
        private double[] values = new double[16];
        private final List<String> classes = new ArrayList<>();
        private final Map<String, Integer> classIndex = new HashMap<>();
        private int[] actual = new int[16];
        private double[] actualValues = new double[16];
        private long[] outcomeTimestamps = new long[16];

        /** Interns a class text and returns its code. */
        public int classCode(String text) {
            Integer c = classIndex.get(text);
            if (c == null) {
                c = classes.size();
                classes.add(text);
                classIndex.put(text, c);
            }
            return c;
        }

        /** Interns a label set and returns its index. */
        public int labelSet(Labels labels) {
            Integer c = labelIndex.get(labels);
            if (c == null) {
                c = labelSets.size();
                labelSets.add(labels);
                labelIndex.put(labels, c);
            }
            return c;
        }

        /**
         * Adds a prediction without outcome and returns its row.
         *
         * @param multiclass class text → probability, or null
         * @param predictedClass class text or null
         */
        public int add(long timestamp, int labelSetIndex, double score, Map<String, Double> multiclass,
                       String predictedClass, double value) {
            grow();
            int i = size++;
            timestamps[i] = timestamp;
            labelSet[i] = labelSetIndex;
            scores[i] = score;
            scoreStart[i] = scoreCount;
            if (multiclass != null) {
                for (var e : multiclass.entrySet()) {
                    if (scoreCount == scoreClass.length) {
                        scoreClass = Arrays.copyOf(scoreClass, scoreCount * 2);
                        scoreValue = Arrays.copyOf(scoreValue, scoreCount * 2);
                    }
                    scoreClass[scoreCount] = classCode(e.getKey());
                    scoreValue[scoreCount++] = e.getValue();
                }
            }
            predicted[i] = predictedClass == null ? NO_CLASS : classCode(predictedClass);
            values[i] = value;
            actual[i] = NO_CLASS;
            actualValues[i] = Double.NaN;
            outcomeTimestamps[i] = NO_OUTCOME;
            return i;
        }

        /**
         * Sets row {@code i}'s outcome unless it already has one known later (the latest known wins).
         *
         * @param actualClass the outcome's class text (a number's shortest text), or null
         * @param actualValue the outcome as a number, or NaN
         */
        public void outcome(int i, long timestamp, String actualClass, double actualValue) {
            if (outcomeTimestamps[i] != NO_OUTCOME && outcomeTimestamps[i] >= timestamp) return;
            outcomeTimestamps[i] = timestamp;
            actual[i] = actualClass == null ? NO_CLASS : classCode(actualClass);
            actualValues[i] = actualValue;
        }

        public int size() { return size; }

        private void grow() {
            if (size < timestamps.length) return;
            int n = timestamps.length * 2;
            timestamps = Arrays.copyOf(timestamps, n);
            labelSet = Arrays.copyOf(labelSet, n);
            scores = Arrays.copyOf(scores, n);
            scoreStart = Arrays.copyOf(scoreStart, n + 1);
            predicted = Arrays.copyOf(predicted, n);
            values = Arrays.copyOf(values, n);
            actual = Arrays.copyOf(actual, n);
            actualValues = Arrays.copyOf(actualValues, n);
            outcomeTimestamps = Arrays.copyOf(outcomeTimestamps, n);
        }

        public JoinedPredictions build() { return new JoinedPredictions(this); }
    }
}
