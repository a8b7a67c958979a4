package io.vigil.ast;

import io.vigil.grammar.VigilLexer;
import io.vigil.grammar.VigilParser;
import io.vigil.grammar.VigilParser.*;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.*;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parses one {@code .vigil} file into a {@link RuleFile}. The only class that touches ANTLR's generated
 * types; syntax and lexical problems come back as diagnostics, never as exceptions.
 */
public final class RuleParser {

    /** The outcome of parsing one file: the AST (null when the file has syntax errors) and its diagnostics. */
    public record Result(RuleFile file, List<Diagnostic> diagnostics) {
        public boolean ok() { return file != null && diagnostics.stream().noneMatch(Diagnostic::isError); }
    }

    private final Source source;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private RuleParser(Source source) {
        this.source = source;
    }

    public static Result parse(Source source) {
        return new RuleParser(source).run();
    }

    public static Result parse(String path, String text) {
        return parse(new Source(path, text));
    }

    private Result run() {
        VigilLexer lexer = new VigilLexer(CharStreams.fromString(source.text(), source.path()));
        lexer.removeErrorListeners();
        VigilParser parser = new VigilParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrors());
        FileContext tree = parser.file();
        boolean syntaxErrors = !diagnostics.isEmpty();
        RuleFile file = null;
        try {
            file = new RuleFile(source, tree.modelBlock().stream().map(this::model).toList());
        } catch (RuntimeException brokenTree) {
            // Error recovery leaves holes in the tree; the syntax errors already say why.
            if (!syntaxErrors) throw brokenTree;
        }
        diagnostics.sort(Diagnostic.ORDER);
        return new Result(syntaxErrors ? null : file, List.copyOf(diagnostics));
    }

    // ---- structure ----

    private ModelBlock model(ModelBlockContext ctx) {
        List<Clause> defaults = new ArrayList<>();
        List<RuleDecl> rules = new ArrayList<>();
        for (ModelItemContext item : ctx.modelItem()) {
            if (item.ruleDecl() != null) rules.add(rule(item.ruleDecl()));
            else defaults.add(clause(item.clause()));
        }
        return new ModelBlock(name(ctx.name()), defaults, rules, span(ctx));
    }

    private RuleDecl rule(RuleDeclContext ctx) {
        return new RuleDecl(name(ctx.name()), ctx.clause().stream().map(this::clause).toList(), span(ctx));
    }

    private Clause clause(ClauseContext c) {
        Span s = span(c);
        if (c instanceof EveryClauseContext x) return new Clause.Every(duration(x.duration()), s);
        if (c instanceof CronClauseContext x) return new Clause.Cron(string(x.string()), s);
        if (c instanceof TimezoneClauseContext x) return new Clause.Timezone(string(x.string()), s);
        if (c instanceof BaselineClauseContext x) return new Clause.Baseline(string(x.string()), s);
        if (c instanceof StalenessClauseContext x) return new Clause.Staleness(duration(x.duration()), s);
        if (c instanceof NotifyClauseContext x) {
            return new Clause.Notify(x.name().stream().map(this::name).toList(),
                    x.duration() == null ? null : duration(x.duration()), s);
        }
        if (c instanceof LabelsClauseContext x) {
            return new Clause.Labels(x.labelPair().stream()
                    .map(p -> new Clause.LabelPair(labelName(p.labelName()), string(p.string()), span(p)))
                    .toList(), s);
        }
        if (c instanceof SeverityClauseContext x) return new Clause.SeverityClause(name(x.name()), s);
        if (c instanceof WhenClauseContext x) return new Clause.When(expr(x.expr()), s);
        if (c instanceof ForClauseContext x) return new Clause.For(duration(x.duration()), s);
        if (c instanceof KeepFiringForClauseContext x) return new Clause.KeepFiringFor(duration(x.duration()), s);
        if (c instanceof SummaryClauseContext x) return new Clause.Summary(string(x.string()), s);
        if (c instanceof DescriptionClauseContext x) return new Clause.Description(string(x.string()), s);
        if (c instanceof RunbookClauseContext x) return new Clause.Runbook(string(x.string()), s);
        if (c instanceof TriggerClauseContext x) {
            return new Clause.Trigger(name(x.name()), x.duration() == null ? null : duration(x.duration()),
                    x.APPROVAL() != null, s);
        }
        throw new IllegalStateException("unhandled clause " + c.getClass().getSimpleName());
    }

    // ---- expressions: each level folds left ----

    private Expr expr(ExprContext ctx) {
        Expr left = andExpr(ctx.andExpr(0));
        for (int i = 1; i < ctx.andExpr().size(); i++) {
            Token op = ((TerminalNode) ctx.OR(i - 1)).getSymbol();
            left = binary(Expr.BinaryOp.OR, left, andExpr(ctx.andExpr(i)), matchingBetween(ctx, op), op);
        }
        return left;
    }

    private Expr andExpr(AndExprContext ctx) {
        Expr left = notExpr(ctx.notExpr(0));
        for (int i = 1; i < ctx.notExpr().size(); i++) {
            AndOpContext opCtx = ctx.andOp(i - 1);
            Expr.BinaryOp op = opCtx.AND() != null ? Expr.BinaryOp.AND : Expr.BinaryOp.UNLESS;
            left = binary(op, left, notExpr(ctx.notExpr(i)), matchingBetween(ctx, opCtx.getStart()), opCtx.getStart());
        }
        return left;
    }

    private Expr notExpr(NotExprContext ctx) {
        if (ctx.NOT() != null) return new Expr.Unary(Expr.UnaryOp.NOT, notExpr(ctx.notExpr()), span(ctx));
        return cmpExpr(ctx.cmpExpr());
    }

    private Expr cmpExpr(CmpExprContext ctx) {
        Expr left = addExpr(ctx.addExpr());
        for (CmpTailContext tail : ctx.cmpTail()) {
            if (tail instanceof CompareTailContext t) {
                left = binary(comparison(t.cmpOp()), left, addExpr(t.addExpr()), t.matching(),
                        t.cmpOp().getStart());
            } else {
                BetweenTailContext t = (BetweenTailContext) tail;
                Expr low = addExpr(t.addExpr(0));
                Expr high = addExpr(t.addExpr(1));
                left = new Expr.Between(left, low, high, left.span().to(high.span()));
            }
        }
        return left;
    }

    private Expr addExpr(AddExprContext ctx) {
        Expr left = mulExpr(ctx.mulExpr(0));
        for (int i = 1; i < ctx.mulExpr().size(); i++) {
            AddOpContext op = ctx.addOp(i - 1);
            left = binary(op.PLUS() != null ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB, left, mulExpr(ctx.mulExpr(i)),
                    matchingBetween(ctx, op.getStart()), op.getStart());
        }
        return left;
    }

    private Expr mulExpr(MulExprContext ctx) {
        Expr left = unary(ctx.unaryExpr(0));
        for (int i = 1; i < ctx.unaryExpr().size(); i++) {
            MulOpContext op = ctx.mulOp(i - 1);
            left = binary(op.STAR() != null ? Expr.BinaryOp.MUL : Expr.BinaryOp.DIV, left, unary(ctx.unaryExpr(i)),
                    matchingBetween(ctx, op.getStart()), op.getStart());
        }
        return left;
    }

    private Expr unary(UnaryExprContext ctx) {
        if (ctx.MINUS() != null) return new Expr.Unary(Expr.UnaryOp.NEG, unary(ctx.unaryExpr()), span(ctx));
        return primary(ctx.primary());
    }

    private Expr primary(PrimaryContext p) {
        Span s = span(p);
        if (p instanceof ParenExprContext x) return expr(x.expr());
        if (p instanceof CallExprContext x) {
            List<Expr.Arg> args = x.arg().stream().map(this::arg).toList();
            Expr.Grouping by = null;
            if (x.grouping() != null) {
                by = new Expr.Grouping(x.grouping().labelName().stream().map(this::labelName).toList(),
                        span(x.grouping()));
            }
            return new Expr.Call(name(x.name()), args, by, s);
        }
        if (p instanceof SelectorExprContext x) {
            List<Expr.Matcher> matchers = x.matcher().stream().map(m -> new Expr.Matcher(
                    labelName(m.labelName()), matchOp(m.matchOp()), string(m.string()), span(m))).toList();
            return new Expr.Selector(name(x.name()), matchers, s);
        }
        if (p instanceof NumberExprContext x) return new Expr.Number(number(x.NUMBER().getSymbol()), false, s);
        if (p instanceof PercentExprContext x) {
            String text = x.PERCENT().getText();
            return new Expr.Number(number(x.PERCENT().getSymbol(), text.substring(0, text.length() - 1)) / 100.0,
                    true, s);
        }
        if (p instanceof DurationExprContext x) return new Expr.DurationExpr(duration(x.duration()), s);
        if (p instanceof StringExprContext x) return new Expr.Str(string(x.string()), s);
        throw new IllegalStateException("unhandled primary " + p.getClass().getSimpleName());
    }

    private Expr.Arg arg(ArgContext ctx) {
        Name n = ctx.name() == null ? null : name(ctx.name());
        Expr value = ctx.STAR() != null ? new Expr.Wildcard(span(ctx.STAR().getSymbol())) : expr(ctx.expr());
        return new Expr.Arg(n, value, span(ctx));
    }

    private Expr binary(Expr.BinaryOp op, Expr left, Expr right, MatchingContext m, Token opToken) {
        return new Expr.Binary(op, left, right, matching(m), span(opToken), left.span().to(right.span()));
    }

    /** The {@code on/ignoring} clause that directly follows operator token {@code op} among ctx's children. */
    private static MatchingContext matchingBetween(ParserRuleContext ctx, Token op) {
        for (int i = 0; i < ctx.getChildCount() - 1; i++) {
            var child = ctx.getChild(i);
            boolean isOp = child instanceof TerminalNode t ? t.getSymbol() == op
                    : child instanceof ParserRuleContext r && r.getStart() == op;
            if (isOp && ctx.getChild(i + 1) instanceof MatchingContext m) return m;
        }
        return null;
    }

    private Expr.Matching matching(MatchingContext m) {
        if (m == null) return null;
        return new Expr.Matching(m.ON() != null, m.labelName().stream().map(this::labelName).toList(), span(m));
    }

    private static Expr.BinaryOp comparison(CmpOpContext op) {
        if (op.LT() != null) return Expr.BinaryOp.LT;
        if (op.LE() != null) return Expr.BinaryOp.LE;
        if (op.GT() != null) return Expr.BinaryOp.GT;
        if (op.GE() != null) return Expr.BinaryOp.GE;
        if (op.EQEQ() != null) return Expr.BinaryOp.EQ;
        return Expr.BinaryOp.NE;
    }

    private static Expr.MatchOp matchOp(MatchOpContext op) {
        if (op.ASSIGN() != null) return Expr.MatchOp.EQ;
        if (op.NE() != null) return Expr.MatchOp.NE;
        if (op.RE_MATCH() != null) return Expr.MatchOp.RE;
        return Expr.MatchOp.NRE;
    }

    // ---- leaves ----

    private Name name(NameContext ctx) {
        return new Name(ctx.getText(), span(ctx));
    }

    private Name labelName(LabelNameContext ctx) {
        return new Name(ctx.getText(), span(ctx));
    }

    private double number(Token t) {
        return number(t, t.getText());
    }

    private double number(Token t, String text) {
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v)) diagnostics.add(Diagnostic.error(span(t), "number " + text + " is too large"));
        return v;
    }

    private static final Map<String, Duration> UNITS = Map.of(
            "w", Duration.ofDays(7), "d", Duration.ofDays(1), "h", Duration.ofHours(1),
            "m", Duration.ofMinutes(1), "s", Duration.ofSeconds(1), "ms", Duration.ofMillis(1));
    private static final List<String> UNIT_ORDER = List.of("w", "d", "h", "m", "s", "ms");

    private DurationLit duration(DurationContext ctx) {
        Token t = ctx.DURATION().getSymbol();
        String text = t.getText();
        Duration total = Duration.ZERO;
        int lastUnit = -1;
        int i = 0;
        while (i < text.length()) {
            int digitsStart = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) i++;
            int unitStart = i;
            while (i < text.length() && !Character.isDigit(text.charAt(i))) i++;
            String unit = text.substring(unitStart, i);
            int order = UNIT_ORDER.indexOf(unit);
            Span unitSpan = new Span(source, t.getStartIndex() + unitStart, t.getStartIndex() + i);
            if (order <= lastUnit) {
                diagnostics.add(Diagnostic.error(unitSpan, "duration units must go from largest to smallest, each "
                        + "at most once: '" + unit + "' after '" + UNIT_ORDER.get(lastUnit) + "' in " + text));
                return new DurationLit(Duration.ofSeconds(1), span(t));
            }
            lastUnit = order;
            try {
                total = total.plus(UNITS.get(unit).multipliedBy(Long.parseLong(text.substring(digitsStart, unitStart))));
            } catch (ArithmeticException | NumberFormatException e) {
                diagnostics.add(Diagnostic.error(span(t), "duration " + text + " is too large"));
                return new DurationLit(Duration.ofSeconds(1), span(t));
            }
        }
        if (total.isZero()) diagnostics.add(Diagnostic.error(span(t), "duration must be greater than 0: " + text));
        return new DurationLit(total, span(t));
    }

    private StringLit string(StringContext ctx) {
        Token t = ctx.STRING().getSymbol();
        int[] cps = t.getText().codePoints().toArray();
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < cps.length - 1; i++) {
            int c = cps[i];
            if (c != '\\') {
                value.appendCodePoint(c);
                continue;
            }
            int e = cps[i + 1];
            Span at = new Span(source, t.getStartIndex() + i, t.getStartIndex() + i + 2);
            switch (e) {
                case '"' -> value.append('"');
                case '\\' -> value.append('\\');
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'u' -> {
                    int hexEnd = Math.min(i + 6, cps.length - 1);
                    String hex = new String(cps, i + 2, hexEnd - (i + 2));
                    if (hex.length() == 4 && hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                        value.append((char) Integer.parseInt(hex, 16));
                        i += 4;
                    } else {
                        diagnostics.add(Diagnostic.error(at, "invalid escape: \\u must be followed by four hex digits"));
                    }
                }
                default -> diagnostics.add(Diagnostic.error(at, "invalid escape '\\" + Character.toString(e)
                        + "' (allowed: \\\" \\\\ \\n \\t \\uXXXX)"));
            }
            i++;
        }
        return new StringLit(value.toString(), span(t));
    }

    // ---- spans ----

    private Span span(ParserRuleContext ctx) {
        Token stop = ctx.getStop() == null || ctx.getStop().getStopIndex() < ctx.getStart().getStartIndex()
                ? ctx.getStart() : ctx.getStop();
        return new Span(source, ctx.getStart().getStartIndex(), Math.max(ctx.getStart().getStartIndex(),
                stop.getStopIndex() + 1));
    }

    private Span span(Token t) {
        return new Span(source, t.getStartIndex(), Math.max(t.getStartIndex(), t.getStopIndex() + 1));
    }

    // ---- syntax errors ----

    /** Turns ANTLR's reports into diagnostics worded for rule authors. */
    private final class SyntaxErrors extends BaseErrorListener {
        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg,
                                RecognitionException e) {
            Token t = (Token) offending;
            Span at;
            String found;
            if (t.getType() == Token.EOF) {
                at = Span.at(source, endOfContent());
                found = "end of file";
            } else {
                at = span(t);
                found = describe(t);
            }
            if (t.getType() == VigilLexer.UNTERMINATED_STRING) {
                diagnostics.add(Diagnostic.error(at, "unterminated string: missing closing \""));
                return;
            }
            if (t.getType() == VigilLexer.ERROR_CHAR) {
                diagnostics.add(Diagnostic.error(at, "unexpected character " + found));
                return;
            }
            String expected = expected((Parser) recognizer, e);
            diagnostics.add(Diagnostic.error(at, "unexpected " + found + (expected.isEmpty() ? "" : "; expected " + expected)));
        }

        private String describe(Token t) {
            return "'" + t.getText() + "'";
        }

        private String expected(Parser parser, RecognitionException e) {
            IntervalSet set = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
            List<String> names = new ArrayList<>();
            boolean anyName = false;
            for (int type : set.toArray()) {
                if (type == VigilLexer.IDENT) { anyName = true; continue; }
                String shown = switch (type) {
                    case VigilLexer.NUMBER -> "a number";
                    case VigilLexer.PERCENT, VigilLexer.UNTERMINATED_STRING, VigilLexer.ERROR_CHAR -> null;
                    case VigilLexer.DURATION -> "a duration";
                    case VigilLexer.STRING -> "a string";
                    case Token.EOF -> "end of file";
                    default -> {
                        String lit = parser.getVocabulary().getLiteralName(type);
                        yield lit == null ? null : lit.replace('\'', '\'');
                    }
                };
                if (shown != null) names.add(shown);
            }
            if (anyName) {
                // Keywords double as names; listing all of them would bury the useful part.
                names.removeIf(n -> n.matches("'[a-z_]+'") && !isOperatorWord(n));
                names.add(0, "a name");
            }
            if (names.isEmpty() || names.size() > 8) return "";
            return String.join(", ", names);
        }

        private boolean isOperatorWord(String quoted) {
            return List.of("'and'", "'or'", "'unless'", "'not'", "'between'", "'on'", "'ignoring'", "'by'")
                    .contains(quoted);
        }
    }

    /** Offset just after the last character that is not whitespace, where end of file is reported. */
    private int endOfContent() {
        String text = source.text();
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) end--;
        return text.codePointCount(0, end);
    }
}
