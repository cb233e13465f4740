/*
 * CQL2 text (OGC 21-065r2, Common Query Language), from the standard's BNF (Annex B,
 * cql2.bnf of opengeospatial/ogcapi-features). Rule names are the BNF's. The BNF itself says
 * that a parser generator needs it adapted; the adaptations, each keeping the language of the
 * BNF except where said:
 *
 * 1. Left-factoring. In the BNF a "(" may open a boolean expression, an arithmetic expression or
 *    an array, and a predicate starts with a scalar expression whose kind is known only at the
 *    operator after it. Here a predicate is one scalar expression followed by an optional
 *    operator part (predicateSuffix), and every parenthesised group is one rule (parenthesized):
 *    the tree builder (TextParser) then decides what the group is, and checks that an expression
 *    standing alone as a predicate is a boolean one. This makes the grammar LL(2): ANTLR's SLL
 *    prediction is exact for it and parsing time is linear in the input.
 * 2. Arrays inside arrays: an array element that starts with "(" is an array (the BNF cannot tell
 *    "((1))" apart); arithmetic is not an array element (the Array Functions class excludes it).
 * 3. "<>", "<=", ">=" are single tokens (the BNF writes them as two terminals).
 * 4. "Z" is a keyword only after a geometry tag; elsewhere it is an identifier. MULTIPOINT
 *    accepts its points with or without parentheses, as WKT writers produce both.
 * 5. A single NOT before a predicate, as in the BNF; "a NOT LIKE b", "NOT BETWEEN", "NOT IN",
 *    "IS NOT NULL" as in the BNF.
 * 6. The content of DATE('…'), TIMESTAMP('…') and INTERVAL ends is a string here and is checked
 *    against fullDate / utcTime by the tree builder, with the same error positions.
 *
 * Keywords are case-insensitive. The extension function S_DWITHIN is an ordinary function call
 * here (BNF rule "function").
 */
grammar Cql2;

options { caseInsensitive = true; }

// =================================================================== parser

filter : booleanExpression EOF ;

booleanExpression : booleanTerm ( OR booleanTerm )* ;

booleanTerm : booleanFactor ( AND booleanFactor )* ;

booleanFactor : NOT? predicate ;

// booleanPrimary and the comparison predicates, left-factored (1)
predicate : scalarExpression predicateSuffix? ;

predicateSuffix
    : comparisonOperator scalarExpression                                          # binaryComparisonPredicate
    | NOT? LIKE patternExpression                                                  # isLikePredicate
    | NOT? BETWEEN scalarExpression AND scalarExpression                           # isBetweenPredicate
    | NOT? IN LEFT_PAREN scalarExpression ( COMMA scalarExpression )* RIGHT_PAREN  # isInListPredicate
    | IS NOT? NULL                                                                 # isNullPredicate
    ;

comparisonOperator : EQ | NE | LT | GT | LE | GE ;

patternExpression
    : CASEI LEFT_PAREN patternExpression RIGHT_PAREN
    | ACCENTI LEFT_PAREN patternExpression RIGHT_PAREN
    | characterLiteral
    ;

scalarExpression : arithmeticExpression ;

// ------------------------------------------------------------------ arithmetic

arithmeticExpression : arithmeticTerm ( arithmeticOperatorPlusMinus arithmeticTerm )* ;

arithmeticOperatorPlusMinus : PLUS | MINUS ;

arithmeticTerm : powerTerm ( arithmeticOperatorMultDiv powerTerm )* ;

arithmeticOperatorMultDiv : ASTERISK | SLASH | PERCENT | DIV ;

powerTerm : arithmeticFactor ( CARET arithmeticFactor )? ;

arithmeticFactor
    : parenthesized
    | numericLiteral
    | MINUS? operand
    ;

// "(" booleanExpression ")", "(" arithmeticExpression ")" and arrayExpression in one (1)
parenthesized : LEFT_PAREN ( booleanExpression ( COMMA booleanExpression )* )? RIGHT_PAREN ;

// every primary but a number: what may follow a unary minus, and stand alone as a predicate
operand
    : characterLiteral
    | booleanLiteral
    | instantInstance
    | intervalInstance
    | spatialInstance
    | characterClause
    | spatialPredicate
    | temporalPredicate
    | arrayPredicate
    | function
    | propertyName
    ;

// ------------------------------------------------------------------- strings

characterClause
    : CASEI LEFT_PAREN characterExpression RIGHT_PAREN
    | ACCENTI LEFT_PAREN characterExpression RIGHT_PAREN
    ;

characterExpression : characterClause | characterLiteral | propertyName | function ;

characterLiteral : STRING ;

// ------------------------------------------------------------------- spatial

spatialPredicate : spatialFunction LEFT_PAREN geomExpression COMMA geomExpression RIGHT_PAREN ;

spatialFunction
    : S_INTERSECTS | S_EQUALS | S_DISJOINT | S_TOUCHES | S_WITHIN | S_OVERLAPS | S_CROSSES | S_CONTAINS ;

geomExpression : spatialInstance | propertyName | function ;

// ------------------------------------------------------------------ temporal

temporalPredicate : temporalFunction LEFT_PAREN temporalExpression COMMA temporalExpression RIGHT_PAREN ;

temporalExpression : temporalInstance | propertyName | function ;

temporalFunction
    : T_AFTER | T_BEFORE | T_CONTAINS | T_DISJOINT | T_DURING | T_EQUALS | T_FINISHEDBY | T_FINISHES
    | T_INTERSECTS | T_MEETS | T_METBY | T_OVERLAPPEDBY | T_OVERLAPS | T_STARTEDBY | T_STARTS
    ;

// --------------------------------------------------------------------- array

arrayPredicate : arrayFunction LEFT_PAREN arrayOperand COMMA arrayOperand RIGHT_PAREN ;

arrayOperand : arrayExpression | propertyName | function ;

arrayExpression : LEFT_PAREN ( arrayElement ( COMMA arrayElement )* )? RIGHT_PAREN ;

// (2)
arrayElement : arrayExpression | numericLiteral | operand ;

arrayFunction : A_EQUALS | A_CONTAINS | A_CONTAINEDBY | A_OVERLAPS ;

// ---------------------------------------------------------- names, functions

propertyName : identifier | QUOTED_IDENTIFIER ;

identifier : IDENTIFIER | Z ;

function : identifier LEFT_PAREN argumentList? RIGHT_PAREN ;

// every kind of argument of the BNF is reachable from booleanExpression (arrays through parenthesized)
argumentList : booleanExpression ( COMMA booleanExpression )* ;

// ------------------------------------------------------------------ literals

numericLiteral : ( PLUS | MINUS )? NUMBER ;

booleanLiteral : TRUE | FALSE ;

// ---------------------------------------------------------------- geometries

spatialInstance : geometryLiteral | geometryCollectionTaggedText | bboxTaggedText ;

geometryLiteral
    : pointTaggedText
    | linestringTaggedText
    | polygonTaggedText
    | multipointTaggedText
    | multilinestringTaggedText
    | multipolygonTaggedText
    ;

pointTaggedText : POINT Z? pointText ;

linestringTaggedText : LINESTRING Z? lineStringText ;

polygonTaggedText : POLYGON Z? polygonText ;

multipointTaggedText : MULTIPOINT Z? multiPointText ;

multilinestringTaggedText : MULTILINESTRING Z? multiLineStringText ;

multipolygonTaggedText : MULTIPOLYGON Z? multiPolygonText ;

geometryCollectionTaggedText : GEOMETRYCOLLECTION Z? geometryCollectionText ;

pointText : LEFT_PAREN point RIGHT_PAREN ;

point : coordinate coordinate coordinate? ;

coordinate : ( PLUS | MINUS )? NUMBER ;

lineStringText : LEFT_PAREN point ( COMMA point )+ RIGHT_PAREN ;

linearRingText : LEFT_PAREN point COMMA point COMMA point COMMA point ( COMMA point )* RIGHT_PAREN ;

polygonText : LEFT_PAREN linearRingText ( COMMA linearRingText )* RIGHT_PAREN ;

// (4)
multiPointText : LEFT_PAREN multiPointMember ( COMMA multiPointMember )* RIGHT_PAREN ;

multiPointMember : pointText | point ;

multiLineStringText : LEFT_PAREN lineStringText ( COMMA lineStringText )* RIGHT_PAREN ;

multiPolygonText : LEFT_PAREN polygonText ( COMMA polygonText )* RIGHT_PAREN ;

geometryCollectionText : LEFT_PAREN geometryLiteral ( COMMA geometryLiteral )* RIGHT_PAREN ;

bboxTaggedText : BBOX bboxText ;

// west, south, [min height,] east, north [, max height]
bboxText : LEFT_PAREN coordinate COMMA coordinate COMMA coordinate COMMA coordinate ( COMMA coordinate COMMA coordinate )? RIGHT_PAREN ;

// ------------------------------------------------------------------ temporal

temporalInstance : instantInstance | intervalInstance ;

instantInstance : dateInstant | timestampInstant ;

// (6)
dateInstant : DATE LEFT_PAREN characterLiteral RIGHT_PAREN ;

timestampInstant : TIMESTAMP LEFT_PAREN characterLiteral RIGHT_PAREN ;

intervalInstance : INTERVAL LEFT_PAREN instantParameter COMMA instantParameter RIGHT_PAREN ;

instantParameter : characterLiteral | function | propertyName ;

// ==================================================================== lexer

AND : 'AND' ;
OR : 'OR' ;
NOT : 'NOT' ;
LIKE : 'LIKE' ;
BETWEEN : 'BETWEEN' ;
IN : 'IN' ;
IS : 'IS' ;
NULL : 'NULL' ;
TRUE : 'TRUE' ;
FALSE : 'FALSE' ;
CASEI : 'CASEI' ;
ACCENTI : 'ACCENTI' ;
DIV : 'DIV' ;
DATE : 'DATE' ;
TIMESTAMP : 'TIMESTAMP' ;
INTERVAL : 'INTERVAL' ;
POINT : 'POINT' ;
LINESTRING : 'LINESTRING' ;
POLYGON : 'POLYGON' ;
MULTIPOINT : 'MULTIPOINT' ;
MULTILINESTRING : 'MULTILINESTRING' ;
MULTIPOLYGON : 'MULTIPOLYGON' ;
GEOMETRYCOLLECTION : 'GEOMETRYCOLLECTION' ;
BBOX : 'BBOX' ;
Z : 'Z' ;

S_INTERSECTS : 'S_INTERSECTS' ;
S_EQUALS : 'S_EQUALS' ;
S_DISJOINT : 'S_DISJOINT' ;
S_TOUCHES : 'S_TOUCHES' ;
S_WITHIN : 'S_WITHIN' ;
S_OVERLAPS : 'S_OVERLAPS' ;
S_CROSSES : 'S_CROSSES' ;
S_CONTAINS : 'S_CONTAINS' ;

T_AFTER : 'T_AFTER' ;
T_BEFORE : 'T_BEFORE' ;
T_CONTAINS : 'T_CONTAINS' ;
T_DISJOINT : 'T_DISJOINT' ;
T_DURING : 'T_DURING' ;
T_EQUALS : 'T_EQUALS' ;
T_FINISHEDBY : 'T_FINISHEDBY' ;
T_FINISHES : 'T_FINISHES' ;
T_INTERSECTS : 'T_INTERSECTS' ;
T_MEETS : 'T_MEETS' ;
T_METBY : 'T_METBY' ;
T_OVERLAPPEDBY : 'T_OVERLAPPEDBY' ;
T_OVERLAPS : 'T_OVERLAPS' ;
T_STARTEDBY : 'T_STARTEDBY' ;
T_STARTS : 'T_STARTS' ;

A_EQUALS : 'A_EQUALS' ;
A_CONTAINS : 'A_CONTAINS' ;
A_CONTAINEDBY : 'A_CONTAINEDBY' ;
A_OVERLAPS : 'A_OVERLAPS' ;

LEFT_PAREN : '(' ;
RIGHT_PAREN : ')' ;
COMMA : ',' ;
EQ : '=' ;
NE : '<>' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;
PLUS : '+' ;
MINUS : '-' ;
ASTERISK : '*' ;
SLASH : '/' ;
PERCENT : '%' ;
CARET : '^' ;

// unsignedNumericLiteral: decimalNumericLiteral, scientificNumericLiteral
NUMBER : ( DIGIT+ ( '.' DIGIT* )? | '.' DIGIT+ ) ( 'E' ( '+' | '-' )? DIGIT+ )? ;

// characterLiteral: '' and \' are escaped quotes
STRING : '\'' ( '\'\'' | '\\\'' | ~'\'' )* '\'' ;
// a string without its closing quote, reported as such rather than as a stray quote
UNCLOSED_STRING : '\'' ( '\'\'' | '\\\'' | ~'\'' )* ;

QUOTED_IDENTIFIER : '"' IDENTIFIER_START IDENTIFIER_PART* '"' ;

IDENTIFIER : IDENTIFIER_START IDENTIFIER_PART* ;

fragment DIGIT : [0-9] ;

fragment IDENTIFIER_START
    : [:_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFE\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]
    ;

fragment IDENTIFIER_PART : IDENTIFIER_START | [.0-9\u0300-\u036F\u203F-\u2040] ;

// whitespace of the BNF
WHITESPACE : [\t\n\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+ -> skip ;

// anything else: a token the parser cannot place, reported with its position
UNEXPECTED_CHARACTER : . ;
