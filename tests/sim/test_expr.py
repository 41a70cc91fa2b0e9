"""Tests for sim/beach/expr.py: the safe custom-loss expression parser."""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sim.beach import expr as expr_module
from sim.beach.expr import MAX_DEPTH, MAX_LENGTH, MAX_TERMS, Expression, ExpressionError, compile_expression

# Any numpy warning (overflow, divide by zero, invalid value) fails the test.
pytestmark = pytest.mark.filterwarnings("error")

RNG = np.random.default_rng(12345)
N = 7
X = np.concatenate([[[0.0], [-2.0], [3.5], [1e-9], [-7.25]], RNG.uniform(-10, 10, (5, N - 1))], axis=1)
Y = np.concatenate([[[0.0], [1.0], [-0.5], [-1e-9], [9.0]], RNG.uniform(-10, 10, (5, N - 1))], axis=1)
TX = np.concatenate([[0.0], RNG.uniform(-10, 10, N - 1)])
TY = np.concatenate([[-3.0], RNG.uniform(-10, 10, N - 1)])

Formula = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray]

VALUE_CASES: list[tuple[str, Formula]] = [
    ("(x-tx)**2 + (y-ty)**2", lambda x, y, tx, ty: np.square(x - tx) + np.square(y - ty)),
    ("hypot(x-tx, y-ty)", lambda x, y, tx, ty: np.sqrt(np.square(x - tx) + np.square(y - ty))),
    (
        "sqrt((x-tx)**2+(y-ty)**2) + 0.5*sin(x)",
        lambda x, y, tx, ty: np.sqrt(np.square(x - tx) + np.square(y - ty)) + 0.5 * np.sin(x),
    ),
    ("-exp(-((x-tx)**2+(y-ty)**2)/8)", lambda x, y, tx, ty: -np.exp(-(np.square(x - tx) + np.square(y - ty)) / 8)),
    ("0.5*((x-tx)**2 + (y-ty)**2)", lambda x, y, tx, ty: 0.5 * (np.square(x - tx) + np.square(y - ty))),
    ("2*x - -3", lambda x, y, tx, ty: 2 * x + 3),
    ("1e-3*x", lambda x, y, tx, ty: 0.001 * x),
    (".5*x", lambda x, y, tx, ty: 0.5 * x),
    ("2.e1*y + 1E+2*x - 25e-1", lambda x, y, tx, ty: 20 * y + 100 * x - 2.5),
    # precedence and associativity, as in Python
    ("-x**2", lambda x, y, tx, ty: -(np.square(x))),
    ("2**3**2", lambda x, y, tx, ty: np.full(np.shape(x), 512.0)),
    ("(2**3)**2", lambda x, y, tx, ty: np.full(np.shape(x), 64.0)),
    ("x-y-tx", lambda x, y, tx, ty: (x - y) - tx),
    ("x/y/2", lambda x, y, tx, ty: (x / y) / 2),
    ("x - (y - tx)", lambda x, y, tx, ty: x - y + tx),
    ("x + y*tx**2/ty - 1", lambda x, y, tx, ty: x + ((y * np.square(tx)) / ty) - 1),
    ("2**-x", lambda x, y, tx, ty: 1 / np.power(2.0, x)),
    ("-2**-2", lambda x, y, tx, ty: np.full(np.shape(x), -0.25)),
    ("(-2)**2", lambda x, y, tx, ty: np.full(np.shape(x), 4.0)),
    ("x*-y", lambda x, y, tx, ty: -(x * y)),
    ("+x - +y", lambda x, y, tx, ty: x - y),
    ("--x", lambda x, y, tx, ty: x),
    ("- - -x", lambda x, y, tx, ty: -x),
    (
        "abs(x) + log(abs(y)+1) + cos(tx) + tanh(ty)",
        lambda x, y, tx, ty: np.abs(x) + np.log1p(np.abs(y)) + np.cos(tx) + np.tanh(ty),
    ),
    ("(tx - 1)*(x - 2) + (ty + 1)/(y - 3)", lambda x, y, tx, ty: (tx - 1) * (x - 2) + (ty + 1) / (y - 3)),
    ("sin(tx)*cos(ty) - abs(x)", lambda x, y, tx, ty: np.sin(tx) * np.cos(ty) - np.abs(x)),
    ("pi*e + x*0", lambda x, y, tx, ty: np.full(np.shape(x), np.pi * np.e)),
    ("sin(pi/2)*x", lambda x, y, tx, ty: x),
    # non-finite results are allowed and come back without warnings
    ("x**0.5", lambda x, y, tx, ty: np.power(x, 0.5)),
    ("log(x)", lambda x, y, tx, ty: np.log(x)),
    ("1/(x-x)", lambda x, y, tx, ty: np.full(np.shape(x), np.inf)),
    ("0/(x-x)", lambda x, y, tx, ty: np.full(np.shape(x), np.nan)),
    ("1/x", lambda x, y, tx, ty: np.divide(1, x)),
    ("exp(1000*x)", lambda x, y, tx, ty: np.exp(1000 * x)),
    ("9**9**9 + x", lambda x, y, tx, ty: np.full(np.shape(x), np.inf)),
    ("10**400 - 10**400", lambda x, y, tx, ty: np.full(np.shape(x), np.nan)),
]


@pytest.mark.parametrize(("text", "formula"), VALUE_CASES, ids=[case[0] for case in VALUE_CASES])
def test_values_match_numpy(text: str, formula: Formula) -> None:
    with np.errstate(all="ignore"):
        expected = np.broadcast_to(formula(X, Y, TX, TY), X.shape)
    inputs = [X.copy(), Y.copy(), TX.copy(), TY.copy()]
    got = compile_expression(text)(*inputs)
    for before, after in zip((X, Y, TX, TY), inputs):  # intermediate results never overwrite inputs
        np.testing.assert_array_equal(before, after)
    assert got.dtype == np.float64
    assert got.shape == X.shape
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12, equal_nan=True)


def test_precedence_is_pythons_not_left_to_right() -> None:
    x = np.array([3.0])
    one = np.array([1.0])
    assert compile_expression("-x**2")(x, one, one, one)[0] == -9.0
    assert compile_expression("2**3**2")(x, one, one, one)[0] == 512.0
    assert compile_expression("x-y-tx")(x, one, one, one)[0] == 1.0
    assert compile_expression("x/y/2")(x, np.array([2.0]), one, one)[0] == 0.75
    assert compile_expression("1 + 2*3")(x, one, one, one)[0] == 7.0


@pytest.mark.parametrize(
    ("shapes", "expected"),
    [
        (((5, N), (5, N), (), ()), (5, N)),
        (((5, N), (5, N), (N,), (N,)), (5, N)),
        (((N,), (N,), (), ()), (N,)),
        (((), (), (), ()), ()),
        (((5, 1), (1, N), (), (N,)), (5, N)),
    ],
)
@pytest.mark.parametrize("text", ["(x-tx)**2 + (y-ty)**2", "3", "tx", "x", "hypot(1, 2)"])
def test_result_has_broadcast_shape(text: str, shapes: tuple[tuple[int, ...], ...], expected: tuple[int, ...]) -> None:
    args = [np.full(shape, 1.5) for shape in shapes]
    got = compile_expression(text)(*args)
    assert isinstance(got, np.ndarray)
    assert got.shape == expected
    assert got.dtype == np.float64


def test_constant_fills_the_shape() -> None:
    got = compile_expression("3")(X, Y, 0.0, 0.0)
    np.testing.assert_array_equal(got, np.full(X.shape, 3.0))


def test_variable_broadcasts_along_rows() -> None:
    got = compile_expression("tx")(X, Y, TX, TY)
    np.testing.assert_array_equal(got, np.tile(TX, (5, 1)))


def test_result_is_a_fresh_writable_array() -> None:
    x = np.array([1.0, 2.0])
    for text in ("x", "+x", "3", "tx"):
        got = compile_expression(text)(x, x, 4.0, 5.0)
        got[...] = -1.0
        np.testing.assert_array_equal(x, [1.0, 2.0])


def test_integer_inputs_are_evaluated_as_float64() -> None:
    x = np.array([1, 2, 4])
    np.testing.assert_array_equal(compile_expression("x/2")(x, 0, 0, 0), [0.5, 1.0, 2.0])
    np.testing.assert_array_equal(compile_expression("x**-1")(x, 0, 0, 0), [1.0, 0.5, 0.25])
    np.testing.assert_array_equal(compile_expression("2**x")([0, 100, 1100], 0, 0, 0), [1.0, 2.0**100, np.inf])


def test_numbers_are_floats_so_huge_powers_are_inf() -> None:
    assert np.isposinf(compile_expression("9**9**9")(0.0, 0.0, 0.0, 0.0))
    assert np.isnan(compile_expression("log(-1)")(0.0, 0.0, 0.0, 0.0))
    assert np.isneginf(compile_expression("log(0)")(0.0, 0.0, 0.0, 0.0))
    assert np.isposinf(compile_expression("1/0")(0.0, 0.0, 0.0, 0.0))


def test_no_numpy_warnings_even_when_errors_would_raise() -> None:
    x = np.array([-1.0, 0.0, 1e300, np.inf, np.nan])
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        got = compile_expression("log(x) + 1/x + sqrt(x) + exp(x) + x*x + 0/0")(x, x, x, x)
    assert got.shape == x.shape
    assert np.isnan(got).all()


def test_expression_object() -> None:
    e = compile_expression("hypot(x-tx, y-ty)")
    assert isinstance(e, Expression)
    assert e.text == "hypot(x-tx, y-ty)"
    assert e == compile_expression("hypot(x-tx, y-ty)")
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.text = "x"  # type: ignore[misc]


REJECTIONS = [
    ("z", "expression: unknown name 'z' (allowed: x, y, tx, ty, pi, e)"),
    ("X + y", "unknown name 'X'"),
    ("x.real", "unexpected '.' at column 2 (attribute access is not allowed)"),
    ("(x).__class__", "unexpected '.' at column 4"),
    ("1.real", "unexpected 'real' at column 3"),
    (
        "__import__('os')",
        "'__import__' is not an allowed function (allowed: abs, sqrt, exp, log, sin, cos, tanh, hypot)",
    ),
    ("open('f')", "expression: 'open' is not an allowed function"),
    ("x(2)", "'x' is not an allowed function"),
    ("x[0]", "unexpected '[' at column 2 (subscripts are not allowed)"),
    ("'x'", "strings are not allowed"),
    ('"x" + x', "strings are not allowed"),
    ("lambda: 1", "unknown name 'lambda'"),
    ("lambda x: x", "unknown name 'lambda'"),
    ("x if y else tx", "unexpected 'if' at column 3"),
    ("import os", "unknown name 'import'"),
    ("not x", "unknown name 'not'"),
    ("x and y", "unexpected 'and' at column 3"),
    ("x < y", "unexpected '<' at column 3 (comparisons are not allowed)"),
    ("x == y", "comparisons are not allowed"),
    ("x >= y", "comparisons are not allowed"),
    ("x = 1", "comparisons are not allowed"),
    ("x ^ 2", "use ** for powers"),
    ("x // 2", "unexpected '/' at column 4"),
    ("x % 2", "unexpected '%' at column 3"),
    ("x; y", "unexpected ';' at column 2"),
    ("{x}", "unexpected '{' at column 1"),
    ("x @ y", "unexpected '@'"),
    ("hypot(x)", "expression: hypot takes 2 arguments, got 1"),
    ("hypot(x, y, tx)", "hypot takes 2 arguments, got 3"),
    ("sin(x, y)", "sin takes 1 argument, got 2"),
    ("sqrt()", "sqrt takes 1 argument, got 0"),
    ("sin", "'sin' at column 1 is a function: write sin(...)"),
    ("", "expression is empty"),
    ("   \t ", "expression is empty"),
    ("(x", "missing ')' to close '(' at column 1"),
    ("sin(x", "missing ')' to close sin( at column 1"),
    ("x)", "unexpected ')' at column 2"),
    ("()", "unexpected ')' at column 2"),
    ("hypot(x,)", "unexpected ')' at column 9"),
    ("x +", "ends too early at column 4"),
    ("*x", "unexpected '*' at column 1"),
    ("**x", "unexpected '**' at column 1"),
    ("2x", "unexpected 'x' at column 2"),
    ("1e", "unexpected 'e' at column 2"),
    ("0x10", "unexpected 'x10' at column 2"),
    ("1_000", "unexpected '_000' at column 2"),
    ("x y", "unexpected 'y' at column 3"),
    ("x²", "unexpected '²' at column 2"),
    ("1e999", "number '1e999' at column 1 is too large"),
    ("9" * 400, f"number '{'9' * 21}...' at column 1 is too large"),
    ("x + " * 150 + "x", f"expression is too long (601 characters, at most {MAX_LENGTH})"),
    ("(" * 10_000 + "x" + ")" * 10_000, "expression is too long (20001 characters, at most 500)"),
    ("-" * 10_000 + "x", "expression is too long (10001 characters, at most 500)"),
    ("(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1), f"too deeply nested (at most {MAX_DEPTH} levels)"),
    ("-" * (MAX_DEPTH + 1) + "x", "expression is too deeply nested (at most 40 levels)"),
    ("sin(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1), "too deeply nested"),
    ("2**" * (MAX_DEPTH + 1) + "2", "too deeply nested"),
    ("+".join(["x"] * 101), f"expression is too large (at most {MAX_TERMS} terms)"),
]


@pytest.mark.parametrize(("text", "message"), REJECTIONS, ids=[repr(t[:20]) for t, _ in REJECTIONS])
def test_rejections_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(ExpressionError) as info:
        compile_expression(text)
    text_of_error = str(info.value)
    assert message in text_of_error
    assert text_of_error.startswith("expression")
    assert "\n" not in text_of_error
    assert len(text_of_error) < 200


def test_expression_error_is_a_value_error() -> None:
    assert issubclass(ExpressionError, ValueError)


def test_non_string_is_rejected() -> None:
    with pytest.raises(ExpressionError, match="must be a string, got NoneType"):
        compile_expression(None)  # type: ignore[arg-type]


def test_limits_are_inclusive() -> None:
    depth = MAX_DEPTH
    assert compile_expression("(" * depth + "x" + ")" * depth)(2.0, 0, 0, 0) == 2.0
    assert compile_expression("-" * depth + "x")(2.0, 0, 0, 0) == 2.0  # an even number of signs
    # 100 names, 99 plus signs and one unary minus: exactly MAX_TERMS nodes, evaluated left-deep
    assert MAX_TERMS == 200
    text = "-" + "+".join(["x"] * 100)
    np.testing.assert_array_equal(compile_expression(text)(np.array([1.0, 3.0]), 0, 0, 0), [98.0, 294.0])
    with pytest.raises(ExpressionError, match="too large"):
        compile_expression("-" + text)
    assert len("x" * MAX_LENGTH) == 500
    with pytest.raises(ExpressionError, match="unknown name"):  # long enough, then rejected by name
        compile_expression("x" * MAX_LENGTH)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(" * 10_000 + "x" + ")" * 10_000, "too deeply nested"),
        ("-" * 100_000 + "x", "too deeply nested"),
        ("+" * 100_000 + "x", "too deeply nested"),
        ("2**" * 10_000 + "2", "too deeply nested"),
        ("sin(" * 10_000 + "x" + ")" * 10_000, "too deeply nested"),
        ("x+" * 100_000 + "x", "too large"),
    ],
    ids=["parens", "minus", "plus", "powers", "calls", "sum"],
)
def test_depth_and_size_are_checked_before_deep_recursion(
    monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    """Even without the length limit, hostile nesting gives ExpressionError, never RecursionError."""
    monkeypatch.setattr(expr_module, "MAX_LENGTH", 10**7)
    with pytest.raises(ExpressionError, match=message):
        compile_expression(text)


# ---- property: random expression trees rendered to text evaluate like the tree itself -------------

# A tree is a tuple: ("num", text, value) | ("var", name) | ("const", name) | ("neg", t) | ("pos", t)
# | ("bin", op, left, right) | ("call", name, (args...)) | ("paren", t).
NUMBER_TEXTS = ["0", "1", "2", "3", "10", "7.", ".5", "0.25", "1e-3", "2.5E2", "1e300", "4e-320", "12.75"]
OPS = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.true_divide, "**": np.power}
FUNCS = {
    "abs": np.abs,
    "sqrt": np.sqrt,
    "exp": np.exp,
    "log": np.log,
    "sin": np.sin,
    "cos": np.cos,
    "tanh": np.tanh,
    "hypot": np.hypot,
}
PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "**": 4}
UNARY_PREC = 3
ATOM_PREC = 5

leaves = st.one_of(
    st.sampled_from(NUMBER_TEXTS).map(lambda t: ("num", t, float(t))),
    st.sampled_from(["x", "y", "tx", "ty"]).map(lambda n: ("var", n)),
    st.sampled_from(["pi", "e"]).map(lambda n: ("const", n)),
)


def _extend(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.tuples(st.sampled_from(["neg", "pos", "paren"]), children),
        st.tuples(st.just("bin"), st.sampled_from(list(OPS)), children, children),
        st.tuples(st.just("call"), st.sampled_from([f for f in FUNCS if f != "hypot"]), st.tuples(children)),
        st.tuples(st.just("call"), st.just("hypot"), st.tuples(children, children)),
    )


trees = st.recursive(leaves, _extend, max_leaves=14)


def render(tree: tuple) -> tuple[str, int]:
    """Text of the tree with only the parentheses Python's precedence needs, and its precedence."""
    kind = tree[0]
    if kind == "num":
        return tree[1], ATOM_PREC
    if kind in ("var", "const"):
        return tree[1], ATOM_PREC
    if kind == "paren":
        return "(" + render(tree[1])[0] + ")", ATOM_PREC
    if kind == "call":
        return tree[1] + "(" + ", ".join(render(a)[0] for a in tree[2]) + ")", ATOM_PREC
    if kind in ("neg", "pos"):
        text, prec = render(tree[1])
        sign = "-" if kind == "neg" else "+"
        return sign + (f"({text})" if prec < UNARY_PREC else text), UNARY_PREC
    _, op, left, right = tree
    (lt, lp), (rt, rp) = render(left), render(right)
    p = PREC[op]
    if op == "**":  # right-associative; the base must be an atom, the exponent may be signed
        left_needs, right_needs = lp <= p, rp < UNARY_PREC
    else:  # left-associative
        left_needs, right_needs = lp < p, rp <= p
    lt = f"({lt})" if left_needs else lt
    rt = f"({rt})" if right_needs else rt
    joiner = f" {op} " if p == 1 else op
    return lt + joiner + rt, p


def evaluate(tree: tuple, env: dict[str, np.ndarray]) -> np.ndarray | np.float64:
    """Independent evaluation of the tree: numpy on float64, literals as float64 scalars."""
    kind = tree[0]
    if kind == "num":
        return np.float64(tree[2])
    if kind == "var":
        return env[tree[1]]
    if kind == "const":
        return np.float64({"pi": np.pi, "e": np.e}[tree[1]])
    if kind in ("paren", "pos"):
        return evaluate(tree[1], env)
    if kind == "neg":
        return np.negative(evaluate(tree[1], env))
    if kind == "call":
        return FUNCS[tree[1]](*(evaluate(a, env) for a in tree[2]))
    return OPS[tree[1]](evaluate(tree[2], env), evaluate(tree[3], env))


def subtrees(tree: tuple) -> list[tuple]:
    kind = tree[0]
    if kind in ("neg", "pos", "paren"):
        return [tree[1]]
    if kind == "bin":
        return [tree[2], tree[3]]
    if kind == "call":
        return list(tree[2])
    return []


def height(tree: tuple) -> int:
    return 1 + max((height(c) for c in subtrees(tree)), default=0)


ENV = {"x": X[:, :4], "y": Y[:, :4], "tx": TX[:4], "ty": np.float64(2.5)}


@settings(max_examples=50, deadline=None)
@given(trees)
def test_rendered_trees_evaluate_like_the_tree(tree: tuple) -> None:
    text, _ = render(tree)
    assume(len(text) <= MAX_LENGTH and height(tree) <= 18)
    with np.errstate(all="ignore"):
        expected = np.broadcast_to(evaluate(tree, ENV), ENV["x"].shape)
    inputs = {name: np.array(value) for name, value in ENV.items()}
    got = compile_expression(text)(inputs["x"], inputs["y"], inputs["tx"], inputs["ty"])
    for name, value in ENV.items():
        np.testing.assert_array_equal(inputs[name], value)
    assert got.shape == expected.shape
    np.testing.assert_array_equal(got, expected, err_msg=text)


def test_renderer_and_oracle_agree_with_python_precedence() -> None:
    """Guard for the property test's own renderer: a few trees with known text."""
    two, three, x = ("num", "2", 2.0), ("num", "3", 3.0), ("var", "x")
    assert render(("neg", ("bin", "**", x, two)))[0] == "-x**2"
    assert render(("bin", "**", ("neg", x), two))[0] == "(-x)**2"
    assert render(("bin", "**", two, ("bin", "**", three, two)))[0] == "2**3**2"
    assert render(("bin", "**", ("bin", "**", two, three), two))[0] == "(2**3)**2"
    assert render(("bin", "-", x, ("bin", "-", x, two)))[0] == "x - (x - 2)"
    assert render(("bin", "-", ("bin", "-", x, x), two))[0] == "x - x - 2"
    assert render(("bin", "/", x, ("bin", "*", two, x)))[0] == "x/(2*x)"


FUZZ_ALPHABET = "xyt()+-*/.,e0123456789 pisnqrtcolhabdy[]'_<=^#@!\\:;λ²"


@settings(max_examples=50, deadline=None)
@given(st.one_of(st.text(FUZZ_ALPHABET, max_size=40), st.text(max_size=20)))
def test_any_text_compiles_or_raises_expression_error(text: str) -> None:
    try:
        compiled = compile_expression(text)
    except ExpressionError as error:
        assert "\n" not in str(error)
        return
    got = compiled(X, Y, TX, TY)
    assert got.shape == X.shape
    assert got.dtype == np.float64


def _plain(text: str, x, y, tx, ty) -> np.ndarray:
    """The same expression by Python's own operators on fresh numpy arrays (no kept scratch)."""
    names = {"x": x, "y": y, "tx": tx, "ty": ty, "pi": np.pi, "e": np.e, "abs": np.abs, "sqrt": np.sqrt,
             "exp": np.exp, "log": np.log, "sin": np.sin, "cos": np.cos, "tanh": np.tanh, "hypot": np.hypot}
    with np.errstate(all="ignore"):
        return np.asarray(eval(text, {"__builtins__": {}}, names), float) + 0.0   # text written by this test


def test_kept_scratch_gives_the_plain_bits_call_after_call() -> None:
    """The evaluator reuses its scratch arrays between calls: results already handed out stay as
    they were, and every call has the bits of a plain numpy evaluation, also when the shape changes."""
    text = "-(x - tx)*(y - ty) + sqrt(abs(x)) * exp(-(y*y)) / (1 + hypot(x - tx, 2*ty)) - tanh(x)**2 + 3*tx"
    expr = compile_expression(text)
    rng = np.random.default_rng(7)
    kept = []
    for shape in ((5, 40), (5, 40), (3,), (5, 40), (7, 2)):
        x, y = rng.normal(0, 3, shape), rng.normal(0, 3, shape)
        got = expr(x, y, 0.5, -1.5)
        want = _plain(text, x, y, 0.5, -1.5)
        assert got.tobytes() == want.tobytes()
        kept.append((got, got.copy()))
    for got, copy in kept:
        assert got.tobytes() == copy.tobytes()
