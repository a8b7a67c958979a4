// The Vigil rule language (docs/language.md). Only io.vigil.ast.RuleParser uses the generated classes.
grammar Vigil;

file        : modelBlock* EOF ;

modelBlock  : MODEL word LBRACE modelItem* RBRACE ;
modelItem   : ruleDecl | clause ;
ruleDecl    : RULE word LBRACE clause* RBRACE ;

// A lone series selector, e.g. a rule test's input series `accuracy{segment="EU"}` (RuleParser.parseSelector).
selector    : name (LBRACE (matcher (COMMA matcher)* COMMA?)? RBRACE)? EOF ;

// Every clause parses in both a model block and a rule; the checker says which belong where,
// so a misplaced clause gets a precise message instead of a syntax error.
clause
  : EVERY duration                                             # everyClause
  | CRON string                                                # cronClause
  | TIMEZONE string                                            # timezoneClause
  | BASELINE string                                            # baselineClause
  | STALENESS duration                                         # stalenessClause
  | NOTIFY word (COMMA word)* (REPEAT duration)?               # notifyClause
  | LABELS LBRACE (labelPair (COMMA labelPair)* COMMA?)? RBRACE  # labelsClause
  | SEVERITY name                                              # severityClause
  | WHEN expr                                                  # whenClause
  | FOR duration                                               # forClause
  | KEEP_FIRING_FOR duration                                   # keepFiringForClause
  | SUMMARY string                                             # summaryClause
  | DESCRIPTION string                                         # descriptionClause
  | RUNBOOK string                                             # runbookClause
  | TRIGGER word (COOLDOWN duration)? (APPROVAL REQUIRED)?     # triggerClause
  ;

labelPair   : labelName COLON string ;

// Precedence, loosest first: or; and/unless; not; comparisons and between; + -; * /; unary -.
expr        : andExpr (OR matching? andExpr)* ;
andExpr     : notExpr (andOp matching? notExpr)* ;
andOp       : AND | UNLESS ;
notExpr     : NOT notExpr | cmpExpr ;
cmpExpr     : addExpr cmpTail* ;
cmpTail     : cmpOp matching? addExpr                # compareTail
            | BETWEEN addExpr AND addExpr            # betweenTail
            ;
cmpOp       : LT | LE | GT | GE | EQEQ | NE ;
addExpr     : mulExpr (addOp matching? mulExpr)* ;
addOp       : PLUS | MINUS ;
mulExpr     : unaryExpr (mulOp matching? unaryExpr)* ;
mulOp       : STAR | SLASH ;
unaryExpr   : MINUS unaryExpr | primary ;

primary
  : LPAREN expr RPAREN                                         # parenExpr
  | name LPAREN (arg (COMMA arg)*)? RPAREN grouping?           # callExpr
  | name (LBRACE (matcher (COMMA matcher)* COMMA?)? RBRACE)?   # selectorExpr
  | NUMBER                                                     # numberExpr
  | PERCENT                                                    # percentExpr
  | duration                                                   # durationExpr
  | string                                                     # stringExpr
  ;

// A list of strings, a label set and `name=~"regex"` are argument values only
// (feature=["a", "b"], feature=~"temp_.*", labels={segment="EU"}).
arg         : (name ASSIGN)? (expr | STAR | stringList | labelSet) | name RE_MATCH string ;
stringList  : LBRACK (string (COMMA string)* COMMA?)? RBRACK ;
labelSet    : LBRACE (matcher (COMMA matcher)* COMMA?)? RBRACE ;
grouping    : BY LPAREN (labelName (COMMA labelName)*)? RPAREN ;
matching    : (ON | IGNORING) LPAREN (labelName (COMMA labelName)*)? RPAREN ;
matcher     : labelName matchOp string ;
matchOp     : ASSIGN | NE | RE_MATCH | RE_NOMATCH ;

duration    : DURATION ;
string      : STRING ;

// Operands and function names: any word except the eight expression operators (language.md §1).
name
  : IDENT | MODEL | RULE | EVERY | CRON | TIMEZONE | BASELINE | STALENESS | NOTIFY | REPEAT
  | LABELS | SEVERITY | WHEN | FOR | KEEP_FIRING_FOR | SUMMARY | DESCRIPTION | RUNBOOK
  | TRIGGER | COOLDOWN | APPROVAL | REQUIRED
  ;
// Outside expressions (model, rule, channel and action names) and inside braces and label lists there is
// no ambiguity, so every word is a name there.
word        : name | AND | OR | UNLESS | NOT | BETWEEN | ON | IGNORING | BY ;
labelName   : word ;

MODEL           : 'model' ;
RULE            : 'rule' ;
EVERY           : 'every' ;
CRON            : 'cron' ;
TIMEZONE        : 'timezone' ;
BASELINE        : 'baseline' ;
STALENESS       : 'staleness' ;
NOTIFY          : 'notify' ;
REPEAT          : 'repeat' ;
LABELS          : 'labels' ;
SEVERITY        : 'severity' ;
WHEN            : 'when' ;
FOR             : 'for' ;
KEEP_FIRING_FOR : 'keep_firing_for' ;
SUMMARY         : 'summary' ;
DESCRIPTION     : 'description' ;
RUNBOOK         : 'runbook' ;
TRIGGER         : 'trigger' ;
COOLDOWN        : 'cooldown' ;
APPROVAL        : 'approval' ;
REQUIRED        : 'required' ;

AND             : 'and' ;
OR              : 'or' ;
UNLESS          : 'unless' ;
NOT             : 'not' ;
BETWEEN         : 'between' ;
ON              : 'on' ;
IGNORING        : 'ignoring' ;
BY              : 'by' ;

LBRACE     : '{' ;
RBRACE     : '}' ;
LBRACK     : '[' ;
RBRACK     : ']' ;
LPAREN     : '(' ;
RPAREN     : ')' ;
COMMA      : ',' ;
COLON      : ':' ;
EQEQ       : '==' ;
NE         : '!=' ;
RE_MATCH   : '=~' ;
RE_NOMATCH : '!~' ;
LE         : '<=' ;
GE         : '>=' ;
LT         : '<' ;
GT         : '>' ;
ASSIGN     : '=' ;
PLUS       : '+' ;
MINUS      : '-' ;
STAR       : '*' ;
SLASH      : '/' ;

// Units are validated (order, repetition, > 0) when the AST is built, with a located message.
DURATION   : DIGITS DURATION_UNIT (DIGITS DURATION_UNIT)* ;
PERCENT    : NUMBER_BODY '%' ;
NUMBER     : NUMBER_BODY ;
// Escapes are validated when the AST is built so a bad one is reported at its own column.
STRING     : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"' ;
IDENT      : [A-Za-z_] [A-Za-z0-9_]* ;

COMMENT    : '#' ~[\r\n]* -> skip ;
WS         : [ \t\r\n\u000C\uFEFF]+ -> skip ;
// Anything else becomes one token the parser rejects with its position, instead of a lexer crash.
UNTERMINATED_STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* ;
ERROR_CHAR : . ;

fragment DIGITS        : [0-9]+ ;
fragment DURATION_UNIT : 'ms' | 's' | 'm' | 'h' | 'd' | 'w' ;
fragment NUMBER_BODY   : DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)? | '.' DIGITS ([eE] [+-]? DIGITS)? ;
