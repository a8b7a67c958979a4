package io.vigil.ast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.grammar.VigilLexer;
import io.vigil.label.LabelMatcher;
import org.antlr.v4.runtime.CommonToken;
import org.junit.jupiter.api.Test;

/**
 * RuleParser maps each operator token to exactly one operator and refuses a token it has no case for:
 * a grammar change that adds an operator must not evaluate as division, {@code !=} or {@code !~}.
 */
class OperatorTokenTest {

    @Test
    void everyOperatorTokenMapsToItsOwnOperator() {
        assertThat(RuleParser.binaryOp(token(VigilLexer.SLASH, "/"))).isEqualTo(Expr.BinaryOp.DIV);
        assertThat(RuleParser.binaryOp(token(VigilLexer.STAR, "*"))).isEqualTo(Expr.BinaryOp.MUL);
        assertThat(RuleParser.comparison(token(VigilLexer.NE, "!="))).isEqualTo(Expr.BinaryOp.NE);
        assertThat(RuleParser.comparison(token(VigilLexer.EQEQ, "=="))).isEqualTo(Expr.BinaryOp.EQ);
        assertThat(RuleParser.matchOp(token(VigilLexer.RE_NOMATCH, "!~"))).isEqualTo(LabelMatcher.Op.NRE);
        assertThat(RuleParser.matchOp(token(VigilLexer.ASSIGN, "="))).isEqualTo(LabelMatcher.Op.EQ);
    }

    @Test
    void anUnknownTokenIsABugNamedLoudly() {
        assertThatThrownBy(() -> RuleParser.binaryOp(token(VigilLexer.COMMA, ",")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("binary operator for token ','");
        assertThatThrownBy(() -> RuleParser.comparison(token(VigilLexer.PLUS, "+")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("comparison for token '+' (PLUS)");
        assertThatThrownBy(() -> RuleParser.matchOp(token(VigilLexer.LT, "<")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("label matcher for token '<' (LT)");
    }

    private static CommonToken token(int type, String text) {
        CommonToken t = new CommonToken(type, text);
        t.setText(text);
        return t;
    }
}
