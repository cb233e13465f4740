package org.ruralatlas.data.filter;

import java.util.ArrayList;
import java.util.List;
import org.ruralatlas.data.filter.Expression.*;

/**
 * The temporal functions of CQL2 (OWL-Time relations of instants and closed intervals) as one
 * table of endpoint comparisons, which the SQL translator and the Java evaluator both read, so
 * that the stores cannot disagree on what T_OVERLAPS means. An instant is the interval from it
 * to itself; an unbounded end, and a bound property that is null (a unit still valid), lie at
 * minus or plus infinity.
 */
public final class Temporal {

    /** Which end of an operand. */
    public enum End {
        START,
        END
    }

    /** {@code left end of the first operand <op> right end of the second}. */
    public record Condition(End left, ComparisonOperator op, End right) {}

    private Temporal() {}

    /** The relation as an OR of ANDs of conditions. */
    public static List<List<Condition>> formula(TemporalRelation r) {
        return switch (r) {
            case AFTER -> any(all(c(End.START, ">", End.END)));
            case BEFORE -> any(all(c(End.END, "<", End.START)));
            case DISJOINT -> any(all(c(End.END, "<", End.START)), all(c(End.START, ">", End.END)));
            case EQUALS -> any(all(c(End.START, "=", End.START), c(End.END, "=", End.END)));
            case INTERSECTS -> any(all(c(End.START, "<=", End.END), c(End.END, ">=", End.START)));
            case CONTAINS -> any(all(c(End.START, "<", End.START), c(End.END, ">", End.END)));
            case DURING -> any(all(c(End.START, ">", End.START), c(End.END, "<", End.END)));
            case FINISHEDBY -> any(all(c(End.START, "<", End.START), c(End.END, "=", End.END)));
            case FINISHES -> any(all(c(End.START, ">", End.START), c(End.END, "=", End.END)));
            case MEETS -> any(all(c(End.END, "=", End.START)));
            case METBY -> any(all(c(End.START, "=", End.END)));
            case OVERLAPPEDBY ->
                any(all(c(End.START, ">", End.START), c(End.START, "<", End.END), c(End.END, ">", End.END)));
            case OVERLAPS ->
                any(all(c(End.START, "<", End.START), c(End.END, ">", End.START), c(End.END, "<", End.END)));
            case STARTEDBY -> any(all(c(End.START, "=", End.START), c(End.END, ">", End.END)));
            case STARTS -> any(all(c(End.START, "=", End.START), c(End.END, "<", End.END)));
        };
    }

    /** The expression giving one end of a bound operand: itself for an instant, a bound of an interval. */
    public static Expression end(Expression operand, End end) {
        if (operand instanceof IntervalLiteral i) {
            return end == End.START ? i.start() : i.end();
        }
        return operand;
    }

    /** True when the predicate's instants are timestamps (only literals can be: the data's times are dates). */
    public static boolean timestamps(TemporalPredicate t) {
        for (Expression operand : List.of(t.left(), t.right())) {
            for (End end : End.values()) {
                if (end(operand, end) instanceof TimestampLiteral) {
                    return true;
                }
            }
        }
        return false;
    }

    static Expression bind(Binder b, TemporalPredicate t) {
        String function = t.relation().functionName();
        Expression l = operand(b, t.left(), function);
        Expression r = operand(b, t.right(), function);
        if (t.relation().intervalsOnly() && !(l instanceof IntervalLiteral && r instanceof IntervalLiteral)) {
            throw BadFilterException.invalid(
                    function + " relates intervals: write INTERVAL(start, end), not an instant");
        }
        List<ValueType> kinds = new ArrayList<>();
        for (Expression operand : List.of(l, r)) {
            for (End end : End.values()) {
                Expression e = end(operand, end);
                if (!(e instanceof Unbounded)) {
                    kinds.add(b.type(e));
                }
            }
        }
        if (kinds.contains(ValueType.DATE) && kinds.contains(ValueType.TIMESTAMP)) {
            throw BadFilterException.invalid(function + " compares dates with timestamps; the data's times are dates:"
                    + " write DATE('2025-07-01')");
        }
        return new TemporalPredicate(t.relation(), l, r);
    }

    private static Expression operand(Binder b, Expression e, String function) {
        if (e instanceof IntervalLiteral i) {
            Expression start = end(b, i.start(), function);
            Expression end = end(b, i.end(), function);
            if (start instanceof DateLiteral s
                            && end instanceof DateLiteral f
                            && s.value().isAfter(f.value())
                    || start instanceof TimestampLiteral s2
                            && end instanceof TimestampLiteral f2
                            && s2.value().isAfter(f2.value())) {
                throw BadFilterException.invalid("an INTERVAL of " + function + " ends before it starts");
            }
            return new IntervalLiteral(start, end);
        }
        return instant(b, e, function);
    }

    private static Expression end(Binder b, Expression e, String function) {
        return e instanceof Unbounded ? e : instant(b, e, function);
    }

    private static Expression instant(Binder b, Expression e, String function) {
        Expression bound = b.bound(e);
        ValueType t = b.type(bound);
        if (t != ValueType.DATE && t != ValueType.TIMESTAMP
                || !(bound instanceof Property || bound instanceof DateLiteral || bound instanceof TimestampLiteral)) {
            throw BadFilterException.invalid(function
                    + " takes dates, timestamps, date properties or INTERVALs of them, not " + Binder.describe(bound));
        }
        return bound;
    }

    private static Condition c(End l, String op, End r) {
        return new Condition(l, ComparisonOperator.of(op), r);
    }

    @SafeVarargs
    private static List<List<Condition>> any(List<Condition>... all) {
        return List.of(all);
    }

    private static List<Condition> all(Condition... c) {
        return List.of(c);
    }
}
