package io.vigil.bench;

import io.vigil.ast.RuleParser;
import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Parse and check of a generated 1,000-rule file, warm (issue 2: at most 300 ms). Run with
 * {@code bench/check-bench.sh}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CheckBench {
    @Param({"1000"})
    int rules;

    Source source;

    @Setup
    public void generate() {
        source = new Source("bench.vigil", LargeRuleFile.generate(rules));
        CheckResult r = Checker.check(List.of(source), null);
        if (r.hasErrors() || r.rules().size() != rules) {
            throw new IllegalStateException("generated file does not check clean: " + r.diagnostics());
        }
    }

    /** Lexing, parsing and building the AST only. */
    @Benchmark
    public RuleParser.Result parse() {
        return RuleParser.parse(source);
    }

    /** What {@code vigil check} does in-process: parse, resolve defaults, type-check, validate. */
    @Benchmark
    public CheckResult parseAndCheck() {
        return Checker.check(List.of(source), null);
    }
}
