package org.ruralatlas.data.filter;

/**
 * Arithmetic on doubles exactly as PostgreSQL's {@code double precision} does it, errors
 * included (PostgreSQL 15, float.c): a result that overflows to infinity or underflows to zero
 * from non-zero operands, a division by zero, and a power without a real result are errors
 * there, so they are errors here, and the GeoPackage store (which computes in Java) refuses the
 * same filters the PostGIS store does. {@code %} and {@code div} are defined through
 * {@code trunc(a / b)} in both.
 */
final class Float8 {

    private Float8() {}

    static double plus(double a, double b) {
        return checkOverflow(a + b, a, b);
    }

    static double minus(double a, double b) {
        return checkOverflow(a - b, a, b);
    }

    static double times(double a, double b) {
        double r = checkOverflow(a * b, a, b);
        if (r == 0.0 && a != 0.0 && b != 0.0) {
            throw out("underflow");
        }
        return r;
    }

    static double divide(double a, double b) {
        if (b == 0.0) {
            throw BadFilterException.invalid("the filter divides by zero");
        }
        double r = a / b;
        if (Double.isInfinite(r) && !Double.isInfinite(a)) {
            throw out("overflow");
        }
        if (r == 0.0 && a != 0.0 && !Double.isInfinite(b)) {
            throw out("underflow");
        }
        return r;
    }

    /** {@code div}: the quotient truncated toward zero. */
    static double integerDivide(double a, double b) {
        double q = divide(a, b);
        return q < 0 ? Math.ceil(q) : Math.floor(q);
    }

    /** {@code %}: {@code a - b * trunc(a / b)}, each step as PostgreSQL computes it. */
    static double modulo(double a, double b) {
        return minus(a, times(b, integerDivide(a, b)));
    }

    static double power(double a, double b) {
        if (a == 0.0 && b < 0.0) {
            throw BadFilterException.invalid("the filter raises zero to a negative power");
        }
        if (a < 0.0 && Math.floor(b) != b) {
            throw BadFilterException.invalid("the filter raises a negative number to a non-integer power");
        }
        double r = StrictMath.pow(a, b);
        if (Double.isInfinite(r)) {
            throw out("overflow");
        }
        if (r == 0.0 && a != 0.0) {
            throw out("underflow");
        }
        return r;
    }

    private static double checkOverflow(double r, double a, double b) {
        if (Double.isInfinite(r) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw out("overflow");
        }
        return r;
    }

    private static BadFilterException out(String what) {
        return BadFilterException.invalid("the filter's arithmetic goes out of range (" + what + ")");
    }
}
