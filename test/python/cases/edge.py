# === class body scope rules
class K:
    x = 10
    ys = [x + i for i in range(3)]
    try:
        zs = [x for _ in range(1)]
    except NameError as e:
        err = str(e)
print(K.ys, K.err)
# === closures over loop variables and class decorators
def register(cls):
    cls.registered = True
    return cls
@register
class Plugin:
    pass
funcs = []
for i in range(3):
    def f(i=i):
        return i
    funcs.append(f)
print(Plugin.registered, [g() for g in funcs])
def make_adders():
    out = []
    for k in range(3):
        out.append(lambda x, k=k: x + k)
    return out
print([a(10) for a in make_adders()])
# === nonlocal in nested loops and generators
def outer():
    total = 0
    def add(v):
        nonlocal total
        total += v
    for v in range(5):
        add(v)
    def gen():
        nonlocal total
        while total > 0:
            total -= 4
            yield total
    return list(gen()), total
print(outer())
# === reflected operators between classes
class Meters:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        if isinstance(other, Meters):
            return Meters(self.v + other.v)
        return NotImplemented
    def __radd__(self, other):
        if other == 0:
            return self
        return NotImplemented
    def __eq__(self, other):
        return isinstance(other, Meters) and self.v == other.v
    def __repr__(self):
        return f'{self.v}m'
class Feet:
    def __init__(self, v):
        self.v = v
    def __radd__(self, other):
        if isinstance(other, Meters):
            return Meters(other.v + self.v * 0.3)
        return NotImplemented
print(Meters(1) + Meters(2), Meters(1) + Feet(10), sum([Meters(1), Meters(2)]), Meters(1) == Meters(1), Meters(1) != Meters(2))
try:
    Meters(1) + 5
except TypeError as e:
    print(e)
# === comparison fallbacks
class Only:
    def __lt__(self, other):
        return True
print(Only() < Only(), Only() > Only())
try:
    sorted([3, 'a'])
except TypeError as e:
    print(e)
try:
    Only() <= Only()
except TypeError as e:
    print(e)
# === error inside __repr__ during print
class BadRepr:
    def __repr__(self):
        raise RuntimeError('repr failed')
print([BadRepr()])
# === nested functions and recursion with default args
def memo_fib():
    cache = {}
    def fib(n):
        if n in cache:
            return cache[n]
        r = n if n < 2 else fib(n - 1) + fib(n - 2)
        cache[n] = r
        return r
    return fib
fib = memo_fib()
print(fib(80))
# === global declared in nested function and del of global
value = 1
def setter():
    def inner():
        global value
        value = 42
    inner()
setter()
print(value)
del value
print('value' in globals())
# === tricky f-strings and string escapes
name = 'x'
d = {'k': 'v'}
print(f"{d['k']}", f'{"quoted"}', f"{name!r:>5}", f"{3.0:g}", f"{'a' if name else 'b'}", f"{{{name}}}", f"{len(d):03}")
print('a\\b', 'tab\tx', 'nl\\n', '\x41\u0042', 'q"q', "s's", '''tri'ple''', len('\n'))
# === integer division and bigint edge cases
print(-(2 ** 63) // 3, (2 ** 100) % 7, -(2 ** 100) % 7, 2 ** 100 // -(2 ** 50), int('9' * 30) + 1, abs(-(2 ** 70)), (10 ** 20) / 10 ** 10)
print(round(2 ** 60 + 0.5), int(1e20), 10 ** 16 == 1e16, 2 ** 53 + 1 == float(2 ** 53 + 1), float(10 ** 30), 3 * 1.1)
# === chained comparisons evaluate once
calls = []
def val(v):
    calls.append(v)
    return v
print(val(1) < val(2) < val(0) < val(5), calls)
# === star expressions
first, *middle, last = range(6)
head, *tail = 'abc'
(*init,) = [1, 2]
print(first, middle, last, head, tail, init, [*range(3), *'ab'], {**{'a': 1}, 'b': 2})
# === try finally with break in loop and exceptions in else
for i in range(3):
    try:
        if i == 1:
            break
    finally:
        print('finally', i)
def g():
    try:
        pass
    except Exception:
        return 'except'
    else:
        return 'else'
    finally:
        print('cleanup')
print(g())
# === exceptions inside generators propagate to consumer
def gen():
    yield 1
    raise ValueError('inside gen')
try:
    for x in gen():
        print('got', x)
except ValueError as e:
    print('caught', e)
# === modifying list while iterating
items = [1, 2, 3, 4]
for x in items:
    if x == 2:
        items.remove(x)
print(items)
# === object identity and equality of containers
a = [1, [2, 3]]
b = a[:]
print(a == b, a is b, a[1] is b[1], [] is [], () == (), None is None, 1 == True, (1, 2) == [1, 2])
# === methods as first class values
class Counter:
    def __init__(self):
        self.n = 0
    def inc(self, k=1):
        self.n += k
        return self.n
c = Counter()
inc = c.inc
inc(); inc(5)
m = Counter.inc
m(c)
print(c.n, inc.__self__ is c, inc.__func__ is Counter.inc, Counter.inc.__name__)
# === assert with tuple message and side effects
x = 5
assert x > 0, ('message', x)
assert isinstance(x, int)
print('asserts passed')
# === deeply nested data and repr
data = {'layers': [{'type': 'conv', 'args': (3, 64), 'opts': {'bias': False, 'pad': None}}, {'type': 'relu'}], 'n': 2.5}
print(data)
print(str(data['layers'][0]['args']), list(data), [l['type'] for l in data['layers']])
