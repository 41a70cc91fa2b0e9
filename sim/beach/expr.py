"""Safe custom loss expressions in x, y (player, metres) and tx, ty (watermelon, metres).

The text is never handed to Python's eval: a small tokenizer and a recursive-descent parser
turn it into a tree of closures over numpy operations.  The grammar (Python's precedence):

    sum     := product (('+' | '-') product)*
    product := factor (('*' | '/') factor)*
    factor  := ('+' | '-') factor | power
    power   := atom ('**' factor)?            # right-associative, binds tighter than unary minus
    atom    := NUMBER | NAME | FUNCTION '(' sum (',' sum)* ')' | '(' sum ')'

Names: x y tx ty pi e.  Functions: abs sqrt exp log sin cos tanh (one argument), hypot (two).
Cost is bounded before any deep recursion: at most MAX_LENGTH characters, MAX_DEPTH levels of
nesting (parentheses, calls, unary signs, exponents) and MAX_TERMS tree nodes.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from sim.reports.brief import brief

__all__ = ["MAX_DEPTH", "MAX_LENGTH", "MAX_TERMS", "Expression", "ExpressionError", "compile_expression"]

MAX_LENGTH = 500  # characters
MAX_DEPTH = 40  # nesting levels
MAX_TERMS = 200  # nodes of the expression tree

VARIABLES = ("x", "y", "tx", "ty")  # order of the arguments of Expression.__call__
CONSTANTS = {"pi": np.float64(np.pi), "e": np.float64(np.e)}
FUNCTIONS: dict[str, tuple[np.ufunc, int]] = {
    "abs": (np.abs, 1),
    "sqrt": (np.sqrt, 1),
    "exp": (np.exp, 1),
    "log": (np.log, 1),
    "sin": (np.sin, 1),
    "cos": (np.cos, 1),
    "tanh": (np.tanh, 1),
    "hypot": (np.hypot, 2),
}
# numpy ufuncs, not the operator module: on 50,000 floats operator.add and friends measured
# about 1.5 times slower here than the ufuncs they end up calling.
BINARY = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.true_divide, "**": np.power}

_ALLOWED_NAMES = ", ".join((*VARIABLES, *CONSTANTS))
_ALLOWED_FUNCTIONS = ", ".join(FUNCTIONS)
_ALLOWED_SYNTAX = f"allowed: numbers, {_ALLOWED_NAMES}, + - * / **, parentheses and calls of {_ALLOWED_FUNCTIONS}"
_HINTS = {
    "^": "use ** for powers",
    ".": "attribute access is not allowed",
    "[": "subscripts are not allowed",
    "]": "subscripts are not allowed",
    "'": "strings are not allowed",
    '"': "strings are not allowed",
    **dict.fromkeys("<>=!", "comparisons are not allowed"),
}
_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>\*\*|[-+*/(),])",
    re.ASCII,
)
_OPERAND = "expected a number, a name or '('"

# The inputs x, y, tx, ty as float64 arrays, the shape they broadcast to, and the call's scratch.
Env = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, tuple[int, ...], "_Pool"]
Evaluator = Callable[[Env], np.ndarray]
# A compiled subtree: a constant (numpy float64 scalar) or a closure evaluated on the inputs.
Node = np.float64 | Evaluator


class ExpressionError(ValueError):
    """A custom loss expression was rejected; the message is one line naming the problem."""


@dataclass(frozen=True)
class _Token:
    kind: str  # "number" | "name" | "op" | "end" | "bad"
    text: str
    column: int  # 1-based


@dataclass(frozen=True)
class Expression:
    """A compiled loss expression; call it as expr(x, y, tx, ty) on arrays (metres)."""

    text: str
    _node: Node = field(repr=False, compare=False)
    _pool: _Pool = field(default_factory=lambda: _Pool(), repr=False, compare=False)

    def __call__(self, x: ArrayLike, y: ArrayLike, tx: ArrayLike, ty: ArrayLike) -> np.ndarray:
        """Evaluate in float64 on the broadcast shape of the inputs; never warns (nan/inf allowed)."""
        inputs = tuple(np.asarray(v, dtype=np.float64) for v in (x, y, tx, ty))
        shape = np.broadcast_shapes(*(v.shape for v in inputs))
        with np.errstate(all="ignore"):
            value = self._node((*inputs, shape, self._pool.of(shape))) if callable(self._node) else self._node
        if type(value) is np.ndarray and value.shape == shape and not any(value is v for v in inputs):
            return value
        out = np.empty(shape, dtype=np.float64)
        out[...] = value
        return out


class _Pool:
    """Scratch arrays of one shape kept from call to call: an operation whose operands are not
    scratch of its own takes one, and gives back a scratch operand it has consumed. The result of
    a call is never given back, so the caller owns it; the pool holds only the freed ones, for the
    last shape evaluated."""

    def __init__(self) -> None:
        self.shape: tuple[int, ...] | None = None
        self.free: list[np.ndarray] = []

    def of(self, shape: tuple[int, ...]) -> _Pool:
        """The pool ready for arrays of ``shape`` (what it held for another shape is dropped)."""
        if shape != self.shape:
            self.shape, self.free = shape, []
        return self

    def take(self) -> np.ndarray:
        return self.free.pop() if self.free else np.empty(self.shape)

    def give(self, a: np.ndarray) -> None:
        self.free.append(a)


def compile_expression(text: str) -> Expression:
    """Parse `text` into an Expression, or raise ExpressionError saying what is wrong."""
    if not isinstance(text, str):
        raise ExpressionError(f"expression must be a string, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression is too long ({len(text)} characters, at most {MAX_LENGTH})")
    if not text.strip():
        raise ExpressionError("expression is empty")
    with np.errstate(all="ignore"):  # constant folding may overflow: 9**9**9 is inf
        node = _Parser(_tokenize(text)).parse()
    return Expression(text, node)


def _tokenize(text: str) -> Iterator[_Token]:
    """Yield the tokens of `text`, then an "end" token, or stop at a "bad" one (any other character)."""
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:  # reported by the parser when it gets there, so errors come in reading order
            yield _Token("bad", text[pos], pos + 1)
            return
        kind = match.lastgroup
        if kind != "space":
            yield _Token(kind, match.group(), pos + 1)
        pos = match.end()
    yield _Token("end", "", len(text) + 1)


class _Parser:
    """Recursive descent over the tokens, building closures; depth and size checked as it goes."""

    def __init__(self, tokens: Iterator[_Token]) -> None:
        self.tokens = tokens
        self.current = next(tokens)
        self.depth = 0
        self.terms = 0

    def parse(self) -> Node:
        node = self.sum()
        token = self.peek()
        if token.kind != "end":
            raise self.unexpected(token, "expected an operator + - * / ** or the end")
        return node

    # -- helpers -------------------------------------------------------------------------------
    def peek(self) -> _Token:
        return self.current

    def advance(self) -> _Token:
        token = self.current
        if token.kind not in ("end", "bad"):
            self.current = next(self.tokens)
        return token

    def enter(self) -> None:
        """One level deeper (parenthesis, call, unary sign or exponent); bounded before recursing."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"expression is too deeply nested (at most {MAX_DEPTH} levels)")

    def count(self) -> None:
        """One more node of the tree."""
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise ExpressionError(f"expression is too large (at most {MAX_TERMS} terms)")

    @staticmethod
    def unexpected(token: _Token, hint: str) -> ExpressionError:
        """The error for `token` where `hint` says what was expected; a bad character gets its own hint."""
        if token.kind == "bad":
            hint = _HINTS.get(token.text, _ALLOWED_SYNTAX)
        if token.kind == "end":
            return ExpressionError(f"expression: ends too early at column {token.column} ({hint})")
        return ExpressionError(f"expression: unexpected {brief(token.text, 24)} at column {token.column} ({hint})")

    # -- grammar -------------------------------------------------------------------------------
    def sum(self) -> Node:
        node = self.product()
        while self.peek().text in ("+", "-"):
            op = self.advance().text
            node = self.binary(op, node, self.product())
        return node

    def product(self) -> Node:
        node = self.factor()
        while self.peek().text in ("*", "/"):
            op = self.advance().text
            node = self.binary(op, node, self.factor())
        return node

    def factor(self) -> Node:
        if self.peek().text not in ("+", "-"):
            return self.power()
        sign = self.advance().text
        self.count()
        self.enter()
        operand = self.factor()
        self.depth -= 1
        return operand if sign == "+" else _apply(np.negative, operand)

    def power(self) -> Node:
        base = self.atom()
        if self.peek().text != "**":
            return base
        self.advance()
        self.enter()
        exponent = self.factor()
        self.depth -= 1
        return self.binary("**", base, exponent)

    def atom(self) -> Node:
        token = self.advance()
        if token.kind == "number":
            self.count()
            value = np.float64(float(token.text))
            if not np.isfinite(value):
                raise ExpressionError(
                    f"expression: number {brief(token.text, 24)} at column {token.column} is too large "
                    f"(at most {np.finfo(np.float64).max:.4g})"
                )
            return value
        if token.kind == "name":
            if self.peek().text == "(":
                return self.call(token)
            return self.name(token)
        if token.text == "(":
            self.enter()
            node = self.sum()
            self.depth -= 1
            closing = self.advance()
            if closing.kind == "end":
                raise ExpressionError(f"expression: missing ')' to close '(' at column {token.column}")
            if closing.text != ")":
                raise self.unexpected(closing, "expected an operator + - * / ** or ')'")
            return node
        raise self.unexpected(token, _OPERAND)

    def name(self, token: _Token) -> Node:
        self.count()
        if token.text in CONSTANTS:
            return CONSTANTS[token.text]
        if token.text in VARIABLES:
            return operator.itemgetter(VARIABLES.index(token.text))
        if token.text in FUNCTIONS:
            raise ExpressionError(
                f"expression: {brief(token.text, 24)} at column {token.column} is a function: write {token.text}(...)"
            )
        raise ExpressionError(f"expression: unknown name {brief(token.text, 24)} (allowed: {_ALLOWED_NAMES})")

    def call(self, token: _Token) -> Node:
        if token.text not in FUNCTIONS:
            raise ExpressionError(
                f"expression: {brief(token.text, 24)} is not an allowed function (allowed: {_ALLOWED_FUNCTIONS})"
            )
        function, arity = FUNCTIONS[token.text]
        self.count()
        self.advance()  # the "("
        self.enter()
        args: list[Node] = []
        if self.peek().text != ")":
            args.append(self.sum())
            while self.peek().text == ",":
                self.advance()
                args.append(self.sum())
        self.depth -= 1
        closing = self.advance()
        if closing.kind == "end":
            raise ExpressionError(f"expression: missing ')' to close {token.text}( at column {token.column}")
        if closing.text != ")":
            raise self.unexpected(closing, "expected an operator + - * / **, ',' or ')'")
        if len(args) != arity:
            plural = "argument" if arity == 1 else "arguments"
            raise ExpressionError(f"expression: {token.text} takes {arity} {plural}, got {len(args)}")
        return _apply(function, *args)

    def binary(self, op: str, left: Node, right: Node) -> Node:
        self.count()
        return _apply(BINARY[op], left, right)


def _apply(function: np.ufunc, *args: Node) -> Node:
    """Node computing function(*args), folded to a constant when every argument is constant.

    An operand computed by another operation is scratch that nothing else holds, so the result is
    written into it (out=) when the shapes allow; otherwise into scratch taken from the call's
    pool. Scratch consumed is given back: after the first call no operation allocates.
    """
    if not any(callable(a) for a in args):
        return function(*args)
    if len(args) == 1:
        (f,) = args
        fresh = _is_fresh(f)

        def unary(env: Env) -> np.ndarray:
            a = f(env)
            if type(a) is np.ndarray and a.shape == env[4]:
                return function(a, out=a if fresh else env[5].take())
            return function(a)

        return unary
    left, right = args
    left_fresh, right_fresh = _is_fresh(left), _is_fresh(right)
    get_left = left if callable(left) else lambda env: left
    get_right = right if callable(right) else lambda env: right

    def binary(env: Env) -> np.ndarray:
        a, b = get_left(env), get_right(env)
        shape, pool = env[4], env[5]
        a_scratch = left_fresh and type(a) is np.ndarray and a.shape == shape
        b_scratch = right_fresh and type(b) is np.ndarray and b.shape == shape
        if a_scratch:
            function(a, b, out=a)
            if b_scratch:
                pool.give(b)
            return a
        if b_scratch:
            return function(a, b, out=b)
        if np.shape(a) == shape or np.shape(b) == shape:   # then so is the result's
            return function(a, b, out=pool.take())
        return function(a, b)

    return binary


def _is_fresh(node: Node) -> bool:
    """True when evaluating `node` makes a new array (an operation, not a variable or constant)."""
    return callable(node) and not isinstance(node, operator.itemgetter)
