# === defaults and keywords
def f(a, b=2, *args, c, d=4, **kwargs):
    return (a, b, args, c, d, kwargs)
print(f(1, c=3), f(1, 2, 3, 4, c=5, e=6), f(a=1, c=2), f(*[1, 2], **{'c': 3, 'z': 0}))
# === positional-only parameters
def g(a, b, /, c, *, d=0):
    return a + b + c + d
print(g(1, 2, 3), g(1, 2, c=3, d=4))
try:
    g(a=1, b=2, c=3)
except TypeError as e:
    print(e)
# === argument errors
def h(a, b, c=1):
    pass
for call in [lambda: h(1), lambda: h(), lambda: h(1, 2, 3, 4), lambda: h(1, 2, d=5), lambda: h(1, 2, a=3)]:
    try:
        call()
    except TypeError as e:
        print(e)
def k(*, x, y):
    pass
try:
    k(x=1)
except TypeError as e:
    print(e)
try:
    k(1, x=1, y=2)
except TypeError as e:
    print(e)
class C:
    def m(self, x):
        pass
try:
    C().m()
except TypeError as e:
    print(e)
try:
    C().m(1, 2)
except TypeError as e:
    print(e)
# === mutable default shared
def app(x, acc=[]):
    acc.append(x)
    return acc
print(app(1), app(2))
# === closures and nonlocal
def counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc
c1, c2 = counter(), counter()
print(c1(), c1(), c1(10), c2())
def outer():
    x = 'outer'
    def mid():
        def inner():
            return x
        return inner()
    return mid()
print(outer())
fns = [lambda i=i: i * 10 for i in range(3)]
late = [lambda: i for i in range(3)]
print([f() for f in fns], [f() for f in late])
# === global statement
counter_value = 0
def bump():
    global counter_value
    counter_value += 1
bump(); bump()
print(counter_value)
def read_global():
    return counter_value * 2
print(read_global())
# === unbound local error
x = 1
def broken():
    print(x)
    x = 2
broken()
# === lambdas
sq = lambda v: v * v
add = lambda a, b=10: a + b
print(sq(4), add(1), add(1, 2), (lambda *a, **k: (a, k))(1, z=2), sorted([3, -1, 2], key=lambda v: abs(v)), sq.__name__)
# === decorators
import functools
def trace(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        print('call', fn.__name__, args)
        return fn(*args, **kwargs)
    return wrapper
def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco
@trace
def add(a, b):
    """Adds."""
    return a + b
@repeat(3)
def one():
    return 1
print(add(1, 2), add.__name__, add.__doc__, add.__wrapped__(2, 2), one())
# === recursion
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def fact(n):
    return 1 if n == 0 else n * fact(n - 1)
print(fib(20), fact(25), [fib(i) for i in range(10)])
# === recursion limit
def forever(n):
    return forever(n + 1)
forever(0)
# === generators
def gen(n):
    for i in range(n):
        yield i * i
    return 'done'
g = gen(3)
print(next(g), next(g), list(g), list(gen(0)), sum(gen(4)))
def echo():
    received = []
    while True:
        v = yield len(received)
        if v is None:
            break
        received.append(v)
    return received
e = echo()
print(next(e), e.send('a'), e.send('b'))
try:
    next(e)
except StopIteration as stop:
    print('stop', stop.value)
# === yield from
def inner():
    yield 1
    yield 2
    return 'inner-result'
def outer():
    r = yield from inner()
    yield r
    yield from [3, 4]
print(list(outer()))
def flatten(x):
    for item in x:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, 4]], 5])))
# === generator expressions are lazy
def noisy(n):
    for i in range(n):
        print('produce', i)
        yield i
g = (x * 2 for x in noisy(3))
print('created')
print(next(g))
print(list(g))
# === generator with try finally
def guarded():
    try:
        yield 1
        yield 2
    finally:
        print('cleanup')
for v in guarded():
    print(v)
# === infinite generator with islice
import itertools
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(list(itertools.islice(naturals(), 5)), list(zip(naturals(), 'ab')))
# === function attributes
def documented(a, b=1, *, c=2):
    "Doc string."
    return a
documented.extra = 'tag'
print(documented.__name__, documented.__qualname__, documented.__doc__, documented.__defaults__, documented.__kwdefaults__, documented.extra)
class K:
    def method(self):
        def nested():
            pass
        return nested
print(K.method.__qualname__, K().method().__qualname__, (lambda: 0).__name__)
# === calling non callables
x = 5
x()
# === temporary generator closed when a loop leaves early
def g():
    try:
        yield 1
        yield 2
    finally:
        print('cleanup')
for x in g():
    break
print('after break')
def first(items):
    for v in g():
        return v
print(first([]))
kept = g()
for x in kept:
    break
print('kept open')
print(list(kept))
