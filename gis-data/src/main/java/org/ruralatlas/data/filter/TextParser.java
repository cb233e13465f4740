package org.ruralatlas.data.filter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.ruralatlas.data.filter.Expression.*;
import org.ruralatlas.data.filter.text.Cql2Lexer;
import org.ruralatlas.data.filter.text.Cql2Parser;
import org.ruralatlas.data.filter.text.Cql2Parser.*;

/**
 * Reads CQL2 text into an {@link Expression}: the generated ANTLR parser (grammar {@code
 * Cql2.g4}, from the standard's BNF) in SLL mode, which is exact for that LL(2) grammar, then a
 * walk of its tree. Input nesting deeper than {@link #MAX_DEPTH} parentheses is refused before
 * parsing, so that no input can exhaust the stack or take long: parsing is linear in the input.
 */
final class TextParser {

    /** The deepest nesting of parentheses accepted. */
    static final int MAX_DEPTH = 64;

    private static final GeometryFactory GEOMETRIES = new GeometryFactory();

    private TextParser() {}

    /** The expression in {@code text}; a {@link BadFilterException} with its position when it is not CQL2. */
    static Expression parse(String text) {
        checkNesting(text);
        Cql2Lexer lexer = new Cql2Lexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        Cql2Parser parser = new Cql2Parser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.setErrorHandler(new SyntaxErrors());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        BooleanExpressionContext filter = parser.filter().booleanExpression();
        return standingAlone(booleanExpression(filter), filter);
    }

    /** Counts parentheses outside strings and quoted names, the only way CQL2 text nests. */
    private static void checkNesting(String text) {
        int depth = 0;
        char quote = 0;
        for (int i = 0, position = 1; i < text.length(); i += Character.charCount(text.codePointAt(i)), position++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' && ++depth > MAX_DEPTH) {
                throw BadFilterException.syntax("parentheses nest deeper than " + MAX_DEPTH + " levels", position);
            } else if (c == ')') {
                depth--;
            }
        }
    }

    // ------------------------------------------------------------ boolean

    private static Expression booleanExpression(BooleanExpressionContext c) {
        List<BooleanTermContext> terms = c.booleanTerm();
        if (terms.size() == 1) {
            return booleanTerm(terms.get(0));
        }
        return new Or(terms.stream().map(t -> standingAlone(booleanTerm(t), t)).toList());
    }

    private static Expression booleanTerm(BooleanTermContext c) {
        List<BooleanFactorContext> factors = c.booleanFactor();
        if (factors.size() == 1) {
            return booleanFactor(factors.get(0));
        }
        return new And(
                factors.stream().map(f -> standingAlone(booleanFactor(f), f)).toList());
    }

    private static Expression booleanFactor(BooleanFactorContext c) {
        Expression p = predicate(c.predicate());
        return c.NOT() != null ? new Not(standingAlone(p, c)) : p;
    }

    /**
     * {@code e}, where a predicate is needed (the whole filter, an operand of AND, OR, NOT): the
     * BNF's booleanPrimary allows predicates, functions and TRUE/FALSE there, not a bare value.
     * A value in parentheses or as a function's argument is read by the same rules, hence the
     * check here rather than in the grammar.
     */
    private static Expression standingAlone(Expression e, ParserRuleContext c) {
        if (!standsAlone(e)) {
            throw BadFilterException.syntax(
                    "expected a comparison (=, <>, <, >, <=, >=, LIKE, BETWEEN, IN or IS NULL)" + " after "
                            + c.getText(),
                    after(c));
        }
        return e;
    }

    private static Expression predicate(PredicateContext c) {
        Expression left = scalar(c.scalarExpression());
        PredicateSuffixContext suffix = c.predicateSuffix();
        if (suffix == null) {
            return left;
        }
        if (suffix instanceof BinaryComparisonPredicateContext s) {
            return new Comparison(
                    ComparisonOperator.of(s.comparisonOperator().getText()), left, scalar(s.scalarExpression()));
        }
        if (suffix instanceof IsLikePredicateContext s) {
            return negated(s.NOT(), new Like(left, pattern(s.patternExpression())));
        }
        if (suffix instanceof IsBetweenPredicateContext s) {
            return negated(s.NOT(), new Between(left, scalar(s.scalarExpression(0)), scalar(s.scalarExpression(1))));
        }
        if (suffix instanceof IsInListPredicateContext s) {
            return negated(
                    s.NOT(),
                    new In(
                            left,
                            s.scalarExpression().stream()
                                    .map(TextParser::scalar)
                                    .toList()));
        }
        IsNullPredicateContext s = (IsNullPredicateContext) suffix;
        return negated(s.NOT(), new IsNull(left));
    }

    /** What the BNF's booleanPrimary allows without an operator: predicates, functions, TRUE/FALSE. */
    private static boolean standsAlone(Expression e) {
        return e instanceof And
                || e instanceof Or
                || e instanceof Not
                || e instanceof Comparison
                || e instanceof Like
                || e instanceof Between
                || e instanceof In
                || e instanceof IsNull
                || e instanceof SpatialPredicate
                || e instanceof DistanceWithin
                || e instanceof TemporalPredicate
                || e instanceof ArrayPredicate
                || e instanceof BooleanLiteral
                || e instanceof FunctionCall;
    }

    private static Expression negated(TerminalNode not, Expression e) {
        return not != null ? new Not(e) : e;
    }

    private static Expression pattern(PatternExpressionContext c) {
        if (c.characterLiteral() != null) {
            return characterLiteral(c.characterLiteral());
        }
        Expression inner = pattern(c.patternExpression());
        return c.CASEI() != null ? new CaseInsensitive(inner) : new AccentInsensitive(inner);
    }

    // --------------------------------------------------------- arithmetic

    private static Expression scalar(ScalarExpressionContext c) {
        ArithmeticExpressionContext a = c.arithmeticExpression();
        Expression e = arithmeticTerm(a.arithmeticTerm(0));
        for (int i = 1; i < a.arithmeticTerm().size(); i++) {
            ArithmeticOperator op =
                    ArithmeticOperator.of(a.arithmeticOperatorPlusMinus(i - 1).getText());
            e = new Expression.Arithmetic(op, e, arithmeticTerm(a.arithmeticTerm(i)));
        }
        return e;
    }

    private static Expression arithmeticTerm(ArithmeticTermContext c) {
        Expression e = powerTerm(c.powerTerm(0));
        for (int i = 1; i < c.powerTerm().size(); i++) {
            ArithmeticOperator op =
                    ArithmeticOperator.of(c.arithmeticOperatorMultDiv(i - 1).getText());
            e = new Expression.Arithmetic(op, e, powerTerm(c.powerTerm(i)));
        }
        return e;
    }

    private static Expression powerTerm(PowerTermContext c) {
        Expression base = arithmeticFactor(c.arithmeticFactor(0));
        return c.CARET() == null
                ? base
                : new Expression.Arithmetic(ArithmeticOperator.POWER, base, arithmeticFactor(c.arithmeticFactor(1)));
    }

    private static Expression arithmeticFactor(ArithmeticFactorContext c) {
        if (c.parenthesized() != null) {
            List<Expression> items = c.parenthesized().booleanExpression().stream()
                    .map(TextParser::booleanExpression)
                    .toList();
            // one expression in parentheses is that expression; none or several are an array (a function's argument)
            return items.size() == 1 ? items.get(0) : new ArrayLiteral(items);
        }
        if (c.numericLiteral() != null) {
            return numericLiteral(c.numericLiteral());
        }
        Expression e = operand(c.operand());
        return c.MINUS() != null ? new Expression.Arithmetic(ArithmeticOperator.TIMES, new NumberLiteral(-1), e) : e;
    }

    // ------------------------------------------------------------ operands

    private static Expression operand(OperandContext c) {
        if (c.characterLiteral() != null) {
            return characterLiteral(c.characterLiteral());
        }
        if (c.booleanLiteral() != null) {
            return new BooleanLiteral(c.booleanLiteral().TRUE() != null);
        }
        if (c.instantInstance() != null) {
            return instant(c.instantInstance());
        }
        if (c.intervalInstance() != null) {
            return interval(c.intervalInstance());
        }
        if (c.spatialInstance() != null) {
            return spatialInstance(c.spatialInstance());
        }
        if (c.characterClause() != null) {
            return characterClause(c.characterClause());
        }
        if (c.spatialPredicate() != null) {
            SpatialPredicateContext p = c.spatialPredicate();
            return new SpatialPredicate(
                    SpatialRelation.named(p.spatialFunction().getText()),
                    geomExpression(p.geomExpression(0)),
                    geomExpression(p.geomExpression(1)));
        }
        if (c.temporalPredicate() != null) {
            TemporalPredicateContext p = c.temporalPredicate();
            return new TemporalPredicate(
                    TemporalRelation.named(p.temporalFunction().getText()),
                    temporalExpression(p.temporalExpression(0)),
                    temporalExpression(p.temporalExpression(1)));
        }
        if (c.arrayPredicate() != null) {
            ArrayPredicateContext p = c.arrayPredicate();
            return new ArrayPredicate(
                    ArrayRelation.named(p.arrayFunction().getText()),
                    arrayOperand(p.arrayOperand(0)),
                    arrayOperand(p.arrayOperand(1)));
        }
        return c.function() != null ? function(c.function()) : propertyName(c.propertyName());
    }

    private static Expression characterClause(CharacterClauseContext c) {
        CharacterExpressionContext x = c.characterExpression();
        Expression inner = x.characterClause() != null
                ? characterClause(x.characterClause())
                : x.characterLiteral() != null
                        ? characterLiteral(x.characterLiteral())
                        : x.propertyName() != null ? propertyName(x.propertyName()) : function(x.function());
        return c.CASEI() != null ? new CaseInsensitive(inner) : new AccentInsensitive(inner);
    }

    private static Expression geomExpression(GeomExpressionContext c) {
        return c.spatialInstance() != null
                ? spatialInstance(c.spatialInstance())
                : c.propertyName() != null ? propertyName(c.propertyName()) : function(c.function());
    }

    private static Expression temporalExpression(TemporalExpressionContext c) {
        if (c.temporalInstance() != null) {
            return c.temporalInstance().instantInstance() != null
                    ? instant(c.temporalInstance().instantInstance())
                    : interval(c.temporalInstance().intervalInstance());
        }
        return c.propertyName() != null ? propertyName(c.propertyName()) : function(c.function());
    }

    private static Expression arrayOperand(ArrayOperandContext c) {
        return c.arrayExpression() != null
                ? array(c.arrayExpression())
                : c.propertyName() != null ? propertyName(c.propertyName()) : function(c.function());
    }

    private static Expression array(ArrayExpressionContext c) {
        List<Expression> items = new ArrayList<>();
        for (ArrayElementContext e : c.arrayElement()) {
            items.add(
                    e.arrayExpression() != null
                            ? array(e.arrayExpression())
                            : e.numericLiteral() != null ? numericLiteral(e.numericLiteral()) : operand(e.operand()));
        }
        return new ArrayLiteral(items);
    }

    private static Expression function(FunctionContext c) {
        String name = c.identifier().getText();
        List<Expression> args = c.argumentList() == null
                ? List.of()
                : c.argumentList().booleanExpression().stream()
                        .map(TextParser::booleanExpression)
                        .toList();
        return name.equalsIgnoreCase(DistanceWithin.FUNCTION) ? DistanceWithin.of(args) : new FunctionCall(name, args);
    }

    private static Expression propertyName(PropertyNameContext c) {
        String name = c.getText();
        return new Expression.Property(c.QUOTED_IDENTIFIER() != null ? name.substring(1, name.length() - 1) : name);
    }

    // ------------------------------------------------------------ literals

    private static Expression characterLiteral(CharacterLiteralContext c) {
        return new TextLiteral(unquote(c.STRING().getText()));
    }

    /** The value of a CQL2 string: quotes removed, '' and \' each one quote. */
    static String unquote(String token) {
        StringBuilder out = new StringBuilder(token.length());
        for (int i = 1; i < token.length() - 1; i++) {
            char c = token.charAt(i);
            if ((c == '\'' || c == '\\') && i + 1 < token.length() - 1 && token.charAt(i + 1) == '\'') {
                i++;
                out.append('\'');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Expression numericLiteral(NumericLiteralContext c) {
        double value = number(c.NUMBER().getSymbol());
        return new NumberLiteral(c.MINUS() != null ? -value : value);
    }

    private static double number(Token t) {
        double value = Double.parseDouble(t.getText());
        if (Double.isInfinite(value)) {
            throw BadFilterException.syntax("the number " + t.getText() + " is too large", t.getStartIndex() + 1);
        }
        return value;
    }

    private static Expression instant(InstantInstanceContext c) {
        if (c.dateInstant() != null) {
            return date(c.dateInstant().characterLiteral());
        }
        return timestamp(c.timestampInstant().characterLiteral());
    }

    private static Expression date(CharacterLiteralContext c) {
        LocalDate day = Instants.date(unquote(c.STRING().getText()));
        if (day == null) {
            throw BadFilterException.syntax(
                    "expected a date written " + Instants.DATE_FORM, c.start.getStartIndex() + 1);
        }
        return new Expression.DateLiteral(day);
    }

    private static Expression timestamp(CharacterLiteralContext c) {
        Instant instant = Instants.timestamp(unquote(c.STRING().getText()));
        if (instant == null) {
            throw BadFilterException.syntax(
                    "expected a timestamp written " + Instants.TIMESTAMP_FORM, c.start.getStartIndex() + 1);
        }
        return new Expression.TimestampLiteral(instant);
    }

    private static Expression interval(IntervalInstanceContext c) {
        return new Expression.IntervalLiteral(
                instantParameter(c.instantParameter(0)), instantParameter(c.instantParameter(1)));
    }

    private static Expression instantParameter(InstantParameterContext c) {
        if (c.characterLiteral() != null) {
            String s = unquote(c.characterLiteral().STRING().getText());
            if (s.equals("..")) {
                return new Expression.Unbounded();
            }
            return s.length() == 10 ? date(c.characterLiteral()) : timestamp(c.characterLiteral());
        }
        return c.propertyName() != null ? propertyName(c.propertyName()) : function(c.function());
    }

    // ---------------------------------------------------------- geometries

    private static Expression spatialInstance(SpatialInstanceContext c) {
        if (c.bboxTaggedText() != null) {
            List<CoordinateContext> v = c.bboxTaggedText().bboxText().coordinate();
            // west, south, [min height,] east, north [, max height]
            int east = v.size() == 6 ? 3 : 2;
            return new Expression.BboxLiteral(
                    coordinate(v.get(0)), coordinate(v.get(1)), coordinate(v.get(east)), coordinate(v.get(east + 1)));
        }
        Geometry g = c.geometryLiteral() != null
                ? geometry(c.geometryLiteral())
                : GEOMETRIES.createGeometryCollection(
                        c.geometryCollectionTaggedText().geometryCollectionText().geometryLiteral().stream()
                                .map(TextParser::geometry)
                                .toArray(Geometry[]::new));
        return new Expression.GeometryLiteral(g);
    }

    private static Geometry geometry(GeometryLiteralContext c) {
        if (c.pointTaggedText() != null) {
            return point(c.pointTaggedText().pointText());
        }
        if (c.linestringTaggedText() != null) {
            return lineString(c.linestringTaggedText().lineStringText());
        }
        if (c.polygonTaggedText() != null) {
            return polygon(c.polygonTaggedText().polygonText());
        }
        if (c.multipointTaggedText() != null) {
            return GEOMETRIES.createMultiPoint(c.multipointTaggedText().multiPointText().multiPointMember().stream()
                    .map(p -> p.pointText() != null
                            ? point(p.pointText())
                            : GEOMETRIES.createPoint(coordinate(p.point())))
                    .toArray(Point[]::new));
        }
        if (c.multilinestringTaggedText() != null) {
            return GEOMETRIES.createMultiLineString(
                    c.multilinestringTaggedText().multiLineStringText().lineStringText().stream()
                            .map(TextParser::lineString)
                            .toArray(LineString[]::new));
        }
        return GEOMETRIES.createMultiPolygon(c.multipolygonTaggedText().multiPolygonText().polygonText().stream()
                .map(TextParser::polygon)
                .toArray(Polygon[]::new));
    }

    private static Point point(PointTextContext c) {
        return GEOMETRIES.createPoint(coordinate(c.point()));
    }

    private static LineString lineString(LineStringTextContext c) {
        return GEOMETRIES.createLineString(
                c.point().stream().map(TextParser::coordinate).toArray(Coordinate[]::new));
    }

    private static Polygon polygon(PolygonTextContext c) {
        List<LinearRing> rings = new ArrayList<>();
        for (LinearRingTextContext r : c.linearRingText()) {
            Coordinate[] points = r.point().stream().map(TextParser::coordinate).toArray(Coordinate[]::new);
            if (!points[0].equals3D(points[points.length - 1])) {
                throw BadFilterException.syntax(
                        "the ring opened here does not end where it starts", r.start.getStartIndex() + 1);
            }
            rings.add(GEOMETRIES.createLinearRing(points));
        }
        return GEOMETRIES.createPolygon(
                rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
    }

    private static Coordinate coordinate(PointContext c) {
        List<CoordinateContext> v = c.coordinate();
        Coordinate xy = new Coordinate(coordinate(v.get(0)), coordinate(v.get(1)));
        if (v.size() == 3) {
            xy.setZ(coordinate(v.get(2)));
        }
        return xy;
    }

    private static double coordinate(CoordinateContext c) {
        double value = number(c.NUMBER().getSymbol());
        return c.MINUS() != null ? -value : value;
    }

    /** The 1-based character just after a rule's text. */
    private static int after(ParserRuleContext c) {
        return c.stop.getStopIndex() + 2;
    }
}
