package io.vigil.ast;

import io.vigil.grammar.VigilLexer;
import io.vigil.grammar.VigilParser.*;
import io.vigil.grammar.VigilParser;
import io.vigil.label.LabelMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.antlr.v4.runtime.*;
import org.antlr.v4.runtime.atn.*;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;
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

    /**
     * How deeply parentheses and prefix operators may nest. Parsing recurses about ten calls per level, so
     * the limit keeps any input from exhausting the stack; real rules nest a handful of levels.
     */
    static final int MAX_NESTING = 64;

    private final Source source;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Decoded value of each literal token (Double, DurationLit or StringLit), by token index. */
    private Object[] literals;

    private RuleParser(Source source) {
        this.source = source;
    }

    public static Result parse(Source source) {
        return new RuleParser(source).run();
    }

    public static Result parse(String path, String text) {
        return parse(new Source(path, text));
    }

    /** The outcome of parsing a lone selector: the selector (null on errors) and its diagnostics. */
    public record SelectorResult(Expr.Selector selector, List<Diagnostic> diagnostics) {}

    /**
     * Parses a lone series selector such as {@code accuracy{segment="EU"}}, as a rule test names its input
     * series; problems come back as diagnostics located in {@code source}.
     */
    public static SelectorResult parseSelector(Source source) {
        return new RuleParser(source).runSelector();
    }

    private SelectorResult runSelector() {
        CommonTokenStream tokens = lex();
        Expr.Selector selector = null;
        if (scanTokens(tokens.getTokens()) == Integer.MAX_VALUE) {
            SyntaxErrors errors = new SyntaxErrors();
            VigilParser parser = new VigilParser(tokens);
            parser.removeErrorListeners();
            parser.addErrorListener(errors);
            SelectorContext tree = parser.selector();
            if (errors.first != null) {
                diagnostics.add(errors.first);
            } else {
                Token last = tree.RBRACE() != null ? tree.RBRACE().getSymbol() : tree.name().getStop();
                selector = selector(tree.name(), tree.matcher(), span(tree.getStart()).to(span(last)));
            }
        }
        diagnostics.sort(Diagnostic.ORDER);
        return new SelectorResult(selector, List.copyOf(diagnostics));
    }

    private Result run() {
        CommonTokenStream tokens = lex();
        int firstBadToken = scanTokens(tokens.getTokens());
        RuleFile file = null;
        if (!tooDeep(tokens.getTokens())) {
            SyntaxErrors errors = new SyntaxErrors();
            FileContext tree = parseTree(tokens, errors);
            // After the first syntax error ANTLR's recovery guesses; what it reports next is often an echo
            // of the first mistake, so only the first is shown, and none that follows a bad character.
            if (errors.first != null && errors.firstOffset < firstBadToken) diagnostics.add(errors.first);
            if (errors.first == null && firstBadToken == Integer.MAX_VALUE) {
                file = new RuleFile(source, tree.modelBlock().stream().map(this::model).toList());
                Diagnostic deep = ExprDepth.check(file);
                if (deep != null) {
                    diagnostics.add(deep);
                    file = null;
                }
            }
        }
        diagnostics.sort(Diagnostic.ORDER);
        return new Result(file, List.copyOf(diagnostics));
    }

    private CommonTokenStream lex() {
        VigilLexer lexer = new VigilLexer(CharStreams.fromString(source.text(), source.path()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        return tokens;
    }

    /** Fast SLL parse; only input it cannot handle (usually a syntax error) is parsed again with full LL. */
    private static FileContext parseTree(CommonTokenStream tokens, SyntaxErrors errors) {
        VigilParser parser = new VigilParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.file();
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(errors);
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            return parser.file();
        }
    }

    /**
     * Decodes every literal token and reports every bad character and unterminated string, whether or not
     * the file parses. Returns the offset of the first bad token, or {@code Integer.MAX_VALUE}.
     */
    private int scanTokens(List<Token> tokens) {
        literals = new Object[tokens.size()];
        int firstBad = Integer.MAX_VALUE;
        for (Token t : tokens) {
            int start = t.getStartIndex();
            switch (t.getType()) {
                case VigilLexer.STRING -> literals[t.getTokenIndex()] = Literals.string(source, start, t.getText(), diagnostics);
                case VigilLexer.DURATION -> literals[t.getTokenIndex()] =
                        Literals.duration(source, start, t.getText(), diagnostics);
                case VigilLexer.NUMBER -> literals[t.getTokenIndex()] = Literals.number(span(t), t.getText(), diagnostics);
                case VigilLexer.PERCENT -> {
                    String digits = t.getText().substring(0, t.getText().length() - 1);
                    literals[t.getTokenIndex()] = Literals.number(span(t), digits, diagnostics) / 100.0;
                }
                case VigilLexer.UNTERMINATED_STRING -> {
                    diagnostics.add(Diagnostic.error(Span.at(source, start), "unterminated string: missing closing \""));
                    firstBad = Math.min(firstBad, start);
                }
                case VigilLexer.ERROR_CHAR -> {
                    diagnostics.add(Diagnostic.error(span(t), "unexpected character "
                            + quoted(t.getText().codePointAt(0))));
                    firstBad = Math.min(firstBad, start);
                }
                default -> { }
            }
        }
        return firstBad;
    }

    /** {@code '&'}, or {@code U+0007} for a character that would be invisible or act on a terminal. */
    private static String quoted(int cp) {
        return Literals.isVisible(cp) ? "'" + Character.toString(cp) + "'" : Literals.printable(cp);
    }

    /** Reports input nested more than {@link #MAX_NESTING} levels deep, which is then not parsed. */
    private boolean tooDeep(List<Token> tokens) {
        int depth = 0;
        int prefixRun = 0;
        for (Token t : tokens) {
            switch (t.getType()) {
                case VigilLexer.LPAREN -> { depth++; prefixRun = 0; }
                case VigilLexer.RPAREN -> { depth = Math.max(0, depth - 1); prefixRun = 0; }
                case VigilLexer.MINUS, VigilLexer.NOT -> prefixRun++;
                default -> prefixRun = 0;
            }
            if (depth + prefixRun > MAX_NESTING) {
                diagnostics.add(Diagnostic.error(span(t), ExprDepth.tooDeep(MAX_NESTING)));
                return true;
            }
        }
        return false;
    }

    // ---- structure ----

    private ModelBlock model(ModelBlockContext ctx) {
        List<Clause> defaults = new ArrayList<>();
        List<RuleDecl> rules = new ArrayList<>();
        for (ModelItemContext item : ctx.modelItem()) {
            if (item.ruleDecl() != null) rules.add(rule(item.ruleDecl()));
            else defaults.add(clause(item.clause()));
        }
        return new ModelBlock(name(ctx.word()), defaults, rules, span(ctx));
    }

    private RuleDecl rule(RuleDeclContext ctx) {
        return new RuleDecl(name(ctx.word()), ctx.clause().stream().map(this::clause).toList(), span(ctx));
    }

    private Clause clause(ClauseContext c) {
        Span s = span(c);
        if (c instanceof EveryClauseContext x) return new Clause.Every(duration(x.duration()), s);
        if (c instanceof CronClauseContext x) return new Clause.Cron(string(x.string()), s);
        if (c instanceof TimezoneClauseContext x) return new Clause.Timezone(string(x.string()), s);
        if (c instanceof BaselineClauseContext x) return new Clause.Baseline(string(x.string()), s);
        if (c instanceof StalenessClauseContext x) return new Clause.Staleness(duration(x.duration()), s);
        if (c instanceof NotifyClauseContext x) {
            return new Clause.Notify(x.word().stream().map(this::name).toList(),
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
            return new Clause.Trigger(name(x.word()), x.duration() == null ? null : duration(x.duration()),
                    x.APPROVAL() != null, s);
        }
        throw new IllegalStateException("unhandled clause " + c.getClass().getSimpleName());
    }

    // ---- expressions: each level folds left ----

    private Expr expr(ExprContext ctx) {
        return foldLeft(ctx, AndExprContext.class, c -> andExpr((AndExprContext) c));
    }

    private Expr andExpr(AndExprContext ctx) {
        return foldLeft(ctx, NotExprContext.class, c -> notExpr((NotExprContext) c));
    }

    private Expr notExpr(NotExprContext ctx) {
        if (ctx.NOT() != null) return new Expr.Unary(Expr.UnaryOp.NOT, notExpr(ctx.notExpr()), span(ctx));
        return cmpExpr(ctx.cmpExpr());
    }

    private Expr cmpExpr(CmpExprContext ctx) {
        Expr left = addExpr(ctx.addExpr());
        Span first = span(ctx.addExpr());
        for (CmpTailContext tail : ctx.cmpTail()) {
            if (tail instanceof CompareTailContext t) {
                left = binary(comparison(t.cmpOp().start), left, addExpr(t.addExpr()), t.matching(),
                        t.cmpOp().getStart(), first.to(span(t)));
            } else {
                BetweenTailContext t = (BetweenTailContext) tail;
                Expr low = addExpr(t.addExpr(0));
                Expr high = addExpr(t.addExpr(1));
                left = new Expr.Between(left, low, high, first.to(span(t)));
            }
        }
        return left;
    }

    private Expr addExpr(AddExprContext ctx) {
        return foldLeft(ctx, MulExprContext.class, c -> mulExpr((MulExprContext) c));
    }

    private Expr mulExpr(MulExprContext ctx) {
        return foldLeft(ctx, UnaryExprContext.class, c -> unary((UnaryExprContext) c));
    }

    /**
     * Folds {@code operand (op matching? operand)*} to the left in one pass over the children; ANTLR's
     * indexed accessors rescan the children on every call, which is quadratic on long chains.
     */
    private Expr foldLeft(ParserRuleContext ctx, Class<? extends ParserRuleContext> operandType,
                          Function<ParserRuleContext, Expr> operand) {
        Expr left = null;
        Span first = null;
        Token op = null;
        MatchingContext matching = null;
        for (ParseTree child : ctx.children) {
            if (operandType.isInstance(child)) {
                // spans come from the parse tree, so a parenthesised operand's parentheses are inside them
                Span here = span((ParserRuleContext) child);
                Expr right = operand.apply((ParserRuleContext) child);
                left = left == null ? right : binary(binaryOp(op), left, right, matching, op, first.to(here));
                if (first == null) first = here;
                matching = null;
            } else if (child instanceof MatchingContext m) {
                matching = m;
            } else {
                op = child instanceof TerminalNode t ? t.getSymbol() : ((ParserRuleContext) child).getStart();
            }
        }
        return left;
    }

    // The three operator mappings below fail on a token they do not know: that is the grammar and
    // this class disagreeing (a bug), never user input, and a silent default would evaluate the wrong
    // operator.

    static Expr.BinaryOp binaryOp(Token op) {
        return switch (op.getType()) {
            case VigilLexer.OR -> Expr.BinaryOp.OR;
            case VigilLexer.AND -> Expr.BinaryOp.AND;
            case VigilLexer.UNLESS -> Expr.BinaryOp.UNLESS;
            case VigilLexer.PLUS -> Expr.BinaryOp.ADD;
            case VigilLexer.MINUS -> Expr.BinaryOp.SUB;
            case VigilLexer.STAR -> Expr.BinaryOp.MUL;
            case VigilLexer.SLASH -> Expr.BinaryOp.DIV;
            default -> throw unknownOperator("binary operator", op);
        };
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
        if (p instanceof SelectorExprContext x) return selector(x.name(), x.matcher(), s);
        if (p instanceof NumberExprContext x) return new Expr.Number(number(x.NUMBER().getSymbol()), false, s);
        if (p instanceof PercentExprContext x) return new Expr.Number(number(x.PERCENT().getSymbol()), true, s);
        if (p instanceof DurationExprContext x) return new Expr.DurationExpr(duration(x.duration()), s);
        if (p instanceof StringExprContext x) return new Expr.Str(string(x.string()), s);
        throw new IllegalStateException("unhandled primary " + p.getClass().getSimpleName());
    }

    private Expr.Selector selector(NameContext metric, List<MatcherContext> matchers, Span s) {
        return new Expr.Selector(name(metric), matchers(matchers), s);
    }

    private List<Expr.Matcher> matchers(List<MatcherContext> matchers) {
        return matchers.stream().map(m -> new Expr.Matcher(
                labelName(m.labelName()), matchOp(m.matchOp().start), string(m.string()), span(m))).toList();
    }

    private Expr.Arg arg(ArgContext ctx) {
        Name n = ctx.name() == null ? null : name(ctx.name());
        Expr value;
        if (ctx.RE_MATCH() != null) {
            value = new Expr.Regex(string(ctx.string()), span(ctx.RE_MATCH().getSymbol()).to(span(ctx.string())));
        } else if (ctx.stringList() != null) {
            value = new Expr.StringList(ctx.stringList().string().stream().map(this::string).toList(), span(ctx.stringList()));
        } else if (ctx.STAR() != null) {
            value = new Expr.Wildcard(span(ctx.STAR().getSymbol()));
        } else if (ctx.labelSet() != null) {
            value = labelSet(ctx.labelSet());
        } else {
            value = expr(ctx.expr());
        }
        return new Expr.Arg(n, value, span(ctx));
    }

    private Expr.LabelSet labelSet(LabelSetContext ctx) {
        return new Expr.LabelSet(matchers(ctx.matcher()), span(ctx));
    }

    private Expr binary(Expr.BinaryOp op, Expr left, Expr right, MatchingContext m, Token opToken, Span whole) {
        return new Expr.Binary(op, left, right, matching(m), span(opToken), whole);
    }

    private Expr.Matching matching(MatchingContext m) {
        if (m == null) return null;
        return new Expr.Matching(m.ON() != null, m.labelName().stream().map(this::labelName).toList(), span(m));
    }

    static Expr.BinaryOp comparison(Token op) {
        return switch (op.getType()) {
            case VigilLexer.LT -> Expr.BinaryOp.LT;
            case VigilLexer.LE -> Expr.BinaryOp.LE;
            case VigilLexer.GT -> Expr.BinaryOp.GT;
            case VigilLexer.GE -> Expr.BinaryOp.GE;
            case VigilLexer.EQEQ -> Expr.BinaryOp.EQ;
            case VigilLexer.NE -> Expr.BinaryOp.NE;
            default -> throw unknownOperator("comparison", op);
        };
    }

    static LabelMatcher.Op matchOp(Token op) {
        return switch (op.getType()) {
            case VigilLexer.ASSIGN -> LabelMatcher.Op.EQ;
            case VigilLexer.NE -> LabelMatcher.Op.NE;
            case VigilLexer.RE_MATCH -> LabelMatcher.Op.RE;
            case VigilLexer.RE_NOMATCH -> LabelMatcher.Op.NRE;
            default -> throw unknownOperator("label matcher", op);
        };
    }

    private static IllegalStateException unknownOperator(String what, Token op) {
        return new IllegalStateException("RuleParser has no " + what + " for token '" + op.getText() + "' ("
                + VigilLexer.VOCABULARY.getSymbolicName(op.getType()) + "): the grammar and RuleParser disagree");
    }

    // ---- leaves ----

    private Name name(ParserRuleContext ctx) {
        return new Name(ctx.getText(), span(ctx));
    }

    private Name labelName(LabelNameContext ctx) {
        return new Name(ctx.getText(), span(ctx));
    }

    private double number(Token t) {
        return (Double) literals[t.getTokenIndex()];
    }

    private DurationLit duration(DurationContext ctx) {
        return (DurationLit) literals[ctx.DURATION().getSymbol().getTokenIndex()];
    }

    private StringLit string(StringContext ctx) {
        return (StringLit) literals[ctx.STRING().getSymbol().getTokenIndex()];
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

    /** Keeps the first syntax error ANTLR reports, worded for rule authors. */
    private final class SyntaxErrors extends BaseErrorListener {
        Diagnostic first;
        int firstOffset = Integer.MAX_VALUE;

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg,
                                RecognitionException e) {
            if (first != null) return;
            Token t = (Token) offending;
            Span at;
            String found;
            if (t.getType() == Token.EOF) {
                at = Span.at(source, endOfContent());
                found = "end of file";
            } else {
                at = span(t);
                found = "'" + Literals.abbreviate(t.getText()) + "'";
            }
            firstOffset = at.start();
            Parser parser = (Parser) recognizer;
            IntervalSet expected;
            if (e instanceof NoViableAltException nv && nv.getDeadEndConfigs() != null
                    && nv.getStartToken() != nv.getOffendingToken()) {
                // Prediction looked ahead past the decision's first token; ANTLR's own set describes the
                // decision's start, so ask the configurations that were alive just before the bad token.
                expected = nextTokens(parser, nv.getDeadEndConfigs(), nv.getCtx());
            } else {
                expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens()
                        : parser.getExpectedTokens();
            }
            first = Diagnostic.error(at, "unexpected " + found + new ExpectedTokens(expected).describe(t));
        }
    }

    /** Tokens that could follow the given ATN configurations, continuing into calling rules where they may end. */
    private static IntervalSet nextTokens(Parser parser, ATNConfigSet configs, RuleContext outer) {
        ATN atn = parser.getATN();
        IntervalSet out = new IntervalSet();
        for (ATNConfig c : configs) addNext(atn, c.state, c.context, outer, out, 0);
        out.remove(Token.EPSILON);
        return out;
    }

    private static void addNext(ATN atn, ATNState state, PredictionContext ctx, RuleContext outer, IntervalSet out,
                                int depth) {
        IntervalSet next = atn.nextTokens(state);
        out.addAll(next);
        if (!next.contains(Token.EPSILON) || depth > 50) return;
        if (ctx == null || ctx.isEmpty()) {
            // Past the decision's own rule: what may follow comes from the parser's real call stack.
            out.addAll(atn.getExpectedTokens(outerFollowState(atn, outer), outer));
            return;
        }
        for (int i = 0; i < ctx.size(); i++) {
            int returnState = ctx.getReturnState(i);
            if (returnState == PredictionContext.EMPTY_RETURN_STATE) {
                out.addAll(atn.getExpectedTokens(outerFollowState(atn, outer), outer));
            } else {
                addNext(atn, atn.states.get(returnState), ctx.getParent(i), outer, out, depth + 1);
            }
        }
    }

    /** The state just after the invocation of {@code ctx}'s rule, where parsing resumes once it ends. */
    private static int outerFollowState(ATN atn, RuleContext ctx) {
        if (ctx == null || ctx.invokingState < 0) return atn.ruleToStopState[0].stateNumber;
        return ((RuleTransition) atn.states.get(ctx.invokingState).transition(0)).followState.stateNumber;
    }

    /** Phrases ANTLR's set of expected tokens the way a person would: "an expression", "a clause". */
    private static final class ExpectedTokens {
        private static final Set<Integer> CLAUSE_KEYWORDS = Set.of(VigilLexer.EVERY, VigilLexer.CRON,
                VigilLexer.TIMEZONE, VigilLexer.BASELINE, VigilLexer.STALENESS, VigilLexer.NOTIFY, VigilLexer.LABELS,
                VigilLexer.SEVERITY, VigilLexer.WHEN, VigilLexer.FOR, VigilLexer.KEEP_FIRING_FOR, VigilLexer.SUMMARY,
                VigilLexer.DESCRIPTION, VigilLexer.RUNBOOK, VigilLexer.TRIGGER);
        private static final Set<Integer> OPERATORS = Set.of(VigilLexer.AND, VigilLexer.OR, VigilLexer.UNLESS,
                VigilLexer.BETWEEN, VigilLexer.LT, VigilLexer.LE, VigilLexer.GT, VigilLexer.GE, VigilLexer.EQEQ,
                VigilLexer.NE, VigilLexer.PLUS, VigilLexer.MINUS, VigilLexer.STAR, VigilLexer.SLASH);
        private static final Set<Integer> OPERAND_STARTS = Set.of(VigilLexer.LPAREN, VigilLexer.NUMBER,
                VigilLexer.PERCENT, VigilLexer.DURATION, VigilLexer.STRING, VigilLexer.MINUS, VigilLexer.NOT);

        private final Set<Integer> types = new LinkedHashSet<>();

        ExpectedTokens(IntervalSet set) {
            for (int type : set.toArray()) types.add(type);
        }

        /** "; expected a, b or c", and a suggestion when a misspelt clause keyword was found. */
        String describe(Token found) {
            List<String> parts = new ArrayList<>();
            boolean expression = types.contains(VigilLexer.LPAREN) && types.contains(VigilLexer.NUMBER);
            boolean name = types.contains(VigilLexer.IDENT);
            // Where a name is expected, keywords are names too, so their presence says nothing about clauses.
            boolean clause = !name && types.stream().filter(CLAUSE_KEYWORDS::contains).count() >= 5;
            boolean operator = types.stream().filter(OPERATORS::contains).count() >= 8;
            if (expression) {
                parts.add("an expression");
                name = false;
            }
            if (types.contains(VigilLexer.RULE) && clause) parts.add("'rule'");
            if (clause) parts.add("a clause");
            if (operator) parts.add("an operator");
            if (name) parts.add("a name");
            for (int type : types) {
                boolean covered = (expression && (OPERAND_STARTS.contains(type) || isWord(type)))
                        || (clause && (CLAUSE_KEYWORDS.contains(type) || type == VigilLexer.RULE))
                        || (operator && (OPERATORS.contains(type) || type == VigilLexer.ON || type == VigilLexer.IGNORING))
                        || (name && isWord(type));
                if (covered) continue;
                String shown = switch (type) {
                    case VigilLexer.NUMBER -> "a number";
                    case VigilLexer.DURATION -> "a duration";
                    case VigilLexer.STRING -> "a string";
                    case Token.EOF -> "end of file";
                    case VigilLexer.PERCENT, VigilLexer.UNTERMINATED_STRING, VigilLexer.ERROR_CHAR -> null;
                    default -> VigilLexer.VOCABULARY.getLiteralName(type);
                };
                if (shown != null) parts.add(shown);
            }
            if (parts.isEmpty()) return "";
            String list = parts.size() == 1 ? parts.get(0)
                    : String.join(", ", parts.subList(0, parts.size() - 1)) + " or " + parts.get(parts.size() - 1);
            String hint = "";
            if (clause && found.getType() == VigilLexer.IDENT) {
                List<String> keywords = new ArrayList<>();
                for (int k : CLAUSE_KEYWORDS) keywords.add(literal(k));
                if (types.contains(VigilLexer.RULE)) keywords.add("rule");
                String close = Suggestions.closest(found.getText(), keywords);
                if (close != null) hint = " (did you mean '" + close + "'?)";
            }
            return "; expected " + list + hint;
        }

        private static String literal(int type) {
            String quoted = VigilLexer.VOCABULARY.getLiteralName(type);
            return quoted.substring(1, quoted.length() - 1);
        }

        /** Identifiers and keywords: every token that can be a name somewhere. */
        private static boolean isWord(int type) {
            String lit = type > 0 ? VigilLexer.VOCABULARY.getLiteralName(type) : null;
            return type == VigilLexer.IDENT || (lit != null && lit.matches("'[a-z_]+'"));
        }
    }

    /** Offset just after the last character that is not whitespace, where end of file is reported. */
    private int endOfContent() {
        int end = source.length();
        while (end > 0 && isWhitespace(source.codePointAt(end - 1))) end--;
        return end;
    }

    /** Whitespace as the grammar's WS rule defines it. */
    private static boolean isWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\uFEFF';
    }
}
